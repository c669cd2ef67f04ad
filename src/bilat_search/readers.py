"""Parsers for the five article formats of product.md.

Each reader takes decoded text (or bytes, for HTML and JSON Lines) and
returns Articles; a reader raises `UnreadableFile` with a reason a user can act on.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment

from .article import Article
from .decoding import UnreadableFile, clean_text, decode_bytes

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

_DROP_TAGS = ["script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form",
              "button", "svg", "template", "object", "embed", "select", "input", "link", "meta"]
_JUNK = re.compile(r"(^|[-_ ])(ads?|advert\w*|banner|related|relate|share|social|comment\w*|sidebar|"
                   r"menu|breadcrumbs?|tags?|footer|header|nav\w*|popup|newsletter|recommend\w*|"
                   r"box-?tin|tin-?lien-?quan|most-?read|subscribe)($|[-_ ])", re.I)
_CONTAINERS = ["[itemprop=articleBody]", "article .detail-content", "article", ".detail-content",
               ".article-content", ".article__body", ".article-body", ".content-detail", ".detail__content",
               ".fck_detail", ".singular-content", ".cms-body", ".story-body", ".post-content",
               ".entry-content", "#content-detail", "#article-body", "main"]
_BLOCKS = ["p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "pre", "td"]
_LEAD = re.compile(r"(^|[-_ ])(sapo|lead|chapeau|summary|description|des|desc|intro|excerpt|"
                   r"box-des-detail|article-summary|detail-sapo|singular-sapo)($|[-_ ])", re.I)
_DATE_CLASS = re.compile(r"date|time|publish", re.I)
_VISIBLE_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})\b")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?")


def parse_html(data: bytes, path: str) -> Article:
    """Title, publication date and paragraphs of a saved news page."""
    text = decode_bytes(data)
    soup = BeautifulSoup(text, "lxml")
    if soup.body is None and soup.head is None:
        raise UnreadableFile("HTML without a head or body")
    title = _html_title(soup)
    published = _html_date(soup)
    basis = "metadata" if published else None
    if published is None:
        # the visible date usually sits in the page header, read it before the chrome goes
        published = _visible_date(soup)
        basis = "metadata" if published else None
    url = _meta(soup, "og:url") or _canonical(soup)
    leads = [" ".join(node.get_text(" ").split()) for node in soup.find_all(class_=_LEAD)
             if node.name not in ("body", "html", "article", "main")]
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"class": True}):
        if tag.decomposed:
            continue
        classes = " ".join(tag.get("class") or [])
        if _JUNK.search(classes) and not _holds_article(tag):
            tag.decompose()
    for tag in soup.find_all(id=_JUNK):
        if not tag.decomposed and not _holds_article(tag):
            tag.decompose()
    container = _container(soup)
    paragraphs = _paragraphs(container)
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    # the lead (sapo) often sits outside the body container
    missing = [lead for lead in leads if lead and lead != title and not any(lead in p for p in paragraphs)]
    body = normalise_paragraphs("\n\n".join(missing + paragraphs))
    if not body:
        raise UnreadableFile("HTML page without article text")
    return Article(path=path, text=body, title=title, url=url, published=published,
                   published_basis=basis, format="html")


def _holds_article(tag) -> bool:
    """Whether a box with a junk-looking name (`sidebar-1`) actually wraps the story."""
    if tag.name in ("body", "html", "article", "main"):
        return True
    if tag.find(["article", "h1"]) is not None or tag.find(attrs={"itemprop": "articleBody"}) is not None:
        return True
    return sum(len(p.get_text()) for p in tag.find_all("p", limit=40)) > 800


def _visible_date(soup: BeautifulSoup) -> str | None:
    for node in soup.find_all(class_=_DATE_CLASS):
        if found := _dmy(node.get_text(" ")):
            return found
    body = soup.body or soup
    return _dmy(body.get_text(" ")[:5000])


def _dmy(text: str) -> str | None:
    for match in _VISIBLE_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name}) \
        or soup.find("meta", attrs={"itemprop": name})
    content = tag.get("content") if tag else None
    return " ".join(content.split()) if content and content.strip() else None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    href = link.get("href") if link else None
    return href if href and href.startswith("http") else None


def _html_title(soup: BeautifulSoup) -> str | None:
    title = _meta(soup, "og:title")
    if not title:
        h1 = soup.find("h1")
        title = " ".join(h1.get_text(" ").split()) if h1 else None
    if not title and soup.title and soup.title.string:
        title = " ".join(soup.title.string.split())
        title = re.split(r"\s+[|–-]\s+[^|–-]+$", title)[0]
    return title or None


def _html_date(soup: BeautifulSoup) -> str | None:
    for name in ("article:published_time", "datePublished", "pubdate", "publishdate", "date",
                 "dc.date.issued", "og:published_time"):
        value = _meta(soup, name)
        if value and (match := _ISO_DATE.search(value)):
            return _iso(match)
    for time in soup.find_all("time"):
        value = time.get("datetime") or time.get_text(" ")
        if match := _ISO_DATE.search(value or ""):
            return _iso(match)
        if match := _VISIBLE_DATE.search(value or ""):
            day, month, year = (int(g) for g in match.groups())
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _iso(match: re.Match) -> str:
    year, month, day = match.groups()
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def _container(soup: BeautifulSoup):
    best = None
    for selector in _CONTAINERS:
        for node in soup.select(selector):
            size = sum(len(p.get_text(" ")) for p in node.find_all("p"))
            if size > 200 and (best is None or size > best[0]):
                best = (size, node)
        if best:
            return best[1]
    # no known container: the element holding the most paragraph text
    scores: dict[int, tuple[int, object]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        if parent is None:
            continue
        size, _ = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (size + len(p.get_text(" ")), parent)
    if scores:
        return max(scores.values(), key=lambda pair: pair[0])[1]
    return soup.body or soup


def _paragraphs(container) -> list[str]:
    """Text of the block elements, in order; leaf divs (captions, leads) count as blocks."""
    found = []
    blocks = [node for node in container.find_all([*_BLOCKS, "div"])
              if node.name != "div" or node.find([*_BLOCKS, "div"]) is None]
    if not blocks:
        text = container.get_text("\n")
        return [line.strip() for line in text.split("\n") if line.strip()]
    for block in blocks:
        if block.find_parent(_BLOCKS) is not None and block.find_parent(_BLOCKS) in blocks:
            continue  # nested block: its parent already gave the text
        text = " ".join(block.get_text(" ").split())
        if text:
            found.append(text)
    return found


# --- JSON Lines -----------------------------------------------------------------

def read_jsonl(data_source, path: str, gzipped: bool) -> Iterator[Article | Skip]:
    """One article a line; a broken line or a truncated archive is a Skip, not a stop."""
    opener = gzip.open if gzipped else open
    line_no = 0
    try:
        with opener(data_source, "rb") as handle:
            for line_no, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                yield _jsonl_record(raw, path, line_no)
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        where = f"after line {line_no}" if line_no else "at the start"
        yield Skip(path, f"truncated or corrupt {'gzip ' if gzipped else ''}file {where}: {exc}")


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
