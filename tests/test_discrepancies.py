"""Non-numeric contradictions and anomalies (composed reports)."""

from __future__ import annotations

from parallax.link import discrepancies, facts


def _reports(make_record, extra_a="", extra_c=""):
    a = make_record(
        "The strike began on Monday after the company cut wages at its refined palm oil plant. "
        "The union says its federation includes Alpha, Beta, Gamma and Delta. " + extra_a,
        published="2024-03-08",
        doc_id="a",
    )
    b = make_record(
        "Workers walked out on Monday at the refined sunflower oil plant after wages were cut. "
        "The federation is made up of Alpha, Beta, Gamma, Delta and Epsilon, the union said.",
        published="2024-03-08",
        doc_id="b",
    )
    c = make_record(
        "Wages at the refined sunflower oil plant were cut last month and the strike started on Monday. "
        "Police stood by as workers marched. " + extra_c,
        published="2024-03-09",
        doc_id="c",
    )
    return [a, b, c]


def test_modifier_slot_contradiction(make_record):
    found = [x for x in discrepancies.find(_reports(make_record)) if "oil" in x.evidence]
    assert len(found) == 1
    x = found[0]
    assert x.kind == "contradiction" and x.doc == "a" and "refined palm oil" in x.evidence
    assert x.against and x.against["doc"] in ("b", "c") and "refined sunflower oil" in x.against["evidence"]


def test_membership_list_contradiction(make_record):
    found = [x for x in discrepancies.find(_reports(make_record)) if "Alpha" in x.evidence]
    assert [(x.doc, x.against["doc"]) for x in found] == [("a", "b")]
    assert "Epsilon" in found[0].note


def test_date_anomaly(make_record):
    found = [
        x
        for x in discrepancies.find(_reports(make_record, extra_a="The talks collapsed late on July 2."))
        if x.kind == "date-anomaly"
    ]
    assert [(x.doc, x.evidence) for x in found] == [("a", "The talks collapsed late on July 2.")]


def test_agreeing_reports_have_no_discrepancy(make_record):
    a = make_record(
        "The strike began on Monday at the natural rubber plant.", published="2024-03-08", doc_id="a"
    )
    b = make_record(
        "Workers at the natural rubber plant walked out on Monday.", published="2024-03-08", doc_id="b"
    )
    assert discrepancies.find([a, b]) == []


def test_dated_history_is_not_an_anomaly(make_record):
    recs = _reports(make_record, extra_a="The plant opened on May 4, 1987.")
    assert not [x for x in discrepancies.find(recs) if x.kind == "date-anomaly"]


def _figure_reports(make_record, second):
    recs = [
        make_record(
            "The interior ministry said 5,135 people were detained.", published="2024-01-09", doc_id="a"
        ),
        make_record(second, published="2024-01-09", doc_id="b"),
    ]
    claims = [c for r in recs for c in r.claims]
    return recs, facts.build(claims, recs, prefix="s1")


def test_figures_that_conflict_are_a_discrepancy(make_record):
    recs, found_facts = _figure_reports(
        make_record, "The president's office said about 5,800 people were detained."
    )
    found = [x for x in discrepancies.find(recs, found_facts) if x.kind == "figure"]
    assert len(found) == 1 and {found[0].doc, found[0].against["doc"]} == {"a", "b"}
    assert "5,135" in found[0].note and "about 5,800" in found[0].note


def test_figures_that_differ_in_precision_are_no_discrepancy(make_record):
    recs, found_facts = _figure_reports(make_record, "More than 5,000 people were detained, officials said.")
    assert not [x for x in discrepancies.find(recs, found_facts) if x.kind == "figure"]
