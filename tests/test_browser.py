"""Real-browser tests: Playwright drives Debian's chromium against `bilat-search serve`.

The index is built from the five seeds plus tests/fixtures/browser/ (Vietnamese
meeting articles from 2016-2024 and one hostile article full of markup), then
served by the real CLI in a subprocess. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from browsing import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, new_page

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError as exc:  # pragma: no cover - depends on the environment
    pytest.skip(f"browser tests need the playwright package: {exc}", allow_module_level=True)

from bilat_search.indexer import build  # noqa: E402
from bilat_search.store import IndexStore  # noqa: E402
from served import Server  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BROWSER_FIXTURES = ROOT / "tests" / "fixtures" / "browser"
COUNT = re.compile(r"^\s*(\d+)\s+kết quả")
HOSTILE_TITLE = "<script>window.__xss=1</script>"


# ---------------------------------------------------------------------------
# fixtures: index, server, browser, page


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    folder = root / "articles"
    folder.mkdir()
    sources = sorted(SEEDS.iterdir()) + sorted(BROWSER_FIXTURES.glob("*.txt"))
    assert len(sources) >= 5 + 13, "the seeds and the browser fixtures should all be there"
    for path in sources:
        shutil.copy(path, folder / path.name)
    target = root / "index"
    summary = build([folder], IndexStore(target))
    assert summary.indexed == len(sources), summary.skipped
    return target


@pytest.fixture(scope="module")
def server(index_dir) -> str:
    """Start `bilat-search serve --port 0` and return its base URL."""
    with Server(index_dir, stderr=index_dir.parent / "server-stderr.log") as running:
        yield running.url


@pytest.fixture(scope="module")
def browser() -> Browser:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def make_page(browser, server):
    """A fresh page in a Vietnamese context; keyword arguments go to new_context."""
    contexts = []

    def make(**options) -> Page:
        return new_page(browser, server, contexts, **options)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page) -> Page:
    return make_page()


@pytest.fixture
def shot(request):
    """shot(page, step): a full-page screenshot named after the test."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = request.node.name.removeprefix("test_")

    def take(page: Page, step: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{name}-{step}.png"), full_page=True)

    return take


# ---------------------------------------------------------------------------
# helpers


def result_count(page: Page) -> int:
    text = page.locator(".summary .count").inner_text()
    match = COUNT.match(text)
    assert match, f"no result count in {text!r}"
    return int(match.group(1))


def hit_titles(page: Page) -> list[str]:
    return page.locator(".hit .hit-title a").all_inner_texts()


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def search(page: Page, query: str) -> None:
    page.goto("/?q=" + quote(query))
    expect(page.locator(".summary .count")).to_be_visible()


def date_key(text: str) -> str:
    """ISO dates compare as strings; an unknown date sorts after every known one."""
    text = text.strip()
    return "" if text == "không rõ ngày" else text


def assert_no_foreign_script(page: Page) -> None:
    """Only the app's own static script: nothing from an article or a query became markup."""
    scripts = page.locator("script")
    sources = [scripts.nth(i).get_attribute("src") for i in range(scripts.count())]
    assert sources == ["/static/suggest.js"], sources
    assert page.locator("img").count() == 0
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    blocked = [m for m in page.console_errors if "Content Security Policy" in m or "__xss" in m]
    assert not blocked, f"markup reached the DOM and was only stopped by the CSP: {blocked}"


# ---------------------------------------------------------------------------
# tests


def test_search_without_diacritics_marks_to_lam(page, shot):
    page.goto("/")
    shot(page, "home")
    box = page.get_by_label("Tìm kiếm", exact=True)
    expect(box).to_have_attribute("id", "q")
    box.fill("to lam")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/\?q=to(\+|%20)lam$"))
    expect(page.locator(".summary .count")).to_have_text(re.compile(r"^\d+ kết quả"))
    assert result_count(page) > 10
    marks = page.locator(".hit .snippet mark")
    expect(marks.first).to_be_visible()
    assert "Tô Lâm" in marks.all_inner_texts()
    expect(box).to_have_value("to lam")
    expect(page).to_have_title(re.compile("^to lam"))
    shot(page, "results")


def test_partner_facet_filters_and_chip_removes(page, shot):
    search(page, "to lam")
    unfiltered = result_count(page)
    nga = page.locator('[data-facet="partner"] a[data-value="Nga"]')
    expect(nga).to_be_visible()
    nga_count = int(nga.locator(".facet-count").inner_text())
    assert 0 < nga_count < unfiltered
    nga.click()
    page.wait_for_url(re.compile(r"[?&]partner=Nga(&|$)"))
    assert params(page)["partner"] == ["Nga"]
    assert result_count(page) == nga_count
    partners = page.locator(".hit .hit-partners").all_inner_texts()
    assert len(partners) == page.locator(".hit").count() == min(nga_count, 10)
    assert all("Nga" in p.split(", ") for p in partners), partners
    expect(page.locator('[data-facet="partner"] a[data-value="Nga"]')).to_have_attribute("aria-current", "true")
    chip = page.locator('.chips .chip[data-param="partner"]', has_text="Nga")
    expect(chip).to_have_count(1)
    expect(chip).to_have_attribute("aria-label", "Bỏ bộ lọc Nga")
    shot(page, "filtered")
    chip.click()
    page.wait_for_url(lambda url: "partner=" not in url)
    expect(page.locator(".chips .chip")).to_have_count(0)
    assert result_count(page) == unfiltered
    assert params(page)["q"] == ["to lam"]
    shot(page, "unfiltered")


def test_sort_newest_orders_dates(page, shot):
    search(page, "to lam")
    page.get_by_role("link", name="Mới nhất").click()
    page.wait_for_url(re.compile(r"[?&]sort=newest"))
    expect(page.locator(".sort a.sort-newest")).to_have_attribute("aria-current", "true")
    shot(page, "page1")
    dates = page.locator(".hit .hit-date").all_inner_texts()
    page.locator(".pagination a.next").click()
    page.wait_for_url(re.compile(r"[?&]page=2"))
    assert params(page)["sort"] == ["newest"]
    dates += page.locator(".hit .hit-date").all_inner_texts()
    assert len(dates) == result_count(page)
    keys = [date_key(d) for d in dates]
    for earlier, later in zip(keys, keys[1:], strict=False):
        common = min(len(earlier), len(later)) if earlier and later else 0
        assert later[:common] <= earlier[:common] and (earlier or not later), f"{later} after {earlier}: {dates}"
    assert keys[0] == max(keys) and keys[0] >= "2023", dates
    shot(page, "page2")


def test_pagination_next_and_previous(page, shot):
    search(page, "to lam")
    total = result_count(page)
    assert 10 < total <= 20
    first = hit_titles(page)
    assert len(first) == 10
    expect(page.locator(".pagination .page-of")).to_have_text("Trang 1/2")
    expect(page.locator(".pagination a.prev")).to_have_count(0)
    page.get_by_role("link", name="Trang sau").click()
    page.wait_for_url(re.compile(r"[?&]page=2"))
    second = hit_titles(page)
    assert len(second) == total - 10
    assert second != first[:len(second)]
    expect(page.locator("ol.hits")).to_have_attribute("start", "11")
    expect(page.locator(".pagination .page-of")).to_have_text("Trang 2/2")
    expect(page.locator(".pagination a.next")).to_have_count(0)
    assert result_count(page) == total
    shot(page, "page2")
    page.get_by_role("link", name="Trang trước").click()
    page.wait_for_url(lambda url: "page=" not in url)
    assert hit_titles(page) == first
    expect(page.locator(".pagination .page-of")).to_have_text("Trang 1/2")
    shot(page, "page1")


def test_pagination_pages_are_disjoint_and_complete(page, shot):
    search(page, "to lam")
    total = result_count(page)
    first = hit_titles(page)
    page.get_by_role("link", name="Trang sau").click()
    page.wait_for_url(re.compile(r"[?&]page=2"))
    second = hit_titles(page)
    shot(page, "page2")
    assert not set(first) & set(second), f"on both pages: {set(first) & set(second)}"
    assert len(set(first) | set(second)) == total


def test_open_article_from_results(page, shot):
    search(page, "to lam")
    link = page.locator(".hit .hit-title a").first
    title = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/article/[^?]+\?q=to(\+|%20)lam"))
    expect(page.locator("article h1")).to_have_text(title)
    paragraphs = page.locator(".article-body p")
    assert paragraphs.count() >= 2
    marks = page.locator(".article-body mark")
    expect(marks.first).to_be_visible()
    assert "Tô Lâm" in marks.all_inner_texts()
    facts = page.locator(".facts")
    expect(facts).to_be_visible()
    expect(facts.locator("th", has_text="Lãnh đạo Việt Nam")).to_have_count(1)
    links = facts.locator("td a:not(.profile-link)")
    assert links.count() >= 3
    facet_params = {"partner", "year", "official", "topic", "source", "type", "location"}
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        query = parse_qs(urlparse(href).query)
        assert urlparse(href).path == "/" and set(query) & facet_params, href
    profiles = facts.locator("td a.profile-link")  # partners and officials also open their own page
    assert profiles.count() >= 2
    for i in range(profiles.count()):
        assert re.match(r"^/(partner|official)/", profiles.nth(i).get_attribute("href"))
    shot(page, "article")
    official = facts.locator("td a", has_text="Tô Lâm").first
    official.click()
    page.wait_for_url(re.compile(r"/\?.*official="))
    assert params(page)["official"] == ["Tô Lâm"]
    expect(page.locator('.chips .chip[data-param="official"]')).to_have_count(1)
    assert result_count(page) >= 10
    shot(page, "official-filter")


def test_hostile_article_is_shown_as_text(make_page, shot):
    page = make_page()
    search(page, "zanzibar")
    assert result_count(page) == 1
    title = page.locator(".hit .hit-title a")
    expect(title).to_contain_text(HOSTILE_TITLE)
    snippet = page.locator(".hit .snippet")
    expect(snippet).to_contain_text('<img src=x onerror="window.__xss=2">')
    expect(page.locator(".hit .snippet mark")).to_have_text(["Zanzibar"])
    assert "<script>" in page.locator("main").inner_text()
    assert_no_foreign_script(page)
    shot(page, "results")

    title.click()
    page.wait_for_url(re.compile(r"/article/"))
    expect(page.locator("article h1")).to_have_text(re.compile(re.escape(HOSTILE_TITLE)))
    body = page.locator(".article-body").inner_text()
    assert '<img src=x onerror="window.__xss=2">' in body
    assert "<script>window.__xss=3</script>" in body
    assert "javascript:window.__xss=5" in body
    assert HOSTILE_TITLE in page.title()
    assert_no_foreign_script(page)
    shot(page, "article")

    page.goto("/?q=" + quote("<script>window.__xss=4</script>"))
    expect(page.locator("#q")).to_have_value("<script>window.__xss=4</script>")
    assert "<script>window.__xss=4</script>" in page.title()
    assert_no_foreign_script(page)
    shot(page, "query")


def test_keyboard_skip_link_and_languages(page, shot):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Chuyển đến kết quả")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, f"the focused skip link is off screen: {box}"
    shot(page, "skip-focused")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("to lam")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=to"))
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#main$"))

    page.goto("/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("label[for=q]")).to_have_text("Search")
    expect(page.locator("form.search button")).to_have_text("Search")
    expect(page.locator("a.skip")).to_have_text("Skip to results")
    expect(page.locator("a.lang")).to_have_text("Tiếng Việt")
    page.get_by_label("Search", exact=True).fill("to lam")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"lang=en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".summary .count")).to_have_text(re.compile(r"^\d+ results"))
    expect(page.get_by_role("link", name="Newest")).to_be_visible()
    shot(page, "english")


def test_phone_layout_has_no_horizontal_scroll(make_page, shot):
    page = make_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    for step, path in (("home", "/"), ("results", "/?q=to+lam"), ("filtered", "/?q=to+lam&partner=Nga&sort=newest")):
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390 + 1, f"{path} scrolls sideways: {width}px wide"
        shot(page, step)
    page.locator(".hit .hit-title a").first.click()
    page.wait_for_url(re.compile(r"/article/"))
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390 + 1, f"the article page scrolls sideways: {width}px wide"
    shot(page, "article")


def test_works_without_javascript(make_page, shot):
    page = make_page(java_script_enabled=False)
    page.goto("/")
    page.locator("#q").fill("to lam")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url(re.compile(r"/\?q=to(\+|%20)lam$"))
    total = result_count(page)
    assert total > 10
    assert "Tô Lâm" in page.locator(".hit .snippet mark").all_inner_texts()
    shot(page, "results")
    nga = page.locator('[data-facet="partner"] a[data-value="Nga"]')
    nga_count = int(nga.locator(".facet-count").inner_text())
    nga.click()
    page.wait_for_url(re.compile(r"[?&]partner=Nga(&|$)"))
    assert result_count(page) == nga_count
    expect(page.locator('.chips .chip[data-param="partner"]')).to_have_count(1)
    # the form keeps the filter: a new query is searched within Nga
    page.locator("#q").fill("an ninh mạng")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"partner=Nga"))
    assert params(page)["q"] == ["an ninh mạng"]
    partners = page.locator(".hit .hit-partners").all_inner_texts()
    assert partners and all("Nga" in p for p in partners)
    shot(page, "filtered")


def test_snippet_keeps_spaces_next_to_marks(page, shot):
    """A snippet that spans paragraphs keeps the space between a mark and the next word."""
    search(page, "tanzania")
    snippet = page.locator(".hit .snippet").inner_text()
    assert "Tanzania về" in snippet, snippet
    search(page, "to lam")
    glued = page.evaluate("""() => [...document.querySelectorAll('.snippet mark')]
        .map(m => [(m.previousSibling?.textContent ?? '').slice(-1), m.textContent,
                   (m.nextSibling?.textContent ?? '').slice(0, 1)])
        .filter(([before, , after]) => /\\p{L}/u.test(before) || /\\p{L}/u.test(after))
        .map(parts => parts.join(''))""")
    assert not glued, f"marks glued to a neighbouring word: {glued}"
    shot(page, "snippet")
