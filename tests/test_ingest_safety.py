"""Inputs that used to cost a whole folder, a long wait or a file outside the input:
a manifest field over the csv module's limit, a compressed file of nothing but blank lines,
and symbolic links that leave the input folder."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

from parallax.config import Config
from parallax.ingest import read
from parallax.records import Article, Rejected

TEXT = (
    "The harbour bridge in Corran reopened on Friday after three weeks of repairs, the council said. "
    "Engineers replaced two cables and tested the deck with loaded lorries before traffic returned."
)


def test_a_manifest_field_over_the_csv_limit_costs_the_manifest_not_the_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("Corran", "Essery"), encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,published,outlet,url,title\n"
        "a.txt,2024-04-02,Corran Post,,Bridge reopens\n"
        f'b.txt,2024-04-03,Essery Echo,,"{"long title " * 20_000}"\n',
        encoding="utf-8",
    )
    items = list(read([str(folder)], Config()))
    arts = [x for x in items if isinstance(x, Article)]
    assert [(a.id, a.outlet, a.published) for a in arts] == [
        ("a.txt", "Corran Post", "2024-04-02"),
        ("b.txt", None, None),
    ]
    [rej] = [x for x in items if isinstance(x, Rejected)]
    assert rej.source == str(folder / "manifest.csv") and rej.record == 3
    assert rej.reason.startswith("manifest.csv line 3 could not be read (field larger than field limit")
    assert rej.reason.endswith("the rows before it are used, the rest of the manifest is not")


class _CountingGzip(gzip.GzipFile):
    """A real gzip stream that counts how often it is asked for a line."""

    lines_asked = 0

    def readline(self, size: int | None = -1) -> bytes:
        self.lines_asked += 1
        return super().readline(size)


def test_blank_lines_are_passed_over_a_buffer_at_a_time(tmp_path):
    """A compressed file of nothing but newlines inflates a thousandfold; reading it line by
    line cost 24 s per 100 kB. Blank runs are now skipped a buffer at a time, line numbers kept."""
    from parallax.ingest.jsonl import _Lines

    record = json.dumps({"id": "late", "text": TEXT}).encode()
    data = gzip.compress(b"\n" * 3_000_000 + b"  \r\n\t\n" + record + b"\n" + b"\n" * 1000, 9)
    assert len(data) < 10_000
    lines = _Lines(20_000_000)
    with _CountingGzip(fileobj=io.BytesIO(data)) as fh:
        got = list(lines.read(fh))
        assert fh.lines_asked < 10
    assert got == [(3_000_003, record + b"\n")]
    assert lines.n == 3_001_003
    path = tmp_path / "mostly-blank.jsonl.gz"
    path.write_bytes(data)
    [art] = list(read([str(path)], Config()))
    assert isinstance(art, Article) and art.record == 3_000_003
    blank = tmp_path / "blank.jsonl.gz"
    blank.write_bytes(gzip.compress(b"\n" * 2_000_000))
    assert [x.reason for x in read([str(blank)], Config())] == [
        "the file holds no records (its 2000000 lines are blank)"
    ]


def test_links_leaving_the_input_folder_are_not_followed(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "diary.txt").write_text(TEXT.replace("bridge", "secret"), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(outside / "diary.txt", folder / "b.txt")
    os.symlink(outside, folder / "c")
    os.symlink("a.txt", folder / "d.txt")  # inside: followed
    os.symlink("../in/../private/diary.txt", folder / "e.txt")
    items = list(read([str(folder)], Config()))
    by_name = {Path(x.source).name if isinstance(x, Rejected) else x.id: x for x in items}
    assert sorted(by_name) == ["a.txt", "b.txt", "c", "d.txt", "e.txt"]
    for name in ("b.txt", "c", "e.txt"):
        assert by_name[name].reason == "a symbolic link to a place outside the input folder; not followed"
    assert isinstance(by_name["d.txt"], Article) and by_name["d.txt"].text == TEXT
    assert not any(isinstance(x, Article) and "secret" in (x.text or "") for x in items)
