"""The grouping rules (bilat_search.grouping) on records and texts written for these tests."""

from pathlib import Path

import pytest

from bilat_search import grouping
from bilat_search.ingest import read_articles
from bilat_search.records import make_record

GROUPING_FIXTURES = Path(__file__).parent / "fixtures" / "grouping"


def record(id_, **facts) -> dict:
    """A meeting report's record: Laos, Tô Lâm and Vilay Lakhamphong, 12/3/2019 in Hà Nội, unless told."""
    base = {
        "id": id_, "title": "", "text": "", "is_bilateral": True, "partner_countries": ["Lào"],
        "date": "2019-03-12", "date_precision": "day", "date_basis": "explicit", "year": 2019,
        "vn_officials": ["Tô Lâm"], "foreign_officials": ["Vilay Lakhamphong"], "locations": ["Hà Nội"],
    }
    base.update(facts)
    return base


def groups_of(*records) -> list[list[str]]:
    return [g for g in grouping.group(records) if len(g) > 1]


# --- rule 1: only meeting reports ---------------------------------------------------------


def test_general_news_is_never_part_of_a_meeting():
    news = record("news", is_bilateral=False, partner_countries=[])
    also_news = record("news2", is_bilateral=False)
    assert groups_of(record("a"), news, also_news) == []
    assert grouping.group([news]) == []


def test_a_report_alone_is_a_meeting_of_its_own():
    assert grouping.group([record("a")]) == [["a"]]


# --- rules 2 and 3: partner and date --------------------------------------------------------


def test_same_day_same_people_is_one_meeting():
    assert groups_of(record("a"), record("b"), record("c")) == [["a", "b", "c"]]


def test_different_partners_are_different_meetings():
    assert groups_of(record("a"), record("b", partner_countries=["Campuchia"])) == []


def test_a_partner_named_in_passing_still_shares_the_meeting():
    assert groups_of(record("a"), record("b", partner_countries=["Lào", "Campuchia"])) == [["a", "b"]]


def test_two_days_are_never_one_meeting():
    later = record("b", date="2019-03-13")
    next_year = record("c", date="2020-03-12", year=2020)
    assert groups_of(record("a"), later, next_year) == []


def test_a_month_contains_its_days():
    month = record("b", date="2019-03", date_precision="month", date_basis="prefix")
    other_month = record("c", date="2019-04", date_precision="month", date_basis="prefix")
    assert groups_of(record("a"), month, other_month) == [["a", "b"]]


def test_a_day_and_month_without_a_year_join_the_one_meeting_they_fit():
    no_year = record("b", date=None, date_precision=None, date_basis=None, year=None,
                     text="Chiều 12/3, tại Hà Nội, Bộ trưởng Tô Lâm hội đàm với Bộ trưởng Bộ An ninh Lào.")
    assert groups_of(record("a"), no_year, record("c", date="2020-07-20", year=2020)) == [["a", "b"]]


def test_a_date_that_fits_two_meetings_joins_neither():
    """Tô Lâm met Vilay Lakhamphong on 12/3 of 2019 and of 2020: `Chiều 12/3` alone cannot tell which."""
    no_year = record("c", date=None, date_precision=None, date_basis=None, year=None, text="Chiều 12/3, tại Hà Nội")
    assert groups_of(record("a"), record("b", date="2020-03-12", year=2020), no_year) == []


def test_a_guessed_year_neither_proves_nor_rules_out():
    """`inferred` years come from other years in the text: the day and the people decide."""
    guessed = record("b", date="2026-03-12", year=2026, date_basis="inferred")
    guessed_too = record("c", date="2023-03-12", year=2023, date_basis="inferred")
    assert groups_of(guessed, guessed_too) == [["b", "c"]]


def test_a_publication_day_fits_a_meeting_up_to_two_days_before():
    published = record("b", date="2019-03-14", date_basis="prefix", text="Hai bên đã hội đàm.")
    too_late = record("c", date="2019-03-16", date_basis="prefix", text="Hai bên đã hội đàm.")
    assert groups_of(record("a"), published, too_late) == [["a", "b"]]


def test_a_report_with_no_date_at_all_needs_both_sides_leaders():
    """With no day or month, only the leaders of both sides (and the partner) tie a report to a meeting."""
    undated = record("b", date=None, date_precision=None, date_basis=None, year=None)
    assert groups_of(record("a"), undated) == [["a", "b"]]
    one_side = record("c", date=None, date_precision=None, date_basis=None, year=None, foreign_officials=[])
    assert groups_of(record("a"), one_side) == []


def test_a_report_with_only_a_month_joins_when_people_and_place_agree():
    month_only = record("b", date="2019-03", date_precision="month", date_basis="prefix", year=2019)
    assert groups_of(record("a"), month_only) == [["a", "b"]]
    only_one_side = record("c", date="2019-03", date_precision="month", date_basis="prefix", year=2019,
                           foreign_officials=[], locations=[])
    assert groups_of(record("a"), only_one_side) == []


def test_undated_reports_never_form_a_meeting_among_themselves():
    undated = {"date": None, "date_precision": None, "date_basis": None, "year": None}
    assert groups_of(record("a", **undated), record("b", **undated)) == []
    year_only = {"date": "2019", "date_precision": "year", "date_basis": "inferred"}
    assert groups_of(record("c", **year_only), record("d", **year_only)) == []


def test_less_precise_reports_of_one_day_form_a_meeting_without_an_anchor():
    day_month = {"date": None, "date_precision": None, "date_basis": None, "year": None, "text": "Ngày 26/9, tại Khánh Hòa"}
    assert groups_of(record("a", **day_month), record("b", **day_month)) == [["a", "b"]]


# --- rule 4: people and place -------------------------------------------------------------------


def test_different_leaders_the_same_day_are_different_meetings():
    """The minister's talks and the Prime Minister's reception of one delegation, one day."""
    reception = record("b", vn_officials=["Phạm Minh Chính"])
    other_delegation = record("c", foreign_officials=["Sonexay Siphandone"])
    assert groups_of(record("a"), reception, other_delegation) == []


def test_the_place_alone_agrees_when_nobody_is_named():
    nameless = record("b", vn_officials=[], foreign_officials=[])
    elsewhere = record("c", vn_officials=[], foreign_officials=[], locations=["Viêng Chăn"])
    assert groups_of(record("a"), nameless) == [["a", "b"]]
    assert groups_of(record("a"), elsewhere) == []


@pytest.mark.parametrize("vn, foreign", [
    (["To Lam"], ["Vilay Lakhamphong"]),
    (["Lam"], ["Vilay Lakhamphong"]),
    (["TÔ LÂM"], ["Lakhamphong"]),
])
def test_names_compare_across_spellings(vn, foreign):
    assert groups_of(record("a"), record("b", vn_officials=vn, foreign_officials=foreign)) == [["a", "b"]]


def test_gazetteer_variants_and_partial_names_are_one_person():
    russia = {"partner_countries": ["Nga"], "vn_officials": ["Tô Lâm"]}
    assert groups_of(record("a", foreign_officials=["Nikolai Patrushev"], **russia),
                     record("b", foreign_officials=["Patrusev Nikolay Platonovich"], **russia),
                     record("c", foreign_officials=["Nikolai Platonovich"], **russia)) == [["a", "b", "c"]]
    china = {"partner_countries": ["Trung Quốc"], "vn_officials": ["Trần Đại Quang"]}
    assert groups_of(record("d", foreign_officials=["Quách Thanh Côn"], **china),
                     record("e", foreign_officials=["Guo Shengkun"], **china)) == [["d", "e"]]


def test_a_shared_surname_is_not_one_person():
    korea = {"partner_countries": ["Hàn Quốc"]}
    assert groups_of(record("a", foreign_officials=["Kim Jong-uk"], **korea),
                     record("b", foreign_officials=["Kim Chang-ryong"], **korea)) == []


def test_a_transcribed_name_and_its_original_spelling_cannot_disagree():
    """`Trang Vĩ` is how the Vietnamese press writes Zhang Wei: without a gazetteer entry, no conflict."""
    china = {"partner_countries": ["Trung Quốc"], "vn_officials": ["Lê Quang Đạo"], "locations": []}
    vietnamese = record("a", foreign_officials=["Trang Vĩ"], **china)
    english = record("b", foreign_officials=["Zhang Wei"], **china)
    assert groups_of(vietnamese, english) == [["a", "b"]]
    assert groups_of(english, record("c", foreign_officials=["Wu Tao"], **china)) == []


def test_title_words_in_a_foreign_name_prove_nothing():
    assert grouping.foreign_person("Federation") is None
    assert grouping.foreign_person("Women Marise Payne").tokens == grouping.foreign_person("Marise Payne").tokens


def test_a_vietnamese_leader_read_as_foreign_is_no_counterpart():
    """English reports call Tô Lâm `Lam`; an extractor may put that among the foreign officials."""
    leaked = record("b", foreign_officials=["Lam", "Vilay Lakhamphong"])
    other = record("c", foreign_officials=["Lam"], vn_officials=["Tô Lâm"])
    report = grouping.Report.from_record(other)
    assert report.foreign == ()
    assert groups_of(record("a"), leaked) == [["a", "b"]]


def test_grouping_is_the_same_in_any_order():
    records = [record("a"), record("b", date=None, date_basis=None, year=None, date_precision=None),
               record("c", date="2020-03-12", year=2020), record("d", vn_officials=["Phạm Minh Chính"])]
    assert grouping.group(records) == grouping.group(list(reversed(records)))


# --- the same rules on articles written for them -----------------------------------------------------


def test_reports_written_for_these_tests_group_as_their_readme_says():
    records = [make_record(article) for article in read_articles([GROUPING_FIXTURES])]
    by_name = {r["path"]: r["id"] for r in records}
    names = {v: k[:3] for k, v in by_name.items()}
    groups = sorted(sorted(names[i] for i in group) for group in grouping.group(records))
    assert groups == [["g01", "g02", "g03"], ["g04"], ["g05"], ["g06", "g07"], ["g08"]]


def test_a_report_of_a_visits_span_of_days_meets_a_report_of_one_of_them():
    """`visiting Vietnam from March 15-17` and a report of the talks on March 16: one meeting, given a person."""
    visit = record("a", date="2019-03-15", date_basis="prefix",
                   text="The minister hosted a reception for the delegation visiting Vietnam from March 15-17.")
    talks = record("b", date="2019-03-16", date_basis="inferred", vn_officials=[], locations=[])
    assert groups_of(visit, talks) == [["a", "b"]]
    elsewhere = record("c", date="2019-03-19", date_basis="inferred", vn_officials=[], locations=[])
    assert groups_of(visit, elsewhere) == []
