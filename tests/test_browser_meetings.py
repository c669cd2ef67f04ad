"""Meetings in a real browser: the chronology table, a folded result, a partner page and its chart.

Chromium (Playwright) against `bilat-search serve` on the seeds and the grouping fixtures
(tests/fixtures/grouping/README.md: 10 meetings told by 13 reports). Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from browsing import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, new_page

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError as exc:  # pragma: no cover - depends on the environment
    pytest.skip(f"browser tests need the playwright package: {exc}", allow_module_level=True)

from bilat_search.indexer import build  # noqa: E402
from bilat_search.store import IndexStore  # noqa: E402
from served import Server  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*sorted((ROOT / "seeds").iterdir()), *sorted((ROOT / "tests" / "fixtures" / "grouping").glob("*.txt"))]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("browser-meetings")
    folder = root / "articles"
    folder.mkdir()
    for path in SOURCES:
        shutil.copy(path, folder / path.name)
    build([folder], IndexStore(root / "index"))
    with Server(root / "index", stderr=root / "server-stderr.log") as running:
        yield running.url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def make_page(browser, server):
    contexts: list = []
    yield lambda **options: new_page(browser, server, contexts, **options)
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page) -> Page:
    return make_page()


@pytest.fixture
def shot(request):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = request.node.name.removeprefix("test_")
    return lambda page, step: page.screenshot(path=str(ARTIFACTS / f"{name}-{step}.png"), full_page=True)


def column(page: Page, key: str) -> list[str]:
    return [text.strip() for text in page.locator(f"table.meetings tbody td.col-{key}").all_inner_texts()]


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_meetings_table_newest_first_and_sorted_by_a_column(page, shot):
    page.goto("/")
    page.locator("header .nav-meetings").click()
    page.wait_for_url(re.compile(r"/meetings$"))
    expect(page.locator(".summary .count")).to_contain_text("10 cuộc gặp")
    expect(page.locator("table.meetings tbody tr")).to_have_count(10)
    dates = column(page, "date")
    known = [d for d in dates if d[:1].isdigit()]
    assert known == sorted(known, reverse=True) and dates[0] == "2023-11"
    expect(page.locator("th.col-date")).to_have_attribute("aria-sort", "descending")
    shot(page, "newest")

    page.locator("th.col-partner a").click()
    page.wait_for_url(re.compile(r"sort=partner"))
    expect(page.locator("th.col-partner")).to_have_attribute("aria-sort", "ascending")
    assert column(page, "partner")[0] == "Belarus"
    page.locator("th.col-partner a").click()
    page.wait_for_url(re.compile(r"sort=-partner"))
    assert column(page, "partner")[0] == "Nga"

    page.locator("th.col-reports a").click()
    page.wait_for_url(re.compile(r"sort=-reports"))
    first = page.locator("table.meetings tbody tr").first
    expect(first.locator("td.col-reports summary")).to_have_text("3")
    reports = first.locator("td.col-reports li a")
    expect(reports.first).to_be_hidden()
    first.locator("td.col-reports summary").click()
    expect(reports).to_have_count(3)
    expect(reports.first).to_be_visible()
    shot(page, "most-reports")
    reports.nth(1).click()
    page.wait_for_url(re.compile(r"/article/"))
    expect(page.locator(".same-meeting li")).to_have_count(2)


def test_meetings_facets_count_meetings_and_filter(page, shot):
    page.goto("/meetings")
    laos = page.locator('[data-facet="partner"] a.facet-value[data-value="Lào"]')
    expect(laos.locator(".facet-count")).to_have_text("3")
    laos.click()
    page.wait_for_url(re.compile(r"/meetings\?partner="))
    expect(page.locator("table.meetings tbody tr")).to_have_count(3)
    page.locator("#q").fill("vilay")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"/meetings\?.*q=vilay"))
    assert params(page)["partner"] == ["Lào"]
    expect(page.locator("table.meetings tbody tr")).to_have_count(2)
    shot(page, "filtered")


def test_folded_result_expands_to_its_other_reports(page, shot):
    page.goto("/?q=vilay+lakhamphong")
    expect(page.locator(".summary .count")).to_contain_text("2 kết quả")
    expect(page.locator(".summary .count-detail")).to_have_text("2 cuộc gặp (4 bài)")
    folded = page.locator(".hit details.other-reports")
    expect(folded).to_have_count(1)
    expect(folded.locator("summary")).to_have_text("+2 bài khác về cuộc gặp này")
    expect(folded.locator("li a").first).to_be_hidden()
    shot(page, "folded")
    folded.locator("summary").click()
    expect(folded.locator("li a")).to_have_count(2)
    expect(folded.locator("li a").first).to_be_visible()
    shot(page, "expanded")

    toggle = page.locator(".views a.only-meetings")
    expect(toggle).to_have_attribute("aria-checked", "false")
    toggle.click()
    page.wait_for_url(re.compile(r"only=meetings"))
    expect(page.locator(".views a.only-meetings")).to_have_attribute("aria-checked", "true")

    folded = page.locator(".hit details.other-reports")
    folded.locator("summary").click()
    folded.locator("li a").first.click()
    page.wait_for_url(re.compile(r"/article/"))
    expect(page.locator(".same-meeting li")).to_have_count(2)
    shot(page, "other-report")


def test_partner_page_and_its_chart(page, shot):
    page.goto("/?q=vilay")
    page.locator('[data-facet="partner"] li', has=page.locator('a[data-value="Lào"]')).locator("a.profile-link").click()
    page.wait_for_url(re.compile(r"/partner/"))
    assert unquote(urlparse(page.url).path) == "/partner/Lào"
    expect(page.locator(".profile h1")).to_have_text("Đối tác: Lào")
    chart = page.locator("figure.timeline svg")
    expect(chart).to_be_visible()
    bars = chart.locator("a")
    expect(bars).to_have_count(2)
    expect(bars.nth(0)).to_have_attribute("aria-label", "2019: 2 cuộc gặp")
    expect(bars.nth(1)).to_have_attribute("aria-label", "2020: 1 cuộc gặp")
    heights = [float(bars.nth(i).locator("rect.bar").get_attribute("height")) for i in (0, 1)]
    assert heights[0] == pytest.approx(2 * heights[1])
    officials = page.locator('[data-counts="vn_officials"] li')
    expect(officials.first).to_contain_text("Tô Lâm")
    expect(officials.first.locator(".facet-count")).to_have_text("2")
    expect(page.locator(".latest table.meetings tbody tr")).to_have_count(3)
    shot(page, "partner")

    bars.nth(0).click()
    page.wait_for_url(re.compile(r"/meetings\?"))
    assert params(page)["partner"] == ["Lào"] and params(page)["year"] == ["2019"]
    expect(page.locator("table.meetings tbody tr")).to_have_count(2)

    page.go_back()
    officials.first.locator("a").click()
    page.wait_for_url(re.compile(r"/official/"))
    expect(page.locator(".profile h1")).to_have_text("Lãnh đạo: Tô Lâm")
    expect(page.locator('[data-counts="partners"] li').first).to_contain_text("Nga")
    shot(page, "official")


def test_meetings_pages_fit_a_phone_and_speak_english(make_page, shot):
    page = make_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    for step, path in (("meetings", "/meetings"), ("partner", "/partner/Nga"), ("official", "/official/to%20lam")):
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390 + 1, f"{path} scrolls sideways: {width}px wide"
        shot(page, step)
    page.goto("/meetings?lang=en")
    expect(page.locator("th.col-partner")).to_have_text("Partner")
    expect(page.locator(".summary .count")).to_contain_text("10 meetings")
    assert not page.console_errors
