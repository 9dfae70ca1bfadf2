"""RSS and Atom feeds: each entry an article with the feed's metadata; broken XML keeps
what was read and says why the rest was not."""

from __future__ import annotations

from pathlib import Path

import parallax
from parallax.config import Config
from parallax.ingest import read
from parallax.records import Article, Rejected

WEB = Path(__file__).resolve().parent / "data" / "web"


def _items(*paths):
    return list(read([str(p) for p in paths], Config()))


def test_rss_entries_become_articles_with_feed_metadata():
    items = _items(WEB / "northbay.rss")
    arts = [x for x in items if isinstance(x, Article)]
    assert [a.id for a in arts] == [
        "northbay-post-48213",
        "https://www.northbay-post.example/news/2024/10/17/emergency-fund-opens",
    ]
    first = arts[0]
    assert first.record == 1 and first.outlet == "Northbay Evening Post"
    assert first.title == "Ferry services resume after storm damage repaired"
    assert first.published == "Wed, 16 Oct 2024 18:20:00 +0100"
    assert first.url == "https://www.northbay-post.example/news/2024/10/16/ferry-services-resume"
    # the full content, not the summary; one paragraph a line; no script, no caption
    lines = first.text.split("\n")
    assert len(lines) == 4 and lines[0].startswith("Ferries between Northbay")
    assert lines[2].startswith("“People on the islands")
    assert "alert" not in first.text and "repaired loading ramp" not in first.text
    # an entry with only an HTML description: the description is the text
    assert arts[1].text.startswith("Households whose homes were flooded") and arts[1].html is None


def test_summary_only_entry_is_rejected_with_reason():
    (rej,) = [x for x in _items(WEB / "northbay.rss") if isinstance(x, Rejected)]
    assert rej.record == 3
    assert "gives only a 6-word summary" in rej.reason and "not fetched" in rej.reason


def test_atom_feed():
    (art,) = _items(WEB / "harbour.atom")
    assert art.id == "urn:example:harbour-watch:2024-10-19-barriers"
    assert art.outlet == "Harbour Watch" and art.published == "2024-10-19T07:45:00Z"
    assert art.url == "https://harbourwatch.example/2024/10/19/barriers"
    assert art.text.count("\n") == 1 and art.text.startswith("Workers began")


def test_broken_feed_keeps_entries_and_names_the_fault(tmp_path):
    good = (WEB / "northbay.rss").read_text(encoding="utf-8")
    cut = good[: good.index("<title>Photos:")]  # cut inside the third item
    path = tmp_path / "cut.rss"
    path.write_text(cut, encoding="utf-8")
    items = _items(path)
    assert [x.id for x in items if isinstance(x, Article)][:2] == [
        "northbay-post-48213",
        "https://www.northbay-post.example/news/2024/10/17/emergency-fund-opens",
    ]
    (fault,) = [x for x in items if isinstance(x, Rejected) and x.record == "feed"]
    assert fault.reason.startswith("the feed is not well-formed XML (") and "line" in fault.reason


def test_xml_that_is_not_a_feed_and_unreadable_feed(tmp_path):
    page = tmp_path / "sitemap.xml"
    page.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>', encoding="utf-8"
    )
    assert [(x.record, x.reason) for x in _items(page)] == [(None, "not an RSS or Atom feed")]
    junk = tmp_path / "junk.rss"
    junk.write_bytes(b"<rss><channel><title>Nothing here</ti")
    (rej,) = _items(junk)
    assert rej.record is None and rej.reason.startswith("not a readable RSS or Atom feed (")


def test_feeds_analyse_end_to_end():
    cfg = Config()
    cfg.progress = False
    dossier = parallax.analyze([str(WEB / "northbay.rss"), str(WEB / "harbour.atom")], cfg)
    docs = {d.id: d for d in dossier.documents}
    assert len(docs) == 3
    ferry = docs["northbay-post-48213"]
    assert ferry.published == "2024-10-16" and ferry.outlet == "Northbay Evening Post"
    assert ferry.text.startswith("Ferries between Northbay")
    assert docs["urn:example:harbour-watch:2024-10-19-barriers"].published == "2024-10-19"
    assert [r.record for r in dossier.rejected] == [3]
