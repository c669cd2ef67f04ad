"""Related articles: the other reports of the meeting first, then the partner's other meetings, newest first."""

import pytest

from bilat_search.related import related_to
from bilat_search.webapp import create_app
from conftest import record_ids


@pytest.fixture(scope="module")
def client(meetings_index):
    return create_app(meetings_index, testing=True).test_client()


def test_other_reports_then_other_meetings_with_the_partner(meetings_engine):
    ids = record_ids(meetings_engine)
    related = related_to(meetings_engine.chronology(), ids["g01"])
    assert {r["id"] for r in related.reports} == {ids["g02"], ids["g03"]}
    dates = [m.date for m in related.meetings]
    assert dates == ["2020-07-20", "2019-03-12"]  # Laos only, newest first, its own meeting left out
    assert all("Lào" in m.partner_countries for m in related.meetings)
    listed = {r["id"] for r in related.reports} | {r["id"] for m in related.meetings for r in m.reports}
    assert ids["g09"] not in listed and ids["g01"] not in listed


def test_general_news_has_no_meeting_relations(meetings_engine):
    ids = record_ids(meetings_engine)
    assert not related_to(meetings_engine.chronology(), ids["g09"])


def test_article_page_lists_the_same_meeting_first(client, meetings_engine):
    ids = record_ids(meetings_engine)
    html = client.get(f"/article/{ids['g02']}").get_data(as_text=True)
    same, partner = html.index('class="same-meeting"'), html.index('class="partner-meetings"')
    assert same < partner
    for name in ("g01", "g03"):
        assert html.index(f'href="/article/{ids[name]}"', same) < partner
    assert f'href="/article/{ids["g09"]}"' not in html


def test_article_api_gives_the_meeting(client, meetings_engine):
    ids = record_ids(meetings_engine)
    data = client.get(f"/api/articles/{ids['g07']}").get_json()
    assert data["meeting_id"] == data["meeting"]["meeting_id"]
    assert {r["id"] for r in data["meeting"]["reports"]} == {ids["g06"], ids["g07"]}
    assert client.get(f"/api/articles/{ids['g09']}").get_json()["meeting"] is None
