"""The issue's "done when" list, over the five seed articles."""

from bilat_search.search import SearchRequest
from conftest import search_paths

ALL_SEEDS = {"000_dd09036725bd3a22.txt", "001_72eff026e93bdfad.txt", "002_ed3ffffcad9c9512.txt",
             "003_a8c8f23861e36438.txt", "004_e27f9625345503cc.txt"}
DRUG_SEEDS = {"000_dd09036725bd3a22.txt", "001_72eff026e93bdfad.txt", "002_ed3ffffcad9c9512.txt"}


def test_to_lam_finds_every_seed(seeds_engine):
    assert set(search_paths(seeds_engine, "to lam")) == ALL_SEEDS


def test_drug_queries_in_any_tone_style(seeds_engine):
    for query in ("ma tuý", "ma túy", "MA TUY", "ma tuy"):
        assert set(search_paths(seeds_engine, query)) == DRUG_SEEDS, query


def test_quoted_phrase_bo_noi_vu(seeds_engine):
    assert set(search_paths(seeds_engine, '"Bộ Nội vụ"')) == {
        "000_dd09036725bd3a22.txt", "001_72eff026e93bdfad.txt", "002_ed3ffffcad9c9512.txt"}


def test_luong_tam_quang_ranks_the_shoigu_article_first(seeds_engine):
    for query in ("Lương Tam Quang", "luong tam quang"):
        assert search_paths(seeds_engine, query)[0] == "004_e27f9625345503cc.txt"


def test_cong_an_marks_cong_an(seeds_engine):
    response = seeds_engine.search(SearchRequest(query="cong an"))
    assert response.total == 5
    for hit in response.hits:
        assert "<mark>Công an</mark>" in hit.snippet_html


def test_highlight_whatever_form_was_typed(seeds_engine):
    for query in ("to lam", "TÔ LÂM", "Tô Lâm"):
        response = seeds_engine.search(SearchRequest(query=query))
        assert all("<mark>Tô Lâm</mark>" in hit.snippet_html for hit in response.hits), query


def test_exclusion_and_or(seeds_engine):
    assert set(search_paths(seeds_engine, "to lam -belarus")) == ALL_SEEDS - {"000_dd09036725bd3a22.txt"}
    assert set(search_paths(seeds_engine, "Belarus OR Shoigu")) == {
        "000_dd09036725bd3a22.txt", "004_e27f9625345503cc.txt"}


def test_bad_syntax_never_fails(seeds_engine):
    for query in ('"unclosed', "((", "*", "title:", "a OR OR b", "-", '""', "~^?"):
        response = seeds_engine.search(SearchRequest(query=query))
        assert response.total >= 0
    response = seeds_engine.search(SearchRequest(query='"Bộ Nội vụ'))
    assert response.notices and response.total == 3
