"""A thread's figure-over-time chart in a real Chromium, in report.html and in the web app:
the chart draws, nothing fails on the page, a point's citation opens its sentence.
Screenshots go to tests/screenshots/ (thread-report.png, thread-web.png) for a reviewer."""

from __future__ import annotations

import pytest

from .test_browser import SHOTS, browser, page  # noqa: F401 (fixtures)
from .test_thread_views import unrest  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def _drawn(p) -> None:
    chart = p.locator("svg.series").first
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert chart.locator("circle.pt").count() == 5
    assert chart.locator("circle.pt.withdrawn").count() == 1 and chart.locator("circle.ring").count() == 1


def test_report_thread_chart_and_its_revisions(page, unrest):  # noqa: F811
    p = page.page
    p.goto((unrest[2] / "report.html").as_uri())
    _drawn(p)
    SHOTS.mkdir(parents=True, exist_ok=True)
    p.locator("#t1-figures").screenshot(path=str(SHOTS / "thread-report.png"))
    p.locator("#t1-figures ol.chain li", has_text="withdrawn").locator("a.cite").click()
    assert p.locator("details[open] .doctext mark").inner_text().startswith("Health officials said 164")
    assert page.errors == [] and page.dialogs == []


def test_web_thread_page_chart(page, unrest):  # noqa: F811
    base = unrest[1]
    p = page.page
    p.goto(base + "/threads")
    p.locator("table.stories a", has_text="Unrest in Velmora").click()
    p.wait_for_url("**/threads/t1")
    _drawn(p)
    SHOTS.mkdir(parents=True, exist_ok=True)
    p.locator("#t-figures").screenshot(path=str(SHOTS / "thread-web.png"))
    assert page.errors == [] and page.dialogs == []
