"""Ingest: every input form ends as Articles or Rejected records with readable reasons."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from parallax.config import Config
from parallax.ingest import read
from parallax.records import Article, Rejected

DATA = Path(__file__).resolve().parent / "data"
BODY = "The council met on Tuesday and voted to repair the old bridge over the river before winter."


def _read(*paths, **limits) -> list[Article | Rejected]:
    cfg = Config()
    for k, v in limits.items():
        setattr(cfg.limits, k, v)
    return list(read([str(p) for p in paths], cfg))


def _arts(items):
    return [x for x in items if isinstance(x, Article)]


def _rejs(items):
    return [x for x in items if isinstance(x, Rejected)]


def test_folder_with_manifest_gives_metadata_and_reports_missing_file():
    items = _read(DATA / "folder")
    arts = {a.id: a for a in _arts(items)}
    assert set(arts) == {"bridge.txt", "page.html", "object.json"}
    assert arts["bridge.txt"].published == "2024-03-05"
    assert arts["bridge.txt"].outlet == "Valley Courier"
    assert arts["bridge.txt"].url is None  # empty column
    assert arts["page.html"].html and arts["page.html"].text is None
    assert arts["object.json"].title == "Manifest title wins"  # manifest over the object's own
    assert arts["object.json"].outlet == "Object Outlet"  # the object's own fills the gap
    missing = [r for r in _rejs(items) if "missing.txt" in r.reason]
    assert len(missing) == 1 and missing[0].source.endswith("manifest.csv") and missing[0].record == 5
    assert any(r.reason == "unsupported file type .xyz" for r in _rejs(items))


def test_single_file_is_read_directly_with_its_name_as_id():
    (art,) = _read(DATA / "folder" / "bridge.txt")
    assert art.id == "bridge.txt" and art.text.startswith("Bridge")


def test_jsonl_bad_lines_are_rejected_with_line_numbers():
    items = _read(DATA / "mixed.jsonl")
    assert [a.id for a in _arts(items)] == ["a1", "a4", "42"]
    reasons = {r.record: r.reason for r in _rejs(items)}
    assert "line 2 is not valid JSON" in reasons[2]
    assert reasons[3] == 'line 3 has no "id"'
    assert 'has neither "text" nor "html"' in reasons[5] and reasons[5].startswith("line 5")
    assert "not an article object" in reasons[6]


def test_gzip_and_truncated_gzip_keep_good_records(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": BODY * 20}) for i in range(200)]
    packed = gzip.compress(("\n".join(lines) + "\n").encode())
    good = tmp_path / "all.jsonl.gz"
    good.write_bytes(packed)
    assert len(_arts(_read(good))) == 200
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    items = _read(cut)
    arts, rejs = _arts(items), _rejs(items)
    assert 0 < len(arts) < 200 and [a.id for a in arts] == [f"r{i}" for i in range(len(arts))]
    assert len(rejs) == 1 and "cut short or damaged" in rejs[0].reason and rejs[0].record == len(arts) + 1


def test_encodings_are_decoded(tmp_path):
    text = "Пожарные потушили огонь в здании школы, никто не пострадал, сообщили в городской администрации."
    (tmp_path / "cp1251.txt").write_bytes(text.encode("cp1251"))
    (tmp_path / "utf16.txt").write_bytes(
        "Caf\u00e9 owners said \u201cthe street\u201d reopened.".encode("utf-16")
    )
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfA plain line with a byte order mark.")
    arts = {a.id: a for a in _arts(_read(tmp_path))}
    assert arts["cp1251.txt"].text == text
    assert arts["utf16.txt"].text == "Caf\u00e9 owners said \u201cthe street\u201d reopened."
    assert arts["bom.txt"].text == "A plain line with a byte order mark."


def test_binary_empty_and_oversized_files_are_rejected(tmp_path):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_text(BODY * 100)
    reasons = {Path(r.source).name: r.reason for r in _rejs(_read(tmp_path, max_input_bytes=5000))}
    assert reasons["blob.txt"].startswith("not UTF-8 or any detectable encoding")
    assert reasons["empty.txt"] == "the file is empty"
    assert "over the limit" in reasons["big.txt"] and "max_input_bytes" in reasons["big.txt"]


def test_oversized_jsonl_line_is_rejected_and_reading_goes_on(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": BODY * (40 if i == 1 else 1)}) for i in range(3)))
    items = _read(path, max_input_bytes=2000)
    assert [a.id for a in _arts(items)] == ["0", "2"]
    assert _rejs(items)[0].record == 2 and "longer than the limit" in _rejs(items)[0].reason


def test_missing_path_and_max_articles(tmp_path):
    assert _rejs(_read(tmp_path / "nope"))[0].reason == "no such file or folder"
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": BODY}) for i in range(10)))
    assert len(_arts(_read(path, max_articles=3))) == 3


def test_subfolder_is_reported_not_entered(tmp_path):
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "a.txt").write_text(BODY)
    (rej,) = _read(tmp_path)
    assert isinstance(rej, Rejected) and "subfolder" in rej.reason
