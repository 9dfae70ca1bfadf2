"""The views in a real Chromium (Debian's, driven by Playwright) against the real server on
loopback: the mechanics on composed records, then the bundled example through the real
pipeline.  Screenshots of the main pages go to tests/screenshots/ for a reviewer."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from parallax.output import database, report

from .conftest import EXAMPLE, ROOT
from .test_web import FLOOD, composed_dossier, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


_SHARED: dict[str, Any] = {}


def shared_browser():
    """One Chromium for the whole test run (test_xss.py uses it too), closed at exit."""
    if "browser" not in _SHARED:
        # In CI (CI=true) a missing browser is a failure, not a skip: the tests must run there.
        if os.environ.get("CI"):
            from playwright import sync_api

            assert CHROMIUM.exists(), (
                "Debian's chromium is not installed (scripts/install.sh --test installs it)"
            )
        else:
            sync_api = pytest.importorskip("playwright.sync_api")
            if not CHROMIUM.exists():
                pytest.skip("Debian's chromium is not installed (scripts/install.sh --test installs it)")
        pw = sync_api.sync_playwright().start()
        _SHARED.update(pw=pw, browser=pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS))
        atexit.register(_close_shared)
    return _SHARED["browser"]


def _close_shared() -> None:
    _SHARED.pop("browser").close()
    _SHARED.pop("pw").stop()


@pytest.fixture
def browser():
    return shared_browser()


class Watched:
    """A page plus everything that went wrong on it: script errors, dialogs, CSP reports."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", self._dialog)

    def _dialog(self, d) -> None:
        self.dialogs.append(d.message)
        d.dismiss()

    def shot(self, name: str, full_page: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    w = Watched(context.new_page())
    yield w
    context.close()


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    """The composed flood story: its database served, and its report.html."""
    out = tmp_path_factory.mktemp("flood")
    d = composed_dossier()
    database.write(d, out / "parallax.duckdb")
    report.write(d, out / "report.html", {"documents": 3, "facts": 2, "conflicts": 1, "quotes": 2})
    srv, base = start_server(out / "parallax.duckdb")
    yield base, out / "report.html"
    stop_server(srv)


def in_viewport(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
    )


# ---------------------------------------------------------------- mechanics, composed records


def test_web_citation_opens_the_sentence_highlighted(page, flood):
    base, _ = flood
    p = page.page
    p.goto(base + "/stories/s1")
    conflict = p.locator(".conflict").first
    conflict.locator("li", has_text="regional health agency").locator("a.cite").click()
    p.wait_for_url("**/documents/wire?*")
    mark = p.locator("mark#hl")
    assert (
        mark.inner_text()
        == "The regional health agency said 11 people died after the levee broke on Sunday night."
    )
    assert in_viewport(p, "mark#hl")
    assert page.errors == [] and page.dialogs == []


def test_report_citation_opens_the_article_with_the_sentence(page, flood):
    _, html = flood
    p = page.page
    p.goto(html.as_uri())
    p.locator("#s1-conflicts li", has_text="River Police").locator("a.cite").click()
    mark = p.locator("details[open] .doctext mark")
    assert mark.inner_text() == "River Police said nine people died in the flood."
    assert in_viewport(p, "details[open] .doctext mark")
    # a second citation moves the highlight; the first article's text is restored intact
    p.locator("#s1-brief a.cite").first.click()
    assert p.locator("mark").count() == 1
    assert (
        p.locator("details[open] .doctext mark").inner_text()
        == "The regional health agency said 11 people died after the levee broke on Sunday night."
    )
    ledger = p.locator("#s1-d0 .doctext")
    assert ledger.evaluate("e => e.textContent") == FLOOD[0][4]
    assert page.errors == [] and page.dialogs == []


def test_search_lands_on_the_entity(page, flood):
    base, _ = flood
    p = page.page
    p.goto(base + "/")
    p.fill("header input[name=q]", "Okonkwo Reyes")
    p.press("header input[name=q]", "Enter")
    p.wait_for_url("**/search?q=*")
    p.locator("a.entity-result").first.click()
    assert p.locator("h1").inner_text().startswith("Marta Okonkwo-Reyes")
    assert "Okonkwo" in p.locator("section", has_text="Written as").inner_text()


def test_filter_by_outlet_from_the_form(page, flood):
    base, _ = flood
    p = page.page
    p.goto(base + "/")
    p.select_option("form.filters select[name=outlet]", "North Wire")
    p.click("form.filters button")
    p.wait_for_url("**outlet=North+Wire*")
    assert p.locator("table.stories tbody tr").count() == 1
    p.fill("form.filters input[name=from]", "2023-05-01")
    p.click("form.filters button")
    p.wait_for_url("**from=2023-05-01*")
    assert "No story matches" in p.locator("main").inner_text()


# ---------------------------------------------------------------- the bundled example, real pipeline


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("example")
    proc = subprocess.run(
        [sys.executable, "-m", "parallax", "analyze", str(EXAMPLE), "--out", str(out), "--no-progress"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    srv, base = start_server(out / "parallax.duckdb")
    yield base, out
    stop_server(srv)


def security_conflict(p):
    """The conflict whose figures include 18, 13 and 12, as {figure: authorities}."""
    for block in p.locator("#s-conflicts .conflict").all():
        rows = {
            li.locator(".big").inner_text(): li.locator(".by").inner_text()
            for li in block.locator("li").all()
        }
        if {"18", "13", "12"} <= set(rows):
            return block, rows
    raise AssertionError("no conflict shows 18, 13 and 12 together")


def test_example_story_shows_the_three_conflicting_figures(page, example):
    base, _ = example
    p = page.page
    p.goto(base + "/")
    page.shot("index")
    p.locator("table.stories a").first.click()
    p.wait_for_url("**/stories/*")
    block, rows = security_conflict(p)
    assert "interior ministry" in rows["18"].lower()
    assert "television" in rows["13"].lower()
    assert "almaty" in rows["12"].lower()
    assert block.locator(".status.conflicting").count() == 1
    page.shot("story")
    page.shot("story-full", full_page=True)
    for section in ["coverage", "timeline", "entities"]:
        p.locator(f"#s-{section}").screenshot(path=str(SHOTS / f"story-{section}.png"))
    assert page.errors == []


def test_example_citation_shows_the_sentence(page, example):
    base, _ = example
    p = page.page
    p.goto(base + "/")
    p.locator("table.stories a").first.click()
    block, _ = security_conflict(p)
    block.locator("li", has=p.locator(".big", has_text="13")).locator("a.cite").first.click()
    p.wait_for_url("**/documents/*")
    mark = p.locator("mark#hl")
    assert "13" in mark.inner_text() and "television" in mark.inner_text().lower()
    assert in_viewport(p, "mark#hl")
    page.shot("document-highlight")


def test_example_search_toqaev_lands_on_tokayev(page, example):
    base, _ = example
    p = page.page
    p.goto(base + "/")
    p.fill("header input[name=q]", "Toqaev")
    p.press("header input[name=q]", "Enter")
    p.wait_for_url("**/search?q=Toqaev")
    page.shot("search")
    p.locator("a.entity-result").first.click()
    p.wait_for_url("**/entities/*")
    assert p.locator("h1").inner_text().startswith("Kassym-Jomart Tokayev")
    assert "Toqaev" in p.locator("section", has_text="Written as").inner_text()
    page.shot("entity")
    p.goto(base + "/api")
    page.shot("api")


def test_example_report_opens_offline_and_highlights(page, example):
    _, out = example
    copy = out / "offline" / "report.html"  # alone in a folder: nothing else to load
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(out / "report.html", copy)
    p = page.page
    requests: list[str] = []
    p.on("request", lambda r: requests.append(r.url))
    p.goto(copy.as_uri())
    assert requests == [copy.as_uri()]
    page.shot("report")
    cite = p.locator("#s1-conflicts a.cite").first
    start, end = int(cite.get_attribute("data-start")), int(cite.get_attribute("data-end"))
    cite.click()
    mark = p.locator("details[open] .doctext mark")
    assert len(mark.inner_text()) == end - start > 0
    assert in_viewport(p, "details[open] .doctext mark")
    page.shot("report-highlight")
    assert page.errors == [] and page.dialogs == []


def test_composed_story_screenshot(page, flood):
    """The composed story too (a reviewer sees a full conflict even while the example is partial)."""
    base, _ = flood
    page.page.goto(base + "/stories/s1")
    page.shot("composed-story", full_page=True)
    assert page.page.locator("#s-conflicts .big").all_inner_texts() == ["14", "11", "9"]
    assert page.errors == []
