"""The Article: what ingestion hands to extraction and indexing."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .vietnamese import fold

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'(]?[A-ZÀ-Ỹ0-9Đ])")
TITLE_MAX = 140
# "(TTXVN) - Chiều 25/9, tại Hà Nội, ..." opens many leads; a title reads better without it
_DATELINE = re.compile(
    r"^(?:\(?[A-ZĐ+]{2,12}\)?\s*[-–—:]\s*)?"
    r"(?:(?:sáng|chiều|tối|trưa|đêm)\s+(?:ngày\s+)?|ngày\s+)\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s*,\s*"
    r"(?:tại\s+[^,]{1,60},\s*)?",
    re.IGNORECASE,
)


@dataclass
class Article:
    """One news article as read from a file, NFC text with paragraphs kept."""

    path: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    """Publication date given outside the text: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    published_basis: str | None = None
    """Where `published` came from: `prefix`, `metadata` or `url`."""
    category: str | None = None
    format: str = "plain"
    source_id: str | None = None
    """An id given by the source (JSON Lines records carry one)."""
    file_path: str = ""
    """The file it came from, relative to the indexed folder (no `#id`)."""
    file_signature: str = ""
    line_hash: str = ""
    """The hash of its JSON Lines record (records with an id): `--update` skips lines it has seen."""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.url, self.text, self.source_id)
        if not self.file_path:
            self.file_path = self.path.split("#", 1)[0]

    @property
    def display_title(self) -> str:
        return self.title or derive_title(self.text)


_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


def article_id(url: str | None, text: str, source_id: str | None = None) -> str:
    """A stable id: the source's own id when safe, else a hash of the URL or text."""
    if source_id and _SAFE_ID.match(source_id):
        return source_id
    basis = "url:" + normalise_url(url) if url else "text:" + text_fingerprint(text)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def normalise_url(url: str) -> str:
    url = url.strip()
    url = re.sub(r"^https?://(www\.)?", "", url, flags=re.I)
    return url.rstrip("/").lower()


_FINGERPRINT_CHUNK = 1 << 16
_SPACE = re.compile(r"\s")


def text_fingerprint(text: str) -> str:
    """Equal for texts that differ only in case, tone-mark style or spacing.

    The hash of `" ".join(fold(text).lower().split())`, fed a slice at a time,
    each cut at white space: the list of every word of a 30 MB text took 600 MB.
    """
    digest = hashlib.sha1()
    separator = b""
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, start + _FINGERPRINT_CHUNK)
        end = cut.start() if cut else len(text)
        words = fold(text[start:end]).lower().split()
        if words:
            digest.update(separator + " ".join(words).encode("utf-8"))
            separator = b" "
        start = end
    return digest.hexdigest()


def derive_title(text: str, limit: int = TITLE_MAX) -> str:
    """A display title from the first sentence, cut at a word boundary."""
    first = text.strip().split("\n", 1)[0].strip()
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    undated = _DATELINE.sub("", sentence, count=1)
    if undated != sentence and len(undated) > 20:
        sentence = undated[0].upper() + undated[1:]
    if len(sentence) <= limit:
        return sentence.rstrip(" .")
    cut = sentence[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else cut[:limit]
    return cut.rstrip(" ,;:-–") + "…"
