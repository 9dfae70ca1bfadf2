"""A corpus of hostile inputs for the whole pipeline, generated (seeded) into a folder.

``generate(root)`` writes well over a thousand inputs: empty, binary and 50 MB files, NUL
bytes, wrong and mixed encodings (cp1251, latin-1, UTF-16/32 with and without a BOM, lone
surrogates), truncated and garbage gzip, malformed JSON Lines (bad lines, wrong types,
nesting deeper than the parser's recursion limit, duplicate ids), HTML with no body, only
scripts or 10,000 nested tags, feeds with broken XML and entity tricks, WARC files cut
short or damaged, a manifest naming missing files, far-future and impossible dates, texts
of only numbers, quotes or punctuation, odd file names, a FIFO, dangling links, a
subfolder and paths that do not exist, and (``_safety``) a .txt of addresses, a URL list of
loopback and private addresses, a WARC page that inflates past the input limit, compressed
blank lines by the million, a half-written last line, links leaving the folder and a manifest
field over the csv limit; plus composed, valid articles in every format so
that documents come out too.  All text is composed here.

Each generated input comes with what must come out of it (``FuzzInput.records``): the
exact number of outcomes (documents or rejections) whose source is that input when it
is known, else None (at least one).  ``python -m tests.fuzz_corpus DIR`` writes the corpus
and prints the paths to give ``parallax analyze``.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

#: size of the files that must be refused by size before any of them is read.
BIG = 50_000_000

TOWNS = ["Corran", "Westmere", "Hollin Bay", "Tarnow Flats", "Essery", "Marlow Cross", "Quenby", "Stanholt"]
PEOPLE = ["Ruth Adebayo", "Piotr Malek", "Ines Carvalho", "Daniel Osei", "Hana Takeda", "Victor Lund"]
EVENTS = [
    ("a fire broke out at a timber yard", "firefighters"),
    ("a bridge partly collapsed", "engineers"),
    ("a chemical leak forced an evacuation", "the regional authority"),
    ("a bus left the road in heavy rain", "the police"),
    ("floodwater reached the old market", "the council"),
]


@dataclass
class FuzzInput:
    """One generated input: where it is, what family it belongs to, and how many outcomes
    (documents or rejections) must name it as their source (None: at least one)."""

    path: Path
    family: str
    records: int | None = 1


def article_text(rng: random.Random, words: int = 40) -> str:
    """A plain English news report of about `words` words, composed from templates."""
    town, person = rng.choice(TOWNS), rng.choice(PEOPLE)
    event, body = rng.choice(EVENTS)
    n, m = rng.randint(2, 40), rng.randint(1, 9)
    lines = [
        f"Emergency in {town} as {event.split(' ', 1)[1]}",
        f"On Tuesday {event} in {town}, and {n} people were taken to hospital, {body} said.",
        f'"We worked through the night to keep everyone safe," said {person}, who leads the response team.',
        f"Officials said {m} homes near the site were cleared as a precaution and that residents could "
        f"return on Thursday once inspectors had checked the area.",
    ]
    while len(" ".join(lines).split()) < words:
        lines.append(
            rng.choice(
                [
                    f"Local schools in {town} stayed open, although two roads remained closed until the evening.",
                    f"A spokesperson for {body} said an inquiry into the cause would begin next week.",
                    "Neighbours described hearing a loud noise shortly before the first crews arrived at the scene.",
                ]
            )
        )
    return "\n".join(lines)


def article_html(rng: random.Random, text: str | None = None) -> str:
    text = text or article_text(rng)
    head, *paras = text.split("\n")
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{head}</title></head><body>'
        f'<nav><a href="/">Home</a></nav><article><h1>{head}</h1>{body}</article>'
        f"<footer>All rights reserved.</footer></body></html>"
    )


def article_obj(rng: random.Random, doc_id: str, **extra) -> dict:
    return {
        "id": doc_id,
        "text": article_text(rng),
        "published": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "outlet": "The Composer Gazette",
        **extra,
    }


class _Writer:
    """Writes files into one folder, each under a unique name, and records them."""

    def __init__(self, folder: Path, rng: random.Random) -> None:
        self.folder = folder
        self.rng = rng
        self.inputs: list[FuzzInput] = []
        self.n = 0

    def name(self, family: str, suffix: str) -> Path:
        self.n += 1
        return self.folder / f"{family}-{self.n:04d}{suffix}"

    def add(self, family: str, suffix: str, data: bytes, records: int | None = 1) -> Path:
        path = self.name(family, suffix)
        path.write_bytes(data)
        self.inputs.append(FuzzInput(path, family, records))
        return path

    def jsonl(self, family: str, lines: list[bytes], suffix: str = ".jsonl", exact: bool = True) -> Path:
        """A JSON Lines file; its expected outcomes are its non-blank lines."""
        data = b"\n".join(lines) + b"\n"
        records = sum(1 for ln in data.split(b"\n") if ln.strip()) if exact else None
        return self.add(family, suffix, gzip.compress(data) if suffix.endswith(".gz") else data, records)


# ---------------------------------------------------------------------------- families


def _empty(w: _Writer) -> None:
    for suffix in (
        ".txt",
        ".html",
        ".json",
        ".jsonl",
        ".jsonl.gz",
        ".rss",
        ".xml",
        ".warc",
        ".warc.gz",
        ".atom",
    ):
        w.add("empty", suffix, b"")
        w.add(
            "blank",
            suffix,
            w.rng.choice([b" ", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf"]),
            None if suffix.startswith((".jsonl", ".warc")) else 1,
        )
    w.add("empty", ".jsonl.gz", gzip.compress(b""), None)


def _binary(w: _Writer, n: int) -> None:
    magics = [
        b"\x89PNG\r\n\x1a\n",
        b"\x7fELF\x02\x01\x01",
        b"%PDF-1.7\n",
        b"PK\x03\x04",
        b"\xff\xd8\xff\xe0",
        b"",
    ]
    for i in range(n):
        size = w.rng.choice([1, 7, 100, 4096, 65536])
        data = w.rng.choice(magics) + w.rng.randbytes(size)
        if i % 3 == 0:  # binary without NUL bytes (defeats the quick NUL check)
            data = bytes(b or 1 for b in data)
        suffix = w.rng.choice([".txt", ".html", ".json", ".htm", ".rss", ".xml", ".warc"])
        w.add("binary", suffix, data)
    for _ in range(n // 4):  # binary JSON Lines: one outcome a non-blank "line"
        w.jsonl(
            "binary-jsonl",
            [bytes(b or 1 for b in w.rng.randbytes(200)).replace(b"\n", b" ") for _ in range(3)],
        )


def _big(w: _Writer) -> None:
    """50 MB files (sparse: no disk is spent), refused by their size before being read."""
    for suffix in (".txt", ".html", ".json", ".rss", ".warc", ".xml"):
        path = w.name("big", suffix)
        with open(path, "wb") as fh:
            fh.truncate(BIG)
        w.inputs.append(FuzzInput(path, "big", 1))
    path = w.name("big-line", ".jsonl")  # one 50 MB line: refused by the line limit
    with open(path, "wb") as fh:
        fh.write(b'{"id": "x", "text": "')
        fh.seek(BIG)
        fh.write(b'"}\n')
    w.inputs.append(FuzzInput(path, "big-line", 1))


def _nul(w: _Writer, n: int) -> None:
    for i in range(n):
        text = article_text(w.rng)
        pos = sorted(w.rng.randrange(len(text)) for _ in range(w.rng.choice([1, 3, 50])))
        for p in reversed(pos):
            text = text[:p] + "\x00" + text[p:]
        kind = i % 4
        if kind == 0:
            w.add("nul", ".txt", text.encode("utf-8"))
        elif kind == 1:
            w.add("nul", ".html", article_html(w.rng, text).encode("utf-8"))
        elif kind == 2:  # escaped NULs inside valid JSON
            w.add("nul", ".json", json.dumps({"text": text, "title": "a\x00b"}).encode("utf-8"))
        else:
            w.jsonl(
                "nul",
                [json.dumps(article_obj(w.rng, f"nul{i}-{j}", title="\x00" * j)).encode() for j in range(3)],
            )


CYRILLIC = "Мэр города сообщил, что пострадавших нет. "


def _encodings(w: _Writer, n: int) -> None:
    for i in range(n):
        text = article_text(w.rng)
        kind = i % 12
        if kind == 0:
            w.add("cp1251", ".txt", (text + "\n" + CYRILLIC).encode("cp1251"))
        elif kind == 1:
            w.add("cp1251-ru", ".txt", (CYRILLIC * 20).encode("cp1251"))
        elif kind == 2:
            w.add("utf16-bom", ".txt", text.encode("utf-16"))
        elif kind == 3:
            w.add("utf16le-nobom", ".txt", text.encode("utf-16-le"))
        elif kind == 4:
            w.add("utf16be-nobom", ".html", article_html(w.rng, text).encode("utf-16-be"))
        elif kind == 5:
            w.add("utf32-bom", ".txt", text.encode("utf-32"))
        elif kind == 6:
            w.add(
                "latin1",
                ".html",
                article_html(w.rng, text + "\nCafé façade naïve.")
                .replace("utf-8", "iso-8859-1")
                .encode("latin-1"),
            )
        elif kind == 7:  # UTF-8 and cp1251 mixed in one file
            w.add(
                "mixed",
                ".txt",
                text.encode("utf-8") + b"\n" + CYRILLIC.encode("cp1251") + "\nЁж".encode(),
            )
        elif kind == 8:  # a meta charset that names no encoding
            w.add(
                "bad-charset",
                ".html",
                article_html(w.rng, text).replace("utf-8", "x-no-such-thing").encode("cp1252", "replace")
                + b"\x9d\x81",
            )
        elif kind == 9:  # lone surrogates in JSON strings
            w.add(
                "surrogate",
                ".json",
                json.dumps({"text": text + " \\ud800 end", "title": "x"})
                .encode()
                .replace(b"\\\\ud800", b"\\ud800"),
            )
        elif kind == 10:  # JSON Lines in UTF-16 (with BOM), and lines in mixed encodings
            lines = [json.dumps(article_obj(w.rng, f"u16-{i}-{j}")) for j in range(3)]
            w.add("utf16-jsonl", ".jsonl", "\n".join(lines).encode("utf-16"), None)
            mixed = [
                json.dumps(article_obj(w.rng, f"mx-{i}-0"), ensure_ascii=False).encode("utf-8"),
                json.dumps({"id": f"mx-{i}-1", "text": CYRILLIC * 3}, ensure_ascii=False).encode("cp1251"),
                b'{"id": "mx-%d-2", "text": "\\udc80\\ud800 lone"}' % i,
                json.dumps(article_obj(w.rng, f"mx-{i}-3")).encode("utf-16-le"),
            ]
            w.jsonl("mixed-jsonl", mixed)
        else:  # Shift-JIS and invalid UTF-8 sequences
            w.add("sjis", ".txt", ("東京で火事があり、消防が出動した。" * 10).encode("shift_jis"))
            w.add(
                "bad-utf8",
                ".txt",
                text.encode("utf-8")[:50] + b"\xc3\x28\xa0\xa1\xe2\x28\xa1" + text.encode(),
            )


def _gzip(w: _Writer, n: int) -> None:
    for i in range(n):
        lines = [json.dumps(article_obj(w.rng, f"gz{i}-{j}")).encode() for j in range(w.rng.randint(1, 6))]
        data = gzip.compress(b"\n".join(lines) + b"\n")
        kind = i % 5
        if kind == 0:
            w.add("gz-cut", ".jsonl.gz", data[: w.rng.randrange(1, len(data))], None)
        elif kind == 1:
            w.add("gz-garbage", ".jsonl.gz", b"\x1f\x8b\x08\x00" + w.rng.randbytes(300), None)
        elif kind == 2:
            w.add("gz-not", ".jsonl.gz", b"".join(lines), None)
        elif kind == 3:  # damage in the middle of the stream
            mid = len(data) // 2
            w.add("gz-flip", ".jsonl.gz", data[:mid] + bytes([data[mid] ^ 0xFF]) + data[mid + 1 :], None)
        else:  # a whole file followed by garbage
            w.add("gz-tail", ".jsonl.gz", data + b"trailing junk", None)


def _jsonl(w: _Writer, n: int) -> None:
    deep = b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    bad = [
        b"not json",
        b"{",
        b"[]",
        b"[1, 2]",
        b"42",
        b'"a string"',
        b"null",
        b"true",
        b'{"id": null, "text": "x"}',
        b'{"text": "no id here"}',
        b'{"id": {"a": 1}, "text": "x"}',
        b'{"id": "n", "text": 5}',
        b'{"id": "h", "html": ["x"]}',
        b'{"id": "e"}',
        b'{"id": "", "text": "x"}',
        b'{"id": "t", "text": ""}',
        b'{"id": "ws", "text": "   \\n\\t  "}',
        deep,
        b'{"id": "d1", "text": "' + b'\\"' * 3000 + b'"}',
        b"\xef\xbb\xbf" + b'{"id": "bom-mid", "text": "x"}',
        b'{"id": "nan", "text": NaN}',
        b'{"id": 1e999, "text": "inf id"}',
        b'{"id": "dup", "text": "x", "id": "dup2"}',
        b'{"id": "big-int", "text": "' + b"9" * 5000 + b'"}',
        b"\r",
        b'{"id": "cr"}\r',
    ]
    for i in range(n):
        lines = []
        for j in range(w.rng.randint(3, 9)):
            if w.rng.random() < 0.15:
                lines.append(json.dumps(article_obj(w.rng, f"j{i}-{j}")).encode())
            else:
                lines.append(w.rng.choice(bad))
            if w.rng.random() < 0.15:
                lines.append(b"")
        w.jsonl("jsonl-bad", lines)
    w.jsonl("jsonl-deep", [deep, json.dumps(article_obj(w.rng, "after-deep")).encode()])


def _html(w: _Writer, n: int) -> None:
    text = article_text(w.rng)
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    shapes = [
        "<html><head><title>Only a head</title></head></html>",
        "<html><body></body></html>",
        "<html><head><title>t</title></head><body><script>var x = '"
        + "A" * 5000
        + "';</script></body></html>",
        "<!-- " + paras + " -->",
        "<html><body>" + "<div>" * 10_000 + paras + "</div>" * 10_000 + "</body></html>",
        "<html><body>" + "<div><span><b>" * 10_000 + paras + "</body></html>",
        "<html><body>" + "<table><tr><td>" * 3000 + paras + "</body></html>",
        "<html><body><p>" + "</p><p>".join(text.split()) + "</p></body></html>",
        '<frameset><frame src="a.html"></frameset>',
        "<html><body><article>" + paras + "<p " + "x=y " * 5000 + ">end</p></article></body></html>",
        "<html><body><![CDATA[" + paras + "]]></body></html>",
        "<html><body><article>" + paras + "&#0;&#xD800;&#x110000;&nosuch;&amp" + "</article></body></html>",
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body><p>&e;</p>'
        + paras
        + "</body></html>",
        "<html><body><article>"
        + paras
        + "<script>alert(1)</script><img src=x onerror=alert(2)></article></body>",
        "<" * 20_000,
        "<html><body><article>" + paras.replace("<p>", "<p>\u202e\u200b") + "</article></body></html>",
        "<html><body><pre>" + text + "</pre></body></html>",
        "<svg><foreignObject><body><p>" + text + "</p></body></foreignObject></svg>",
    ]
    for i in range(n):
        page = shapes[i % len(shapes)] if i < len(shapes) * 3 else article_html(w.rng)
        w.add("html", w.rng.choice([".html", ".htm", ".xhtml"]), page.encode("utf-8"))


def _feed_item(rng: random.Random, n: int) -> str:
    text = article_text(rng)
    body = "".join(f"<p>{p}</p>" for p in text.split("\n")[1:])
    return (
        f"<item><title>{text.split(chr(10))[0]}</title><link>https://feed.example/{n}</link>"
        f"<guid>feed-{n}-{rng.random()}</guid><pubDate>Tue, 0{rng.randint(1, 9)} Apr 2024 10:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
    )


def _feeds(w: _Writer, n: int) -> None:
    head = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fuzz Feed</title>'
    )
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
        '<rss version="2.0"><channel><title>&h;</title><item><title>&h;</title><description>&h;'
        "</description></item></channel></rss>"
    )
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0">'
        "<channel><title>x</title><item><title>t</title><description>&x; "
        + "word " * 40
        + "</description></item></channel></rss>"
    )
    for i in range(n):
        items = "".join(_feed_item(w.rng, i * 10 + j) for j in range(w.rng.randint(1, 3)))
        whole = head + items + "</channel></rss>"
        kind = i % 8
        if kind == 0:
            w.add("feed", ".rss", whole.encode(), None)
        elif kind == 1:
            w.add("feed-cut", ".rss", whole.encode()[: w.rng.randrange(20, len(whole))], None)
        elif kind == 2:
            w.add("feed-broken", ".xml", whole.replace("</item>", "</itme>", 1).encode(), None)
        elif kind == 3:  # entity expansion (once: the parser needs seconds to refuse it) and XXE
            if i == 3:
                w.add("feed-laughs", ".rss", laughs.encode(), None)
            w.add("feed-xxe", ".rss", xxe.encode(), None)
        elif kind == 4:
            w.add(
                "feed-empty",
                ".atom",
                b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                b"<title>Nothing</title></feed>",
                None,
            )
        elif kind == 5:
            w.add("feed-notfeed", ".xml", b"<?xml version='1.0'?><config><a>1</a></config>", None)
        elif kind == 6:  # deeply nested XML
            w.add(
                "feed-deep",
                ".rss",
                (head + "<item>" + "<x>" * 5000 + "t" + "</x>" * 5000 + "</item></channel></rss>").encode(),
                None,
            )
        else:  # summary-only entries and a feed in cp1251
            w.add(
                "feed-summary",
                ".rss",
                (
                    head.replace("utf-8", "windows-1251") + "<item><title>Заголовок</title>"
                    "<description>Коротко.</description></item></channel></rss>"
                ).encode("cp1251"),
                None,
            )


def _warc_record(
    rtype: str,
    body: bytes,
    uri: str = "https://w.example/a",
    rid: str | None = None,
    length: int | None = None,
    extra: str = "",
) -> bytes:
    rid = rid or f"<urn:uuid:{uuid.UUID(int=random.getrandbits(128))}>"
    head = (
        f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: {rid}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-04-02T10:00:00Z\r\n{extra}"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(body) if length is None else length}\r\n\r\n"
    )
    return head.encode() + body + b"\r\n\r\n"


def _http(html: str, status: str = "200 OK", ctype: str = "text/html; charset=utf-8") -> bytes:
    body = html.encode("utf-8")
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body


def _warcs(w: _Writer, n: int) -> None:
    for i in range(n):
        good = [
            _warc_record("response", _http(article_html(w.rng)), f"https://w.example/{i}/{j}")
            for j in range(w.rng.randint(1, 3))
        ]
        kind = i % 9
        if kind == 0:
            data = b"".join(good)
        elif kind == 1:  # cut inside the last record
            data = b"".join(good)
            data = data[: len(data) - w.rng.randint(10, 400)]
        elif kind == 2:  # a Content-Length longer than the file
            data = good[0] + _warc_record("response", _http("<p>x</p>"), length=10_000_000)
        elif kind == 3:  # two records with one id
            rid = "<urn:uuid:00000000-0000-0000-0000-00000000d00d>"
            data = _warc_record("response", _http(article_html(w.rng)), rid=rid) + _warc_record(
                "response", _http(article_html(w.rng)), "https://w.example/b", rid=rid
            )
        elif kind == 4:  # non-200, not HTML, no HTTP headers, a request and warcinfo
            data = (
                _warc_record("warcinfo", b"software: fuzz\r\n")
                + _warc_record("response", _http("", "404 Not Found"))
                + _warc_record("response", _http("%PDF", ctype="application/pdf"))
                + _warc_record("response", b"garbage, not HTTP")
                + _warc_record("request", b"GET / HTTP/1.1\r\n\r\n")
                + good[0]
            )
        elif kind == 5:  # garbage after the records
            data = b"".join(good) + w.rng.randbytes(500)
        elif kind == 6:
            data = gzip.compress(b"".join(good))
            data = data[: len(data) * 2 // 3]
            w.add("warc-gz-cut", ".warc.gz", data, None)
            continue
        elif kind == 7:  # headers only, and a header line with no colon
            data = b"WARC/1.0\r\nWARC-Type: response\r\nnonsense line\r\n"
        else:  # a Content-Length that is not a number
            data = _warc_record("response", _http(article_html(w.rng)), extra="Content-Length: lots\r\n")
        w.add("warc", ".warc", data, None)


FAR_DATES = [
    "9999-12-31",
    "2999-02-29",
    "3000-01-01T00:00:00Z",
    "+275760-09-13",
    "99999-01-01",
    "0000-00-00",
    "2099-12-31",
    "1-1-1",
    "-0001-01-01",
    "253402300800",
    "tomorrow",
    "2024-13-45",
    "1800-01-01",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "December 31, 2099",
    "2038-01-19T03:14:08Z",
]


def _dates(w: _Writer, n: int) -> None:
    for i in range(n):
        date = FAR_DATES[i % len(FAR_DATES)]
        obj = article_obj(w.rng, f"date-{i}", published=date)
        if i % 3 == 0:
            obj["text"] += (
                f"\nThe next review is planned for {date} and again in the year 10000 on 31 December 9999."
            )
        w.add("far-date", ".json", json.dumps(obj).encode())


def _odd_texts(w: _Writer, n: int) -> None:
    shapes = [
        lambda: " ".join(str(w.rng.randint(0, 10**9)) for _ in range(400)),
        lambda: " ".join(w.rng.choice(['"', "'", "“", "”", "«", "»", "‘", "’", '""']) for _ in range(600)),
        lambda: '"' * 20_000,
        lambda: " ".join('"' + w.rng.choice(["a", "b"]) for _ in range(2000)),
        lambda: "!?.,;:" * 2000,
        lambda: "x" * 500_000,
        lambda: ("word " * 30 + "\n") * 3000,
        lambda: "\n" * 50_000 + "Tail words " * 10,
        lambda: ("Z\u0336\u0337\u0338" * 20 + " ") * 200,
        lambda: "😀 " * 3000,
        lambda: "\u202e" + article_text(w.rng),
        lambda: " ".join(
            f"{w.rng.randint(1, 99)},{w.rng.randint(100, 999)}.{w.rng.randint(0, 9)}%" for _ in range(300)
        ),
        lambda: "killed " * 2000,
        lambda: ("Said. " * 50 + '"' + "Quote. " * 50) * 20,
        lambda: "\r" * 1000 + article_text(w.rng).replace("\n", "\r"),
        lambda: "\u2028".join(article_text(w.rng).split(" ")),
        lambda: " ".join(["1", "2", "3"] * 3000) + " million thousand hundred dozens",
        lambda: "On Monday, Tuesday, last week, next year, 12 January, 31 February 2024, 2024-02-30. " * 100,
    ]
    for i in range(n):
        text = shapes[i % len(shapes)]()
        suffix = w.rng.choice([".txt", ".json"])
        data = text.encode("utf-8") if suffix == ".txt" else json.dumps({"text": text}).encode()
        w.add("odd-text", suffix, data)


def _valid(w: _Writer, n: int) -> None:
    """Well-formed articles in every single-article format, and JSON Lines with duplicate ids."""
    for i in range(n):
        kind = i % 4
        if kind == 0:
            w.add("valid", ".txt", article_text(w.rng).encode())
        elif kind == 1:
            w.add("valid", ".html", article_html(w.rng).encode())
        elif kind == 2:
            w.add("valid", ".json", json.dumps(article_obj(w.rng, "ignored")).encode())
        else:  # ids repeated inside the file and shared with other files
            ids = [f"v{i}", f"v{i}", "shared-id", f"v{i}-b"]
            w.jsonl("dup-ids", [json.dumps(article_obj(w.rng, d)).encode() for d in ids])


def _odd_files(w: _Writer) -> None:
    folder = w.folder
    for suffix in (".pdf", ".docx", "", ".gz", ".tar", ".JSONL", ".TXT", ".txt.bak", ".html~"):
        w.add("suffix", suffix, article_text(w.rng).encode(), None if suffix == ".JSONL" else 1)
    for name in (
        "name with spaces.txt",
        "ünïcødé ✓.txt",
        "-leading-dash.txt",
        "semi;colon&amp.txt",
        "new\nline.txt",
        "quote\"s'.txt",
        "<img src=x onerror=alert(1)>.txt",
    ):
        path = folder / name
        path.write_bytes(article_text(w.rng).encode())
        w.inputs.append(FuzzInput(path, "odd-name", 1))
    sub = folder / "subfolder.txt"
    sub.mkdir()
    (sub / "inside.txt").write_bytes(article_text(w.rng).encode())
    w.inputs.append(FuzzInput(sub, "subfolder", 1))
    for target, name in (("no-such-target.txt", "dangling-link.txt"), ("/", "link-to-root.jsonl")):
        path = folder / name
        os.symlink(target, path)
        w.inputs.append(FuzzInput(path, "link", 1))
    if hasattr(os, "mkfifo"):
        for name in ("fifo.jsonl", "fifo.txt", "fifo.warc"):
            path = folder / name
            os.mkfifo(path)
            w.inputs.append(FuzzInput(path, "fifo", 1))
    locked = w.add("unreadable", ".txt", article_text(w.rng).encode())
    locked.chmod(0)


def _manifest(w: _Writer, missing: int) -> None:
    """manifest.csv: rows for present files (some with far-future dates), rows naming files
    that are not there, a repeated row and a row with no file name."""
    present = [x.path.name for x in w.inputs if x.path.parent == w.folder and x.family in ("valid", "html")][
        :30
    ]
    rows = ["file,published,outlet,url,title"]
    for k, name in enumerate(present):
        date = FAR_DATES[k % len(FAR_DATES)] if k % 2 else "2024-04-02"
        rows.append(f'"{name}",{date},"Outlet ""{k}""",javascript:alert({k}),"<b>title</b>"')
    for k in range(missing):
        rows.append(f"missing-{k}.txt,2024-04-02,,,")
    rows.append("../../etc/passwd,2024-01-01,,,")
    if present:
        rows.append(f'"{present[0]}",2024-01-01,,,')
    rows.append(",2024-01-01,Nobody,,")
    path = w.folder / "manifest.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    w.inputs.append(FuzzInput(path, "manifest", missing + 1 + (1 if present else 0) + 1))


def _safety(w: _Writer, root: Path) -> list[str]:
    """Inputs that once cost a whole folder, a long wait, memory or a request: a .txt of
    addresses (an article, never fetched), a URL list of loopback and private addresses (each
    refused, nothing fetched), a WARC page that inflates past the input limit, compressed
    files of nothing but blank lines, a JSON Lines file whose last line was cut, links leaving
    the folder, and a second folder whose manifest has a field over the csv module's limit.
    Returns the extra paths to give ``parallax analyze``."""
    urls = [f"http://127.0.0.1:9/page-{k}.html" for k in range(3)]
    w.add("urls-txt", ".txt", ("\n".join(urls) + "\n").encode())
    inside = [
        "http://127.0.0.1:9/a",
        "http://[::1]:9/b",
        "http://0.0.0.0:9/c",
        "http://2130706433:9/d",
        "http://127.1:9/e",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://localhost:9/f",
    ]
    w.add(
        "urls-private",
        ".urls",
        ("# all of these are refused\n" + "\n".join(inside) + "\n").encode(),
        len(inside),
    )
    bomb = gzip.compress(b"<html><body><p>" + b" " * 30_000_000 + b"</p></body></html>", 9)
    encoded = _http("").replace(
        b"Content-Length: 0", b"Content-Encoding: gzip\r\nContent-Length: %d" % len(bomb)
    )
    page = _http(article_html(w.rng))
    w.add(
        "warc-bomb",
        ".warc.gz",
        gzip.compress(
            _warc_record("response", encoded + bomb, "https://w.example/bomb")
            + _warc_record("response", page, "https://w.example/after-bomb")
        ),
        2,
    )
    records = [json.dumps(article_obj(w.rng, f"blank-gz-{k}")).encode() for k in range(2)]
    w.add(
        "gz-blank", ".jsonl.gz", gzip.compress(b"\n" * 5_000_000 + b"\n".join(records) + b"\n" * 1000, 9), 2
    )
    w.add("gz-blank", ".jsonl.gz", gzip.compress(b"\r\n \n" * 2_000_000, 9), 1)
    whole = [json.dumps(article_obj(w.rng, f"half-{k}")).encode() for k in range(3)]
    w.add("jsonl-half", ".jsonl", b"\n".join(whole[:2]) + b"\n" + whole[2][: len(whole[2]) // 2], 3)
    outside = root / "outside-the-folder.txt"
    outside.write_bytes(article_text(w.rng).encode())
    for name, target in (
        ("link-out.txt", outside),
        ("link-out-dir", root),
        ("link-up.txt", Path("..") / outside.name),
    ):
        path = w.folder / name
        os.symlink(target, path)
        w.inputs.append(FuzzInput(path, "link-out", 1))
    second = root / "manifest-too-big"
    second.mkdir()
    for k in range(2):
        path = second / f"report-{k}.txt"
        path.write_bytes(article_text(w.rng).encode())
        w.inputs.append(FuzzInput(path, "manifest-big-file", 1))
    manifest = second / "manifest.csv"
    manifest.write_text(
        "file,published,outlet,url,title\n"
        f"report-0.txt,2024-04-02,Fuzz Post,,Short title\n"
        f'report-1.txt,2024-04-03,Fuzz Post,,"{"very long title " * 20_000}"\n',
        encoding="utf-8",
    )
    w.inputs.append(FuzzInput(manifest, "manifest-big", 1))
    return [str(second)]


def generate(root: Path, seed: int = 20240402) -> tuple[list[FuzzInput], list[str]]:
    """Write the corpus under `root`; (every input with its expected outcomes, the paths to
    give ``parallax analyze``: the corpus folder, a lone gzip file and paths that do not exist)."""
    rng = random.Random(seed)
    random.seed(seed)  # WARC record ids
    folder = root / "corpus"
    folder.mkdir(parents=True)
    w = _Writer(folder, rng)
    _empty(w)
    _binary(w, 100)
    _big(w)
    _nul(w, 40)
    _encodings(w, 144)
    _gzip(w, 50)
    _jsonl(w, 110)
    _html(w, 100)
    _feeds(w, 64)
    _warcs(w, 72)
    _dates(w, 48)
    _odd_texts(w, 72)
    _valid(w, 100)
    _odd_files(w)
    extra = _safety(w, root)
    _manifest(w, 20)
    lone = root / "lone.jsonl.gz"
    lone.write_bytes(
        gzip.compress(b"\n".join(json.dumps(article_obj(rng, f"lone{j}")).encode() for j in range(4)))[:-9]
    )
    inputs = [*w.inputs, FuzzInput(lone, "gz-cut", None)]
    paths = [str(folder), *extra, str(lone)]
    for missing in ("no-such-folder", "no-such-file.jsonl"):
        p = root / missing
        inputs.append(FuzzInput(p, "missing", 1))
        paths.append(str(p))
    return inputs, paths


if __name__ == "__main__":
    made, given = generate(Path(sys.argv[1]))
    print(f"{len(made)} inputs", file=sys.stderr)
    print(" ".join(given))
