"""Extraction's fast paths find exactly what the plain ones they replace found."""

from __future__ import annotations

import random
import re

from bilat_search import analysis
from bilat_search.article import Article
from bilat_search.extract import dates, may_report_meeting, tokens
from bilat_search.extract.tokens import tokenize

# the plain patterns, as they were written before they were made faster
PLAIN_SENTENCE_GAP = re.compile(r"[.!?…]\s|[.!?…]$|\n|[.!?…][\"”’)]")
PLAIN_CLAUSE_GAP = re.compile(r"[,;:()\[\]“”\"–—]|\s-\s")


def random_texts(pieces: list[str], count: int = 20_000, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choices(pieces, k=rnd.randint(0, 12))) for _ in range(count)]


def found(pattern: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.regs, m.groups()) for m in pattern.finditer(text)]


def starts(pattern: re.Pattern, text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def test_the_gate_needs_the_ministry_or_a_leader_as_whole_words():
    assert may_report_meeting(Article(path="a.txt", title="Bộ Công an tiếp đoàn Lào", text="Nội dung."))
    assert may_report_meeting(Article(path="a.txt", text="Đại tướng TÔ LÂM hội đàm."))
    assert may_report_meeting(Article(path="a.txt", text="An MPS delegation."))
    assert not may_report_meeting(Article(path="a.txt", text="Giá vàng hôm nay tăng."))
    # the words are there as substrings only: the regex has the last word
    assert not may_report_meeting(Article(path="a.txt", text="Công anh em, MPSX."))


def test_sentence_and_clause_gaps_are_those_of_the_plain_patterns():
    for text in random_texts(list(".!?…\n \t\"”’)a,;:()[]“–—-") + ["\r\n", " - "]):
        assert starts(tokens._SENTENCE_GAP, text) == starts(PLAIN_SENTENCE_GAP, text), text
        split = starts(tokens._CLAUSE_PUNCT, text) + starts(tokens._SPACED_DASH, text)
        assert sorted(split) == starts(PLAIN_CLAUSE_GAP, text), text


def test_a_date_pattern_matches_only_where_its_piece_is_found():
    """Each pattern is tried only on texts where its cheap piece is found."""
    fragments = ["Ngày", "ngày", "Chiều 25", "tháng", "năm", "đến", "last year", "năm ngoái", "On March", "May",
                 "Sept.", "12", "3", "2023", "1999", "20", "/", ".", "-", "–", ",", "(", ")", " ", "\n", "x",
                 "ngày 2 tháng 3", "(1962-2022)", "năm qua (2020 – 2021)"]
    pieces = [
        (dates._VI_NUMERIC, dates._VI_NUMERIC_PIECE.search),
        (dates._VI_WORDS, lambda text: dates._VI_WORDS_PIECE in text),
        (dates._EN_MDY, dates._EN_PIECE.search),
        (dates._EN_DMY, dates._EN_PIECE.search),
    ]
    matched = [0] * len(pieces)
    for text in random_texts([f + " " for f in fragments] + fragments, count=30_000):
        for k, (pattern, has_piece) in enumerate(pieces):
            if pattern.search(text):
                matched[k] += 1
                assert has_piece(text), (pattern.pattern, text)
    assert all(matched), matched  # the random texts do exercise every pattern


def test_doc_fields_computed_on_first_use_and_the_body_tokenised_last():
    article = Article(path="t.txt", title="Bộ Công an", text="Chiều 2/3, Tô Lâm gặp. Ông nói: tốt")
    doc = tokenize(article)
    assert analysis._last_text[0] is article.text  # the index reads the body's words from the memo
    assert doc.capital == [True, True, False, True, False, True, True, False, True, False, False]
    assert doc.sent_id == [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2]
    assert doc.clause_start == [True, False, False, True, False, True, False, False, True, False, True]
    assert doc.sentence_bounds(6) == (3, 8)
    assert (doc.title_end, doc.lead_end, doc.core_end) == (3, 11, 11)
    empty = tokenize(Article(path="e.txt", text=""))
    assert (empty.words, empty.capital, empty.sent_id, empty.lead_end) == ([], [], [], 0)
