"""Parsers for the five article formats of product.md.

Each reader takes decoded text (or bytes, for HTML and JSON Lines) and
returns Articles; a reader raises `UnreadableFile` with a reason a user can act on.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, CData, Comment, NavigableString, Tag

from .article import Article
from .decoding import UnreadableFile, clean_text, decode_bytes
from .vietnamese import fold

_SPACES = re.compile(r"\s+")
_SEPARATOR = re.compile(r"^-{5,}\s*$")
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass
class Skip:
    """A file (or a line of one) that was not indexed, and why."""

    path: str
    reason: str


def normalise_paragraphs(text: str) -> str:
    """Trim lines, keep paragraph breaks as one blank line."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(lines)
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text)]
    return "\n\n".join(p for p in paragraphs if p)


def parse_text(text: str, path: str) -> Article:
    """Seed format, ` date` prefix, or plain body text."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) >= 3 and _URL_LINE.match(lines[0]) and _SEPARATOR.match(lines[1]):
        return _parse_seed(lines, path)
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        body = normalise_paragraphs(text[prefix.end() :])
        if not body:
            raise UnreadableFile("no article text after the date line")
        return Article(path=path, text=body, published=prefix.group(1), published_basis="prefix",
                       format="prefix")
    body = normalise_paragraphs(text)
    if not body:
        raise UnreadableFile("no article text")
    return Article(path=path, text=body, format="plain")


def _parse_seed(lines: list[str], path: str) -> Article:
    url = _URL_LINE.match(lines[0]).group(1)
    rest = lines[2:]
    title_lines: list[str] = []
    while rest and not _SEPARATOR.match(rest[0]):
        title_lines.append(rest.pop(0))
    if rest:
        rest.pop(0)
    else:  # no second separator: the "title" was the body
        rest, title_lines = title_lines, []
    while rest and (_SEPARATOR.match(rest[-1]) or not rest[-1].strip()):
        rest.pop()
    body = normalise_paragraphs("\n".join(rest))
    title = " ".join(" ".join(title_lines).split()) or None
    if not body:
        if not title:
            raise UnreadableFile("seed-format file with neither title nor body")
        body = title
    return Article(path=path, text=body, title=title, url=url, format="seed")


# --- HTML -------------------------------------------------------------------

_DROP_TAGS = ["script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "button", "svg",
              "template", "object", "embed", "select", "input", "textarea", "link", "meta"]
_JUNK = re.compile(r"(^|[-_ ])(ads?|advert\w*|banner|related|relate|share|social|comment\w*|sidebar|"
                   r"menu|breadcrumbs?|tags?|footer|header|nav\w*|popup|newsletter|recommend\w*|"
                   r"box-?tin|tin-?lien-?quan|most-?read|subscribe)($|[-_ ])", re.I)
# class or id naming the story text: detail-content, ArticleContent, fck_detail, content_detail_news, maincontent
_BODY_NAME = re.compile(r"articlebody|(?:article|detail|news|post|entry|story|main|singular|cms|fck)[-_]*"
                        r"(?:body|content|detail|text)|content[-_]*(?:detail|body|news)", re.I)
_BLOCKS = ["p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "pre", "td"]
_LEAD = re.compile(r"(^|[-_ ])(sapo|lead|chapeau|summary|description|des|desc|intro|excerpt|"
                   r"box-des-detail|article-summary|detail-sapo|singular-sapo)($|[-_ ])", re.I)
_TITLE_NAME = re.compile(r"(^|[-_ ])(title|headline|tieu-?de)($|[-_ ])", re.I)
_DATE_CLASS = re.compile(r"date|time|publish", re.I)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?")
# 2026-03-07, 2026/3/7 | 7/3/2026, 07-03-2026, 07.03.2026 | ngày 07 tháng 03 năm 2026
_DATE = re.compile(r"(?<!\d)(?:((?:19|20)\d{2})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?"
                   r"|(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})"
                   r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+năm\s+((?:19|20)\d{2}))(?!\d)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SHOWN_AT_SOME_WIDTH = re.compile(r"^d-\w+-(block|flex|inline|inline-block|grid|table)$")
# labels that open a list of links to other articles
_MORE_LABEL = re.compile(r"^(tham khảo thêm|xem thêm|đọc thêm|tin liên quan|bài liên quan|tin cùng chuyên mục|"
                         r"có thể bạn quan tâm|có thể bạn muốn xem|tin mới|tin mới nhất|tin khác|tin nổi bật|"
                         r"bài viết liên quan|đọc tiếp)\b\s*[:>»]*\s*", re.I)
_BOXES = ["div", "section", "ul", "ol", "dl", "table", "aside", "figure", "article", "li"]
_LINE_BLOCKS = ["p", "h2", "h3", "h4", "h5", "h6"]
_BLOCK_LEVEL = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
                "figure", "figcaption", "pre", "table", "thead", "tbody", "tfoot", "tr", "caption",
                "div", "section", "article", "main", "header", "footer", "aside", "nav", "address", "center",
                "hr", "form", "fieldset", "details", "summary"}


def parse_html(data: bytes, path: str) -> Article:
    """Title, publication date and paragraphs of a saved news page."""
    text = decode_bytes(data)
    soup = BeautifulSoup(text, "lxml")
    if soup.body is None and soup.head is None:
        raise UnreadableFile("HTML without a head or body")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # read everything the page header says before its chrome goes
    metas = _metas(soup)
    linked_data = _linked_data(soup)
    url = _canonical(soup) or metas.get("og:url")
    headline, title = _headline(soup, metas, linked_data, url)
    published = _html_date(soup, metas, linked_data) or _visible_date(soup, headline)
    lead = _lead(soup, headline)
    order = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
    _drop_chrome(soup)
    container = _container(soup, headline)
    _drop_boxes(container)
    paragraphs = _paragraphs(container)
    # a headline repeated at the top of the container
    paragraphs = [p for i, p in enumerate(paragraphs) if i >= 3 or p != title]
    # the lead (sapo) often sits between the headline and the body container
    if lead and order[id(lead[0])] < order.get(id(container), 0) and lead[1] != title \
            and not any(lead[1] in p for p in paragraphs):
        paragraphs.insert(0, lead[1])
    body = normalise_paragraphs("\n\n".join(paragraphs))
    if not body:
        raise UnreadableFile("HTML page without article text")
    return Article(path=path, text=body, title=title, url=url, published=published,
                   published_basis="metadata" if published else None, format="html")


def _text(tag: Tag) -> str:
    """The tag's text with whitespace runs as one space.

    A regex over the one string, not `split()`: on a 20 MB page a list of every word
    cost a few hundred megabytes.
    """
    return _SPACES.sub(" ", tag.get_text(" ")).strip()


def _letters(tag) -> int:
    """How many non-space characters a tag's text has (counted string by string, nothing built)."""
    return sum(len(_SPACES.sub("", piece)) for piece in tag.strings)


def _names(tag) -> str:
    """Class, id and role-like attributes: where pages say what a box is."""
    names = [*(tag.get("class") or []), tag.get("id") or ""]
    names += [str(tag.get(key) or "") for key in ("data-role", "data-slot", "itemprop")]
    return " ".join(name for name in names if name)


def _is_hidden(tag) -> bool:
    """Hidden by inline style, the `hidden` attribute or a bare `d-none`/`hidden` class."""
    if tag.has_attr("hidden") or _HIDDEN_STYLE.search(str(tag.get("style") or "")):
        return True
    classes = tag.get("class") or []
    return any(c in ("hidden", "d-none", "hide") for c in classes) \
        and not any(_SHOWN_AT_SOME_WIDTH.match(c) for c in classes)


def _gone(tag) -> bool:
    """Whether a tag went with a dropped box (bs4's `.decomposed` searches the whole subtree)."""
    return bool(tag.__dict__.get("_decomposed"))


def _shown(tag: Tag) -> bool:
    """Visible: neither the tag nor a box around it is hidden."""
    return not any(_is_hidden(node) for node in (tag, *tag.parents) if node.name not in (None, "[document]"))


def _holds_article(tag) -> bool:
    """Whether a box with a junk-looking name (`sidebar-1`) actually wraps the story."""
    if tag.name in ("body", "html", "article", "main"):
        return True
    if tag.find(["article", "h1"]) is not None or tag.find(attrs={"itemprop": "articleBody"}) is not None:
        return True
    return sum(len(p.get_text()) for p in tag.find_all("p", limit=40)) > 800


def _drop_chrome(soup: BeautifulSoup) -> None:
    """Scripts, menus, hidden boxes and boxes named like ads or related links."""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    # ASP.NET pages wrap the whole page in one form: drop only forms that are not the page
    for tag in soup.find_all("form"):
        if not _gone(tag) and not _holds_article(tag):
            tag.decompose()
    for tag in soup.find_all(_is_hidden):
        if not _gone(tag) and not _holds_article(tag):
            tag.decompose()
    for tag in soup.find_all(attrs={"class": True}):
        if _gone(tag):
            continue
        classes = " ".join(tag.get("class") or [])
        if _JUNK.search(classes) and not _holds_article(tag):
            tag.decompose()
    for tag in soup.find_all(id=_JUNK):
        if not _gone(tag) and not _holds_article(tag):
            tag.decompose()


# --- HTML: headline, date, lead ---------------------------------------------------

def _linked_data(soup: BeautifulSoup) -> dict:
    """The page's schema.org article object (JSON-LD), or {}."""
    found: list[dict] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "", strict=False)
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack and len(found) < 50:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    for item in found:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(kind, str) and ("Article" in kind or kind == "Report") for kind in kinds):
            return item
    return next((item for item in found if "datePublished" in item), {})


def _ld_text(value) -> str | None:
    """A JSON-LD string; some sites escape their entities twice."""
    if not isinstance(value, str):
        return None
    for _ in range(2):
        value = html.unescape(value)
    return " ".join(value.split()) or None


def _words(text: str) -> list[str]:
    """Lower-case words, for comparing headlines."""
    return re.findall(r"\w+", text.lower())


def _likeness(a: str, b: str) -> float:
    """Shared words over all words (Dice): 1.0 for the same headline, low for another story."""
    wa, wb = set(_words(a)), set(_words(b))
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def _site_key(name: str) -> str:
    """`Báo Nhân Dân` and `nhandan.vn` both to letters without marks: `baonhandan`, `nhandanvn`."""
    return re.sub(r"\W", "", fold(name).lower())


def _without_site_name(title: str, site_names: list[str]) -> str:
    """`Headline - VietNamNet` -> `Headline` when the tail names the site."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1:
        tail = _site_key(parts[-1])
        if len(tail) >= 4 and any(tail in name or name in tail for name in site_names if name):
            return title[: title.rfind(parts[-1])].rstrip(" |–—-")
    return title


def _headline(soup: BeautifulSoup, metas: dict[str, str], linked_data: dict,
              url: str | None) -> tuple[Tag | None, str | None]:
    """The headline shown on the page and its element.

    Pages disagree with their own metadata (og:title gets a site suffix or older wording), so the
    visible headline wins: the h1, or else an element with a title-like class, that reads like the
    metadata titles.
    """
    host = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
    site_names = [_site_key(name) for name in
                  (metas.get("og:site_name"), metas.get("application-name"), host and host.group(1)) if name]
    page_title = " ".join(soup.title.get_text().split()) if soup.title else None
    metadata = [metas.get("og:title"), _ld_text(linked_data.get("headline")), metas.get("title"),
                metas.get("twitter:title")]
    references = [_without_site_name(ref, site_names) for ref in metadata if ref]
    if page_title:
        # a <title> nearly always ends in the site's name
        references.append(re.split(r"\s+[|–—-]\s+[^|–—-]+$", page_title)[0])

    def best(candidates, threshold):
        scored = []
        for tag in candidates:
            text = _text(tag)
            if 2 <= len(text) <= 400 and references:
                likeness = max(_likeness(text, ref) for ref in references)
                if likeness >= threshold and _shown(tag):
                    scored.append((likeness, tag, text))
        top = max(scored, key=lambda s: s[0], default=None)
        return (top[1], top[2]) if top and top[0] >= threshold else None

    found = best(soup.find_all("h1"), 0.6) or best(
        (tag for tag in soup.find_all(["div", "h2", "h3", "p", "span", "strong"])
         if _TITLE_NAME.search(_names(tag)) and tag.find(["div", "p", "h1", "h2"]) is None), 0.8)
    if found:
        return found
    if references:
        return None, references[0]
    h1 = next((tag for tag in soup.find_all("h1") if _text(tag) and _shown(tag)), None)
    return (h1, _text(h1)) if h1 else (None, None)


def _parse_date(text: str, partial: bool = False) -> str | None:
    """The first real calendar date in a text, written the ISO or the Vietnamese way."""
    for match in _DATE.finditer(text or ""):
        g = match.groups()
        if g[0]:
            year, month, day = g[0], g[1], g[2]
        elif g[3]:
            day, month, year = g[3], g[4], g[5]
        else:
            day, month, year = g[6], g[7], g[8]
        if day is None:
            if partial and 1 <= int(month) <= 12 and match.end() == len(text.strip()):
                return f"{int(year):04d}-{int(month):02d}"
            continue
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None


def _html_date(soup: BeautifulSoup, metas: dict[str, str], linked_data: dict) -> str | None:
    """The publication date the page's metadata gives."""
    for name in ("article:published_time", "datePublished", "pubdate", "publishdate", "publish-date",
                 "date", "dc.date.issued", "dc.date", "og:published_time"):
        if found := _parse_date(metas.get(name, ""), partial=True):
            return found
    if found := _parse_date(_ld_text(linked_data.get("datePublished")) or "", partial=True):
        return found
    tag = soup.find(attrs={"itemprop": "datePublished"})
    if tag is not None and (found := _parse_date(tag.get("content") or tag.get("datetime") or _text(tag))):
        return found
    times = soup.find_all("time")
    times.sort(key=lambda t: not (t.has_attr("pubdate") or "publish" in _names(t).lower()))
    for time in times:
        if found := _parse_date(time.get("datetime") or "") or _parse_date(_text(time)):
            return found
    return None


def _visible_date(soup: BeautifulSoup, headline: Tag | None) -> str | None:
    """The date printed nearest the headline (the byline), not the page header's clock."""
    order = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
    anchor = order.get(id(headline), 0) if headline is not None else 0
    dated = []
    for node in soup.find_all(lambda t: _DATE_CLASS.search(_names(t)) is not None):
        if node.name in ("script", "style", "a", "body", "html") or node.find_parent("a") is not None:
            continue
        text = _text(node)
        if len(text) <= 200 and (found := _parse_date(text)):
            distance = order[id(node)] - anchor
            dated.append((abs(distance) + (0.5 if distance < 0 else 0), found))
    if dated:
        return min(dated)[1]
    # no dated element: the first date in the text after the headline
    start = headline if headline is not None else soup.body or soup
    strings = (s for s in start.find_all_next(string=True, limit=400) if s.parent.name not in ("script", "style"))
    return _parse_date(" ".join(strings)[:3000])


def _lead(soup: BeautifulSoup, headline: Tag | None) -> tuple[Tag, str] | None:
    """The first lead-named element after the headline, with its text."""
    start = headline if headline is not None else soup.body
    if start is None:
        return None
    for tag in start.find_all_next(lambda t: _LEAD.search(_names(t)) is not None):
        if tag.name in ("body", "html", "article", "main", "meta", "script") or not _shown(tag):
            continue
        if len(tag.find_all("p", limit=2)) > 1:
            continue  # a box around the story, not its lead
        text = _text(tag)
        if 30 <= len(text) <= 1500 and tag.find_parent("a") is None and _link_share(tag) < 0.5:
            return tag, text
    return None


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """Meta tag contents by property, name or itemprop (the first of each wins)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta", content=True):
        content = " ".join(str(tag.get("content")).split())
        for key in ("property", "name", "itemprop"):
            name = tag.get(key)
            if content and isinstance(name, str):
                found.setdefault(name, content)
    return found


def _canonical(soup: BeautifulSoup) -> str | None:
    """The page's own address from `<link rel=canonical>`."""
    link = soup.find("link", rel="canonical")
    href = link.get("href") if link else None
    return href if href and href.startswith("http") else None


# --- HTML: the story text --------------------------------------------------------

def _link_share(tag) -> float:
    """How much of a box's text is link text."""
    total = _letters(tag)
    links = sum(_letters(a) for a in tag.find_all("a"))
    return links / total if total else 0.0


def _container(soup: BeautifulSoup, headline: Tag | None = None) -> Tag:
    """The element around the story's paragraphs.

    The element holding the most paragraph text (links not counted) is the story; an ancestor
    named like a body (`detail-content`) that adds little else and is below the headline is
    preferred, and a body split over sibling boxes is joined by climbing while the parent adds
    comparable paragraph groups.
    """
    own: dict[int, float] = {}
    tags: dict[int, object] = {}
    holders: set[int] = set()  # elements with a block inside (found in one pass: `find` per div is quadratic)
    for tag in soup.find_all([*_BLOCKS, "div"]):
        parent = tag.parent
        while parent is not None and id(parent) not in holders:
            holders.add(id(parent))
            parent = parent.parent
    for block in soup.find_all(["p", "div"]):
        if block.name == "div" and id(block) in holders:
            continue
        text = _text(block)
        if len(text) < 25:
            continue
        good = len(text) * (1 - min(1.0, _link_share(block)))
        # the parent gets it all, the grandparent half: a story of one-paragraph boxes still wins
        parent = block.parent
        for weight in (1.0, 0.5):
            if parent is None or parent.name in ("body", "html", "[document]"):
                break
            own[id(parent)] = own.get(id(parent), 0) + weight * good
            tags[id(parent)] = parent
            parent = parent.parent
    if not own:
        return soup.body or soup
    best = tags[max(own, key=own.get)]
    best_size = _letters(best)
    for node in (best, *best.parents):
        if node.name in ("body", "html", "[document]") or node.name is None:
            break
        if _BODY_NAME.search(_names(node)):
            holds_headline = headline is not None and any(parent is node for parent in headline.parents)
            if _letters(node) <= 1.5 * best_size + 500 and not holds_headline:
                return node
            break

    def total(node) -> float:
        return sum(own.get(id(tag), 0) for tag in (node, *node.find_all(True)))

    def groups(node) -> float:
        floor = max(200, 0.2 * own[id(best)])
        return sum(own.get(id(tag), 0) for tag in (node, *node.find_all(True)) if own.get(id(tag), 0) >= floor)

    current = best
    for _ in range(3):
        parent = current.parent
        if parent is None or parent.name in ("body", "html", "[document]"):
            break
        if groups(parent) - groups(current) < 0.25 * total(current):
            break
        current = parent
    return current


def _drop_boxes(container: Tag) -> None:
    """Related-article boxes, ad teasers and "Xem thêm" link lists inside the story container."""
    for tag in container.find_all([*_BOXES, *_LINE_BLOCKS]):
        if _gone(tag) or _bare_wrapper(tag):
            continue
        text = _text(tag)
        if not text:
            continue
        share = _link_share(tag)
        if tag.name in _LINE_BLOCKS:
            label = _MORE_LABEL.match(text)
            if (share >= 0.9 and len(text.split()) >= 3 and _points_away(tag)) or \
                    (label and label.end() < len(text) and share >= 0.5):
                tag.decompose()
            continue
        if share >= 0.6 or _is_teaser(tag, text):
            tag.decompose()
    for label in container.find_all(string=lambda s: _MORE_LABEL.fullmatch(" ".join(s.split())) is not None):
        box = label.parent
        if box is not None and not _gone(box) and _MORE_LABEL.fullmatch(_text(box)):
            _drop_label_and_list(box, container)


def _points_away(tag) -> bool:
    """Whether a block's links go to another page (not `#`, not a script)."""
    links = [tag] if tag.name == "a" else tag.find_all("a")
    hrefs = [str(a.get("href") or "").strip() for a in links]
    return any(href and not href.startswith(("#", "javascript:")) for href in hrefs)


def _bare_wrapper(tag) -> bool:
    """A box whose only content is one element: that element is judged instead."""
    children = [child for child in tag.children if getattr(child, "name", None) or str(child).strip()]
    return len(children) == 1 and getattr(children[0], "name", None) is not None


def _is_teaser(box, text: str) -> bool:
    """A short box that opens with a linked headline and has a picture or heading: a related story."""
    if len(text) > 500 or (box.find("img") is None and box.find(["h2", "h3", "h4", "h5", "h6"]) is None):
        return False
    first = box.find(string=lambda s: bool(s.strip()))
    link = first.find_parent("a") if first is not None else None
    if link is None or not any(parent is box for parent in link.parents):
        return False
    return len(_text(link).split()) >= 4 and _points_away(link)


def _drop_label_and_list(label, container) -> None:
    """A bare "Tin liên quan" label: drop it and the links that follow it."""
    node = label
    while node.parent is not None and node.parent is not container and _text(node.parent) == _text(label):
        node = node.parent
    for sibling in list(node.find_next_siblings()):
        if _text(sibling) and _link_share(sibling) < 0.5:
            break
        sibling.decompose()
    node.decompose()


def _paragraphs(container: Tag) -> list[str]:
    """Text split at block boundaries, in order; `<br><br>` also ends a paragraph.

    Text sitting directly in a box that also holds paragraphs is kept, a cell or box around a
    whole story does not swallow its paragraphs into one, and a table row reads as one line.
    """
    found: list[str] = []
    run: list[str] = []

    def flush() -> None:
        lines = [" ".join(line.split()) for line in "".join(run).split("\n")]
        text = "\n".join(lines).strip()
        if text:
            found.append(text)
        run.clear()

    stack: list[tuple[object, bool]] = [(child, True) for child in reversed(list(container.children))]
    while stack:
        node, entering = stack.pop()
        if isinstance(node, NavigableString):
            if type(node) in (NavigableString, CData):
                run.append(" " + str(node) + " ")
            continue
        if node.name == "br":
            run.append("\n")
            continue
        if node.name not in _BLOCK_LEVEL:
            stack.extend((child, True) for child in reversed(list(node.children)))
            continue
        flush()
        if entering:
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(list(node.children)))
    flush()
    return found


# --- JSON Lines -----------------------------------------------------------------

def read_jsonl(data_source, path: str, gzipped: bool,
               known_lines: Mapping[str, str] | None = None) -> Iterator[Article | Skip | KnownLine]:
    """One article a line; a broken line or a truncated archive is a Skip, not a stop.

    Each article carries the hash of its line; a line whose hash is in
    `known_lines` (hash -> article path, from the last build) is not parsed
    again: a KnownLine stands for it.
    """
    opener = gzip.open if gzipped else open
    line_no = 0
    try:
        with opener(data_source, "rb") as handle:
            for line_no, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                digest = line_hash(raw)
                if known_lines is not None and digest in known_lines:
                    yield KnownLine(known_lines[digest], digest)
                    continue
                item = _jsonl_record(raw, path, line_no)
                if isinstance(item, Article) and item.source_id is not None:
                    item.line_hash = digest  # a record without an id is named by its line number: no shortcut
                yield item
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        where = f"after line {line_no}" if line_no else "at the start"
        yield Skip(path, f"truncated or corrupt {'gzip ' if gzipped else ''}file {where}: {exc}")


@dataclass
class KnownLine:
    """A JSON Lines record unchanged since the last build (same bytes), not read again."""

    path: str
    line_hash: str


def line_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw.rstrip(b"\r\n"), digest_size=12).hexdigest()


def _jsonl_record(raw: bytes, path: str, line_no: int) -> Article | Skip:
    where = f"{path}:{line_no}"
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Skip(where, "line is not UTF-8")
    except json.JSONDecodeError as exc:
        return Skip(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return Skip(where, "line is not a JSON object")
    text = record.get("text")
    title = record.get("title")
    if not isinstance(text, str) or not text.strip():
        if isinstance(title, str) and title.strip():
            text = title
        else:
            return Skip(where, "record has no text")
    source_id = record.get("id")
    source_id = str(source_id) if source_id is not None else None
    date = record.get("date")
    date = date if isinstance(date, str) and _ISO_DATE.fullmatch(date.strip()) else None
    url = record.get("url") if isinstance(record.get("url"), str) else None
    category = record.get("category") if isinstance(record.get("category"), str) else None
    body = normalise_paragraphs(clean_text(text))
    return Article(
        path=f"{path}#{source_id or line_no}",
        file_path=path,
        text=body,
        title=clean_text(title).strip() if isinstance(title, str) and title.strip() else None,
        url=url,
        published=date.strip() if date else None,
        published_basis="metadata" if date else None,
        category=category,
        format="jsonl",
        source_id=source_id,
    )
