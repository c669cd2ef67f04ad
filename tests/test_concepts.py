"""Reading a query as concepts (concepts.py) and ranking by them (relevance.py), on small indexes of our own texts."""

import pytest

from bilat_search.indexer import build
from bilat_search.query import parse
from bilat_search.search import Engine
from bilat_search.store import IndexStore
from conftest import search_paths

RU_VI = (" date 2023-11\nChiều 20/11, tại Hà Nội, Bộ trưởng Bộ Công an Tô Lâm đã hội đàm với Bộ trưởng Bộ Nội vụ "
         "Liên bang Nga Vladimir Kolokoltsev về hợp tác phòng, chống tội phạm.")
RU_EN = (" date 2017-07-25\nHANOI (VNA) – Minister of Public Security To Lam held talks with Secretary of the "
         "Security Council of Russia Nikolai Patrushev in Hanoi on July 25 on security cooperation.")
LAO_2023_EN = (" date 2023-12-07\nVientiane (VNA) – Vietnamese Deputy Minister of Public Security Luong Tam Quang "
               "paid a courtesy call on Lao Minister of Public Security Vilay Lakhamphong on December 6.")
LAO_2019 = (" date 2019-03\nChiều 12/3, tại Hà Nội, Bộ trưởng Tô Lâm đã hội đàm với Bộ trưởng Bộ Công an Lào "
            "Vilay Lakhamphong về phòng, chống ma túy.")
CN_TOP = (" date 2021-02\nSáng 19/2, tại trụ sở Trung ương Đảng, Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng đã "
          "tiếp xã giao ông Triệu Khắc Chí, Bộ trưởng Bộ Công an Trung Quốc.")
PROVINCE = (" date 2022-04\nTại tỉnh Sê Kông (Lào) vừa diễn ra hội đàm thường niên giữa Công an tỉnh Quảng Nam và "
            "Công an tỉnh Sê Kông, hai bên ký biên bản hợp tác bảo đảm an ninh biên giới.")
NEWS = "Giá gạo tại Hà Nội tăng nhẹ trong tuần qua; các tỉnh miền Tây tiếp tục thu hoạch lúa hè thu."


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("concept-articles")
    for name, text in {"ru_vi.txt": RU_VI, "ru_en.txt": RU_EN, "lao_2023_en.txt": LAO_2023_EN,
                       "lao_2019.txt": LAO_2019, "cn_top.txt": CN_TOP, "province.txt": PROVINCE,
                       "news.txt": NEWS}.items():
        (folder / name).write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp("concept-index")
    build([folder], IndexStore(index))
    return Engine(index)


def concepts(engine, query: str) -> list[tuple[str, list]]:
    found = engine.generation().lexicon.for_query(parse(query))
    return [(" ".join(c.words), [label for _, label in c.facts]) for run in found.values() for c in run]


def test_words_are_grouped_by_what_they_name(engine):
    assert concepts(engine, "to lam nga hop tac") == [
        ("to lam", ["Tô Lâm"]), ("nga", ["Nga"]), ("hop tac", [])]
    assert ("công an tỉnh", ["công an địa phương"]) in concepts(engine, "công an tỉnh hội đàm với Lào")


def test_typed_accents_choose_the_word(engine):
    # `tính` (to count) is not `tỉnh` (province); without accents either may be meant
    assert concepts(engine, "tính")[0][1] == [] and concepts(engine, "tinh") != concepts(engine, "tính")
    # `tiếp nhận` (to take in) and `trực tiếp` (direct) are other words than `tiếp` (to receive)
    assert concepts(engine, "tiếp nhận hồ sơ trực tiếp") == [
        ("tiếp", []), ("nhận", []), ("hồ", []), ("sơ", []), ("trực", []), ("tiếp", [])]
    assert concepts(engine, "Bộ trưởng tiếp Đại sứ")[1] == ("tiếp", ["tiếp"])


def test_an_english_query_finds_reports_in_vietnamese(engine):
    assert set(search_paths(engine, "Vietnam Russia law enforcement cooperation")[:2]) == {"ru_vi.txt", "ru_en.txt"}


def test_another_script_or_spelling_of_a_name_finds_the_text(engine):
    assert search_paths(engine, "Zhao Kezhi") == ["cn_top.txt"]  # written `Triệu Khắc Chí`
    assert search_paths(engine, "Patrusev") == ["ru_en.txt"]  # written `Patrushev`


def test_a_long_question_ranks_by_what_it_asks(engine):
    paths = search_paths(engine, "Chủ tịch nước, Thủ tướng, Tổng Bí thư tiếp Bộ trưởng Công an nước ngoài")
    assert paths[0] == "cn_top.txt" and "news.txt" not in paths
    assert search_paths(engine, "cong an tinh hoi dam cong an nuoc ngoai")[0] == "province.txt"


def test_partner_and_year_put_that_years_meetings_first(engine):
    paths = search_paths(engine, "Bộ Công an Lào 2023")
    assert paths[:2] == ["lao_2023_en.txt", "lao_2019.txt"]


def test_a_quoted_term_finds_its_translation(engine):
    assert search_paths(engine, '"chào xã giao"') == ["lao_2023_en.txt"]  # `paid a courtesy call`
    assert search_paths(engine, '"Bộ Nội vụ"') == ["ru_vi.txt"]  # a plain term stays the words typed


def test_snippets_mark_the_other_writing_found(engine):
    from bilat_search.search import SearchRequest

    hit = engine.search(SearchRequest(query="Zhao Kezhi")).hits[0]
    assert "<mark>Triệu Khắc Chí</mark>" in hit.snippet_html
    hit = engine.search(SearchRequest(query='"chào xã giao"')).hits[0]
    assert "<mark>paid a courtesy call</mark>" in hit.snippet_html


def test_few_answers_with_every_concept_are_followed_by_those_with_some(engine):
    from bilat_search.search import SearchRequest

    response = engine.search(SearchRequest(query="Kolokoltsev Lào"))
    paths = [hit.record["path"] for hit in response.hits]
    assert "ru_vi.txt" in paths and "lao_2019.txt" in paths  # no article has both: each answers half
    assert [n.code for n in response.notices] == ["some_words"]
    response = engine.search(SearchRequest(query="Tô Lâm Lào"))
    paths = [hit.record["path"] for hit in response.hits]
    assert paths[0] == "lao_2019.txt" and "ru_vi.txt" in paths[1:]  # all the words first, then some
    assert [n.code for n in response.notices] == ["some_words_after"]



MINISTER_VISITS = {
    "cuba_minister.txt": " date 2025-05\nSáng 6/5, tại Hà Nội, Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an, "
                         "đã hội đàm với Bộ trưởng Bộ Nội vụ Cuba Lázaro Alberto Álvarez Casas.",
    "cuba_deputy.txt": " date 2024-10\nTừ ngày 22 đến 26/10, Thứ trưởng Nguyễn Văn Long dẫn đầu đoàn công tác Bộ "
                       "Công an làm việc với Bộ Nội vụ Cuba tại La Habana.",
    "korea.txt": " date 2025-03\nChiều 4/3, Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an, tiếp Đại sứ Hàn Quốc "
                 "tại Việt Nam; Bộ trưởng Lương Tam Quang đề nghị hai bên tăng cường trao đổi thông tin.",
    "poland.txt": " date 2025-06\nĐại tướng Lương Tam Quang, Bộ trưởng Bộ Công an, hội đàm với Bộ trưởng Bộ Nội vụ "
                  "Ba Lan; Bộ trưởng Lương Tam Quang cảm ơn sự hỗ trợ của Ba Lan.",
    "singapore.txt": " date 2025-08\nĐại tướng Lương Tam Quang, Bộ trưởng Bộ Công an, tiếp Bộ trưởng Bộ Nội vụ "
                     "Singapore; Bộ trưởng Lương Tam Quang đánh giá cao hợp tác phòng, chống tội phạm.",
}


def test_answers_with_some_concepts_put_the_rarer_concept_first(tmp_path):
    from bilat_search.search import SearchRequest

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in MINISTER_VISITS.items():
        (folder / name).write_text(text, encoding="utf-8")
    for number in range(30):  # names are rare in a real collection
        (folder / f"news_{number}.txt").write_text(f"{NEWS} Bản tin số {number}.", encoding="utf-8")
    build([folder], IndexStore(tmp_path / "index"))
    response = Engine(tmp_path / "index").search(SearchRequest(query="Lương Tam Quang Cuba"))
    paths = [hit.record["path"] for hit in response.hits]
    assert [n.code for n in response.notices] == ["some_words_after"]
    # his meeting with Cuba; then the other meeting with Cuba (the rarer concept, however long
    # and often repeated his name is); then his other meetings
    assert paths[:2] == ["cuba_minister.txt", "cuba_deputy.txt"]
    assert set(paths[2:]) == {"korea.txt", "poland.txt", "singapore.txt"}


def test_a_typed_year_comes_before_the_preference_for_meeting_reports(tmp_path):
    from bilat_search.search import SearchRequest

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "us_2019.txt").write_text(
        " date 2019-05\nSáng 6/5, tại Hà Nội, Bộ trưởng Bộ Công an Tô Lâm đã hội đàm với Bộ trưởng An ninh Nội địa "
        "Hoa Kỳ về hợp tác phòng, chống tội phạm.", encoding="utf-8")
    (folder / "us_2026_defence.txt").write_text(
        " date 2026-02\nĐại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng, tiếp Thứ trưởng Bộ Chiến tranh Hoa Kỳ "
        "tại Hà Nội.", encoding="utf-8")
    build([folder], IndexStore(tmp_path / "index"))
    engine = Engine(tmp_path / "index")
    assert [hit.record["path"] for hit in engine.search(SearchRequest(query="Hoa Kỳ 2026")).hits] == [
        "us_2026_defence.txt", "us_2019.txt"]
    assert [hit.record["path"] for hit in engine.search(SearchRequest(query="Hoa Kỳ")).hits] == [
        "us_2019.txt", "us_2026_defence.txt"]  # without a year, the security meeting first
