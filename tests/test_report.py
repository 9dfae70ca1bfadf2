"""report.html from composed records: one self-contained file, conflicts first, every
citation pointing at its sentence, our own script and style allowed by hash only."""

from __future__ import annotations

import re

from parallax.output import report
from parallax.present.views import fmt_range, locate
from parallax.records import Discrepancy, Rejected

from .test_web import FLOOD, composed_dossier, span


def render() -> str:
    d = composed_dossier()
    d.rejected = [Rejected(source="x.bin", record=None, reason="not UTF-8 or any detectable encoding")]
    return report.render(d, {"documents": 3, "rejected": 1, "facts": 2, "conflicts": 1, "quotes": 2})


def test_needs_no_network():
    html = render()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_csp_allows_exactly_our_script_and_style():
    html = render()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert f"script-src '{report.csp_hash(script)}'" in csp
    assert f"style-src '{report.csp_hash(style)}'" in csp
    assert html.count("<script") == 1


def test_conflicts_panel_lists_each_figure_with_its_authority():
    html = render()
    panel = html[html.index('id="s1-conflicts"') : html.index('id="s1-brief"')]
    found = re.findall(r'<span class="big num">([^<]+)</span> <span class="by">([^<]+)</span>', panel)
    assert found == [("14", "mayor&#39;s office"), ("11", "regional health agency"), ("9", "River Police")]
    assert "<svg" in panel


def test_citations_carry_the_offsets_of_their_sentence():
    html = render()
    d = composed_dossier()
    texts = {doc.id: doc.text for doc in d.documents}
    anchors = {doc_id: i for i, doc_id in enumerate(d.stories[0].documents)}
    cites = re.findall(r'<a class="cite" href="#s1-d(\d+)" data-start="(\d+)" data-end="(\d+)"', html)
    assert len(cites) >= 8
    by_anchor = {i: doc_id for doc_id, i in anchors.items()}
    spans = {texts[by_anchor[int(i)]][int(a) : int(b)] for i, a, b in cites}
    assert "River Police said nine people died in the flood." in spans
    assert "Police arrested about 40 people for looting." in spans  # a brief item, found by its text
    # each article is in the page once per story, under the anchor the citations use
    for _doc_id, i in anchors.items():
        assert f'<details class="doc" id="s1-d{i}">' in html


def test_sections_and_rejected_inputs():
    html = render()
    for section in [
        "conflicts",
        "brief",
        "facts",
        "coverage",
        "timeline",
        "entities",
        "quotes",
        "discrepancies",
        "articles",
    ]:
        assert f'id="s1-{section}"' in html
    assert "not UTF-8 or any detectable encoding" in html
    assert '<span class="chip">Okonkwo</span>' in html  # entity variants
    assert "We will rebuild every street," in html and "Marta Okonkwo-Reyes" in html


def test_locate_finds_exact_and_lightly_rewritten_sentences():
    text = FLOOD[0][4]
    assert locate(text, "River Police said nine people died in the flood.") == span(
        text, "River Police said nine people died in the flood."
    )
    s, e = locate(text, "river police said 9 people died in the flood")
    assert text[s:e] == "River Police said nine people died in the flood."
    assert locate(text, "A sentence about something else entirely, in no way present.") is None


def test_ranges_read_naturally():
    assert (
        fmt_range(18, 18) == "18" and fmt_range(2000, None) == "≥ 2,000" and fmt_range(200, 300) == "200–300"
    )


def test_a_figure_discrepancy_is_not_listed_twice_among_the_conflicts():
    d = composed_dossier()
    story = d.stories[0]
    story.discrepancies.append(
        Discrepancy(
            kind="figure",
            doc="wire",
            evidence="The regional health agency said 11 people died after the levee broke on Sunday night.",
            note="11 here; 14 in another report",
        )
    )
    html = report.render(d, {})
    panel = html[html.index('id="s1-conflicts"') : html.index('id="s1-brief"')]
    assert "11 here; 14 in another report" not in panel  # the conflicting fact above shows it
    assert "receding here; still rising in another report" in panel
    listed = html[html.index('id="s1-discrepancies"') :]
    assert "11 here; 14 in another report" in listed
