"""Vietnamese-aware ranking on small purpose-made indexes."""

import pytest

from bilat_search.indexer import build
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore
from conftest import search_paths


@pytest.fixture
def engine(tmp_path, make_folder):
    def make(files):
        folder = make_folder(files)
        build([folder], IndexStore(tmp_path / "ix"))
        return Engine(tmp_path / "ix")
    return make


def test_exact_diacritics_rank_above_folded_matches(engine):
    e = engine({"a.txt": "Con dương đi trên cầu. Nói thêm về dương.",
                "b.txt": "Con đường đi qua cầu. Một đoạn khác."})
    assert search_paths(e, "đường") == ["b.txt", "a.txt"]
    assert search_paths(e, "dương") == ["a.txt", "b.txt"]


def test_da_nang_finds_both_spellings_of_d(engine):
    e = engine({"a.txt": "Hội nghị tại Đà Nẵng.", "b.txt": "Hội thảo tổ chức ở Ðà Nẵng.", "c.txt": "Hội nghị tại Huế."})
    assert set(search_paths(e, "da nang")) == {"a.txt", "b.txt"}
    assert set(search_paths(e, "Đà Nẵng")) == {"a.txt", "b.txt"}


def test_tone_styles_and_i_y_variants_find_each_other(engine):
    e = engine({"a.txt": "Ủy ban Hoà bình và Thủy lợi ở Hoa Kỳ.", "b.txt": "Văn phòng Uỷ ban Hòa bình, Thuỷ lợi của Hoa Kì."})
    for query in ("Ủy ban", "Uỷ ban", "hoà bình", "hòa bình", "thuỷ", "Hoa Kì", "Hoa Kỳ", "hoa ky"):
        assert set(search_paths(e, query)) == {"a.txt", "b.txt"}, query


def test_syllables_side_by_side_rank_first(engine):
    e = engine({
        "scattered.txt": "Mạng lưới an toàn giao thông được bảo đảm, ninh thuận có nhiều an cư, đường mạng.",
        "together.txt": "Hai bên hợp tác về an ninh mạng trong thời gian tới, đường dài.",
    })
    assert search_paths(e, "an ninh mang")[0] == "together.txt"


def test_quoted_phrase_matches_exactly_across_white_space(engine):
    e = engine({"a.txt": "Hai bên trao   đổi\n thông tin về tội phạm.",
                "b.txt": "Thông tin được trao cho bên đổi mới."})
    assert search_paths(e, '"trao đổi thông tin"') == ["a.txt"]
    assert search_paths(e, '"trao doi thong tin"') == ["a.txt"]


def test_one_letter_words_and_an_are_searchable(engine):
    e = engine({"a.txt": "Trụ sở Bộ Công an ở Hà Nội.", "b.txt": "Trụ sở Bộ Công Thương tại Hà Nội."})
    assert search_paths(e, '"Bộ Công an"') == ["a.txt"]
    assert search_paths(e, "ở Hà Nội")[0] == "a.txt"


def test_numbers_are_searchable(engine):
    e = engine({"a.txt": "Ngày 2/3, hai bên gặp nhau năm 2022 về COVID-19.", "b.txt": "Ngày 3/2 năm 2021."})
    assert search_paths(e, "2/3") == ["a.txt"]
    assert search_paths(e, "2022") == ["a.txt"]
    assert search_paths(e, "covid-19") == ["a.txt"]


def test_empty_query_browses_newest_first(engine):
    e = engine({"old.txt": " date 2016-05 Tin cũ.", "new.txt": " date 2024-01-02 Tin mới.", "none.txt": "Tin."})
    response = e.search(SearchRequest(query=""))
    assert [h.record["path"] for h in response.hits] == ["new.txt", "old.txt", "none.txt"]
    response = e.search(SearchRequest(query="", sort="oldest"))
    assert [h.record["path"] for h in response.hits] == ["old.txt", "new.txt", "none.txt"]  # unknown dates last


def test_a_query_past_its_time_limit_says_it_is_partial(engine):
    from bilat_search.query import parse

    e = engine({"a.txt": "Hai bên hợp tác về an ninh mạng.", "b.txt": "Một bài khác về an ninh."})
    scorer = e.generation().scorer
    match = scorer.evaluate(parse("an ninh mạng hợp tác"), seconds=-1)
    assert match.partial and match.mask.any()
    assert not scorer.evaluate(parse("an ninh mạng hợp tác")).partial


def test_other_names_of_partners_and_their_agencies(engine):
    e = engine({
        "jp.txt": "Ngày 5/7/2023, tại Tokyo, Bộ trưởng Bộ Công an Tô Lâm hội đàm với Ủy ban An toàn Công cộng "
                  "Quốc gia Nhật Bản về phòng, chống tội phạm công nghệ cao.",
        "by.txt": "Ngày 2/3/2017, tại Minsk, Bộ trưởng Bộ Công an Tô Lâm hội đàm với Bộ trưởng Bộ Nội vụ Belarus.",
        "news.txt": "Giá rau xanh tăng mạnh tại các chợ Hà Nội trong tuần qua.",
    })
    assert search_paths(e, "National Police Agency")[0] == "jp.txt"
    assert search_paths(e, "KGB") == ["by.txt"]
    assert search_paths(e, "Japan") == ["jp.txt"]
    assert search_paths(e, "Belarus 2017")[0] == "by.txt"


def test_equally_good_reports_come_newest_first(make_folder, tmp_path):
    """Ties are broken by date, not by which writer process took which article."""
    import json

    from bilat_search.indexer import build
    from bilat_search.search import Engine, SearchRequest
    from bilat_search.store import IndexStore

    text = "Công an tỉnh tổ chức diễn tập phòng cháy chữa cháy tại {}."
    dates = ["2019-03-02", "2024-06-11", "2021-09-30", "2016-01-15", "2023-12-01"]
    places = ["Huế", "Vinh", "Sơn", "Kon", "Rạch"]  # one syllable each: the same length, the same score
    lines = [json.dumps({"id": f"t{n}", "title": "Diễn tập phòng cháy", "text": text.format(place), "date": date},
                        ensure_ascii=False) for n, (date, place) in enumerate(zip(dates, places, strict=True))]
    folder = make_folder({"news.jsonl": "\n".join(lines) + "\n"})
    build([folder], IndexStore(tmp_path / "ix"))
    response = Engine(tmp_path / "ix").search(SearchRequest(query="dien tap phong chay", page_size=3))
    assert len({hit.score for hit in response.hits}) == 1
    assert [hit.record["date"] for hit in response.hits] == sorted(dates, reverse=True)[:3]
