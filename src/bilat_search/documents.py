"""An Article as the Whoosh document the index stores: its record, its names, its text."""

from __future__ import annotations

import logging

from .article import Article
from .names import names_text
from .records import bare_record, make_record, to_document

log = logging.getLogger(__name__)


def article_document(article: Article) -> dict:
    """The document of one article; an extractor bug costs the facts, never the article."""
    try:
        record = make_record(article)
    except Exception as exc:  # an extractor bug must not stop a build: index the words anyway
        log.warning("meeting facts of %s could not be extracted: %s: %s", article.path, type(exc).__name__, exc)
        record = bare_record(article)
    return to_document(record, article, names_text(record))
