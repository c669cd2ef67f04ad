"""The meetings view: Engine.meetings, /meetings, /api/meetings, /meetings.csv and `bilat-search meetings`.

On the seeds and the grouping fixtures (tests/fixtures/grouping/README.md): 10 meetings from 13 reports.
"""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from bilat_search.chronology import MeetingsBadRequest, MeetingsRequest
from bilat_search.cli import cli
from bilat_search.webapp import create_app


def view(engine, **kwargs):
    return engine.meetings(MeetingsRequest(**kwargs))


def facet(response, param) -> dict[str, int]:
    return {v.value: v.count for v in response.facets[param]}


@pytest.fixture(scope="module")
def client(meetings_index):
    return create_app(meetings_index, testing=True).test_client()


# --- the view, without HTTP ----------------------------------------------------------------


def test_meetings_newest_first_with_their_reports(meetings_engine):
    response = view(meetings_engine, page_size=50)
    assert (response.total, response.articles) == (10, 13)
    dates = [m.date for m in response.meetings]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True) and dates[-2:] == [None, None]
    laos_2019 = next(m for m in response.meetings if m.date == "2019-03-12" and len(m.reports) == 3)
    assert laos_2019.vn_officials == ["Tô Lâm"] and laos_2019.foreign_officials == ["Vilay Lakhamphong"]
    assert laos_2019.title == laos_2019.reports[0]["title"]
    assert {"id", "title", "source", "url"} <= set(laos_2019.reports[0])


def test_facets_count_meetings_not_articles(meetings_engine):
    response = view(meetings_engine)
    assert facet(response, "partner") == {"Nga": 5, "Lào": 3, "Belarus": 1, "Hàn Quốc": 1}
    assert facet(response, "year")["2019"] == 2  # five reports, two meetings
    assert facet(response, "year")["unknown"] == 4  # four seeds give no year the text can vouch for


def test_facet_filters_are_or_within_and_across(meetings_engine):
    laos = view(meetings_engine, filters={"partner": ["lao"]})
    assert laos.total == 3 and all("Lào" in m.partner_countries for m in laos.meetings)
    both = view(meetings_engine, filters={"partner": ["Lào", "Belarus"]})
    assert both.total == 4
    narrowed = view(meetings_engine, filters={"partner": ["Lào", "Belarus"], "year": ["2019"]})
    assert narrowed.total == 2
    assert facet(narrowed, "partner") == {"Lào": 2, "Belarus": 0}  # selected values stay, at 0
    assert facet(laos, "partner")["Nga"] == 5


def test_a_meeting_matches_when_any_report_does(meetings_engine):
    """`Patrusev` is Patrushev spelled loosely: both his meetings match, the 2017 one with both its reports
    although only its Vietnamese report names him (`Patrushev`) and the English one writes `Patrusev`."""
    response = view(meetings_engine, query="Patrusev")
    assert response.total == 2
    assert sorted(len(m.reports) for m in response.meetings) == [1, 2]
    cand = view(meetings_engine, filters={"source": ["CAND"]})
    assert {m.date for m in cand.meetings} == {"2019-03-12", "2017-07-25"}


@pytest.mark.parametrize("sort, first", [
    ("partner", "Belarus"), ("-partner", "Nga"), ("official", "Lương Tam Quang"), ("-reports", 3),
])
def test_columns_sort(meetings_engine, sort, first):
    meetings = view(meetings_engine, sort=sort).meetings
    value = {"partner": lambda m: m.partner_countries[0], "official": lambda m: m.vn_officials[0],
             "reports": lambda m: len(m.reports)}[sort.lstrip("-")](meetings[0])
    assert value == first


def test_oldest_and_relevance(meetings_engine):
    oldest = view(meetings_engine, sort="oldest", page_size=50).meetings
    assert oldest[0].date == "2017-07-25" and oldest[-1].date is None
    ranked = view(meetings_engine, query="Vilay Lakhamphong hà nội", sort="relevance").meetings
    assert ranked[0].date == "2019-03-12" and len(ranked[0].reports) == 3


def test_pages_are_disjoint_and_complete(meetings_engine):
    seen = []
    for page in (1, 2, 3, 4):
        seen += [m.meeting_id for m in view(meetings_engine, page=page, page_size=3).meetings]
    assert len(seen) == len(set(seen)) == 10


@pytest.mark.parametrize("kwargs", [{"sort": "sideways"}, {"page": 0}, {"page_size": 500},
                                    {"filters": {"colour": ["blue"]}}])
def test_bad_requests_say_why(meetings_engine, kwargs):
    with pytest.raises(MeetingsBadRequest):
        view(meetings_engine, **kwargs)


# --- HTTP ----------------------------------------------------------------------------------


def test_meetings_page_shows_the_table(client):
    html = client.get("/meetings").get_data(as_text=True)
    assert "10 cuộc gặp" in html and "từ 13 bài" in html
    assert html.count('class="meeting"') == 10
    assert 'aria-sort="descending"' in html  # the date column, newest first
    assert 'href="/meetings?sort=partner"' in html and 'href="/meetings?sort=date"' in html
    assert 'href="/partner/L%C3%A0o"' in html and 'href="/official/T%C3%B4%20L%C3%A2m"' in html
    assert 'data-facet="partner"' in html and "/meetings.csv" in html


def test_meetings_page_keeps_query_filters_and_sort(client):
    html = client.get("/meetings?q=vilay&partner=L%C3%A0o&sort=-reports").get_data(as_text=True)
    assert 'value="vilay"' in html and 'name="sort" value="-reports"' in html
    assert 'action="/meetings"' in html
    assert html.count('class="meeting"') == 2
    english = client.get("/meetings?lang=en").get_data(as_text=True)
    assert "10 meetings" in english and "from 13 articles" in english


def test_api_meetings_shape(client):
    data = client.get("/api/meetings?partner=Nga").get_json()
    assert {"query", "total", "page", "meetings", "facets"} <= set(data)
    assert data["total"] == 5
    meeting = data["meetings"][0]
    assert {"meeting_id", "date", "partner_countries", "vn_officials", "foreign_officials", "foreign_agencies",
            "locations", "meeting_types", "topics", "reports"} <= set(meeting)
    assert {"id", "title", "source", "url"} <= set(meeting["reports"][0])
    assert set(data["facets"]) == {"partner", "year", "official", "topic", "source", "type", "location"}


def test_meetings_csv(client):
    response = client.get("/meetings.csv?partner=L%C3%A0o")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["date"] for row in rows] == ["2020-07-20", "2019-03-12", "2019-03-12"]
    assert sorted(row["reports"] for row in rows) == ["1", "1", "3"]


@pytest.mark.parametrize("path", ["/meetings?sort=sideways", "/api/meetings?page=0", "/meetings.csv?q=" + "x" * 3000])
def test_bad_parameters_give_400(client, path):
    assert client.get(path).status_code == 400


# --- CLI -----------------------------------------------------------------------------------


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_table(meetings_index):
    lines = run("meetings", "--index-dir", str(meetings_index)).splitlines()
    assert lines[0] == "10 meetings (13 articles)"
    assert lines[1].split()[:2] == ["date", "partner"]
    assert lines[2].startswith("2023-11     Nga")
    assert len(lines) == 12


def test_cli_filters_sort_and_formats(meetings_index):
    index = ("--index-dir", str(meetings_index))
    data = json.loads(run("meetings", "--filter", "partner=Lào", "--format", "json", *index))
    assert data["total"] == 3 and len(data["meetings"]) == 3
    rows = list(csv.DictReader(io.StringIO(run("meetings", "-f", "partner_countries=lao", "--sort=-reports",
                                               "--format", "csv", *index))))
    assert [row["reports"] for row in rows] == ["3", "1", "1"]
    assert run("meetings", "patrusev", "--limit", "1", *index).splitlines()[0] == "2 meetings (3 articles)"
    bad = CliRunner().invoke(cli, ["meetings", "--sort", "sideways", *index])
    assert bad.exit_code != 0 and "unknown sort" in bad.output
