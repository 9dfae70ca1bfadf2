"""WARC files built here with warcio from saved pages: HTML responses become articles,
every other response is rejected with what it is, records holding no page are counted,
and a file cut short keeps what came before the cut."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Config
from parallax.ingest import read
from parallax.records import Article, Rejected

from .conftest import ROOT

WEB = Path(__file__).resolve().parent / "data" / "web"
PAGES = ["storm-herald.html", "storm-coastal.html", "council-vote.html", "storm-german.html"]


def _response(w: WARCWriter, url: str, status: str, headers: list[tuple[str, str]], body: bytes):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def write_warc(path: Path, gzip: bool = True) -> None:
    """A crawl of the saved pages as a crawler writes it: warcinfo, then a request and a
    response for each page, plus a redirect and an image."""
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "parallax tests"}))
        for name in PAGES:
            url = f"https://news.example/{name}"
            req = StatusAndHeaders(f"GET /{name} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
            w.write_record(
                _response(
                    w,
                    url,
                    "200 OK",
                    [("Content-Type", "text/html; charset=utf-8")],
                    (WEB / name).read_bytes(),
                )
            )
        w.write_record(
            _response(
                w,
                "https://news.example/old-story",
                "301 Moved Permanently",
                [("Location", "https://news.example/storm-herald.html")],
                b"",
            )
        )
        w.write_record(
            _response(
                w,
                "https://news.example/logo.png",
                "200 OK",
                [("Content-Type", "image/png")],
                b"\x89PNG\r\n\x1a\n" + bytes(200),
            )
        )


@pytest.fixture(scope="module")
def warc_gz(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    write_warc(path)
    return path


def _items(path: Path) -> list[Article | Rejected]:
    return list(read([str(path)], Config()))


def test_html_responses_become_articles(warc_gz):
    items = _items(warc_gz)
    arts = [x for x in items if isinstance(x, Article)]
    assert [a.url for a in arts] == [f"https://news.example/{n}" for n in PAGES]
    first = arts[0]
    assert first.record.startswith("<urn:uuid:") and first.id == first.record[len("<urn:uuid:") : -1]
    assert first.html.lstrip().startswith("<!DOCTYPE html>") and first.text is None
    assert len({a.id for a in arts}) == 4


@pytest.mark.parametrize("gzip", [True, False])
def test_other_records_are_rejected_or_counted(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    reasons = [(x.record, x.reason) for x in _items(path) if isinstance(x, Rejected)]
    assert len(reasons) == 3
    assert reasons[0][1] == (
        "WARC response for https://news.example/old-story is HTTP 301 "
        "(redirect to https://news.example/storm-herald.html), not a page"
    )
    assert reasons[1][1] == "WARC record for https://news.example/logo.png is not an HTML page (image/png)"
    assert reasons[2] == ("skipped", "5 WARC records holding no page skipped (4 request, 1 warcinfo)")


def test_file_cut_short_keeps_earlier_records(warc_gz, tmp_path):
    data = warc_gz.read_bytes()
    whole = _items(warc_gz)
    second = [x for x in whole if isinstance(x, Article)][1]
    # cut in the middle of the second page's response (its gzip member)
    with open(warc_gz, "rb") as fh:
        records = ArchiveIterator(fh)
        for rec in records:
            if rec.rec_headers.get_header("WARC-Record-ID") == second.record:
                start, length = records.get_record_offset(), records.get_record_length()
                break
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: start + length // 2])
    items = _items(cut)
    assert [x.url for x in items if isinstance(x, Article)] == ["https://news.example/storm-herald.html"]
    damaged = [x for x in items if isinstance(x, Rejected) and x.record != "skipped"]
    assert len(damaged) == 1
    assert damaged[0].record == second.record and "(cut short)" in damaged[0].reason


def test_not_a_warc(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes, not an archive.\n" * 20, encoding="utf-8")
    assert [x.reason for x in _items(path)] == ["not a WARC file (it does not begin with a WARC/1.x record)"]


@pytest.mark.slow
def test_warc_analyses_end_to_end_with_the_cli(warc_gz, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "parallax", "analyze", str(warc_gz), "--out", str(out), "--no-progress"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    docs = {d["url"]: d for d in dossier["documents"]}
    assert set(docs) == {f"https://news.example/{n}" for n in PAGES[:3]}
    herald = docs["https://news.example/storm-herald.html"]
    assert herald["published"] == "2024-10-14" and herald["outlet"] == "The Northbay Herald"
    assert herald["authors"] == ["Clara Whitfield"]
    assert (
        herald["text"].startswith("A fierce autumn storm")
        and "Sign up for our newsletter" not in herald["text"]
    )
    # the date of a page without date metadata comes from htmldate (here its visible dateline/URL)
    assert docs["https://news.example/council-vote.html"]["published"] == "2024-10-18"
    reasons = sorted(r["reason"] for r in dossier["rejected"])
    assert "not English (detected: de)" in reasons and len(reasons) == 4
    assert dossier["stories"] and any(s["claims"] for s in dossier["stories"])


def test_response_record_without_target_uri_is_rejected_not_raised(tmp_path):
    """warcio raises AttributeError on such a record; the reader turns it into a rejection."""
    from parallax import ingest
    from parallax.config import Config
    from parallax.records import Rejected

    p = tmp_path / "broken.warc"
    p.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nnonsense line\r\n")
    out = list(ingest.read([str(p)], Config()))
    assert out and all(isinstance(x, Rejected) for x in out)
    assert any("damaged" in x.reason or "not" in x.reason for x in out)


def test_a_compressed_page_that_inflates_past_the_limit_is_rejected_unread(tmp_path):
    """A response whose HTTP body is gzip-encoded is decompressed no further than the input
    limit: a few kilobytes that inflate to megabytes are rejected, not held in memory, and
    the pages after it are read as usual."""
    import gzip as gz

    page = (WEB / PAGES[0]).read_bytes()
    bomb = gz.compress(b"<html><body><p>" + b" " * 8_000_000 + b"</p></body></html>", 9)
    path = tmp_path / "bomb.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        encoded = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
        w.write_record(_response(w, "https://news.example/bomb", "200 OK", encoded, bomb))
        w.write_record(_response(w, "https://news.example/small", "200 OK", encoded, gz.compress(page)))
        w.write_record(
            _response(w, "https://news.example/plain", "200 OK", [("Content-Type", "text/html")], page)
        )
    assert path.stat().st_size < 20_000
    cfg = Config()
    cfg.limits.max_input_bytes = 1_000_000
    items = list(read([str(path)], cfg))
    assert [type(x) for x in items] == [Rejected, Article, Article]
    assert items[0].reason == (
        "WARC record for https://news.example/bomb: the page, once decompressed (gzip), is over the "
        "limit of 1.0 MB (limits.max_input_bytes); it was not read"
    )
    assert items[1].html == items[2].html == page.decode("utf-8")
