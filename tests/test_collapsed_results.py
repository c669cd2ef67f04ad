"""Search results fold the reports of one meeting into one result; the "meeting reports only" toggle."""

import numpy as np
import pytest

from bilat_search import collapse
from bilat_search.search import SearchRequest
from bilat_search.webapp import create_app
from conftest import record_ids


@pytest.fixture(scope="module")
def client(meetings_index):
    return create_app(meetings_index, testing=True).test_client()


def search(engine, query="", **kwargs):
    return engine.search(SearchRequest(query=query, page_size=kwargs.pop("page_size", 20), **kwargs))


def test_page_of_results_folds_a_meeting_where_its_first_report_stands():
    # documents 0..5 in result order 4, 1, 3, 0, 5, 2; 1 and 0 and 2 report meeting 7, 3 reports meeting 8
    meeting_of_doc = np.array([7, 7, 7, 8, -1, -1])
    ordered = np.array([4, 1, 3, 0, 5, 2])
    results = collapse.page(ordered, meeting_of_doc, 0, 10)
    assert [(r.docnum, r.others) for r in results] == [(4, []), (1, [0, 2]), (3, []), (5, [])]
    assert [r.docnum for r in collapse.page(ordered, meeting_of_doc, 1, 2)] == [1, 3]
    selected = np.array([True, True, True, True, True, True])
    assert collapse.counts(selected, meeting_of_doc) == (4, 2)


def test_one_result_per_meeting_with_its_other_reports(meetings_engine):
    ids = record_ids(meetings_engine)
    response = search(meetings_engine, "Vilay Lakhamphong")
    assert (response.results, response.total, response.meetings) == (2, 4, 2)
    folded = next(hit for hit in response.hits if hit.others)
    reports = {folded.record["id"], *(other["id"] for other in folded.others)}
    assert reports == {ids["g01"], ids["g02"], ids["g03"]}
    assert {"id", "title", "source", "url", "date"} <= set(folded.others[0])
    assert folded.record["meeting_id"] is not None


def test_sorted_results_fold_too_and_pages_stay_disjoint(meetings_engine):
    newest = search(meetings_engine, "to lam", sort="newest")
    dates = [hit.record["date"] or "" for hit in newest.hits]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)
    assert newest.total - newest.results == sum(len(hit.others) for hit in newest.hits)
    seen = []
    for page in range(1, newest.results + 1):
        hits = meetings_engine.search(SearchRequest(query="to lam", sort="newest", page=page, page_size=1)).hits
        seen += [hit.record["id"] for hit in hits]
    assert len(seen) == len(set(seen)) == newest.results


def test_meeting_reports_only(meetings_engine):
    ids = record_ids(meetings_engine)
    every = search(meetings_engine, "Tô Lâm")
    assert ids["g09"] in {hit.record["id"] for hit in every.hits}  # general news naming Tô Lâm
    only = search(meetings_engine, "Tô Lâm", meetings_only=True)
    assert ids["g09"] not in {hit.record["id"] for hit in only.hits}
    assert only.total == every.meeting_reports == every.total - 1
    assert sum(v.count for v in only.facets["partner"]) <= only.total


def test_api_says_results_articles_and_meetings(client):
    data = client.get("/api/search?q=vilay+lakhamphong").get_json()
    assert (data["results_total"], data["total"], data["meetings"]) == (2, 4, 2)
    assert sorted(len(r["other_reports"]) for r in data["results"]) == [0, 2]
    only = client.get("/api/search?q=t%C3%B4+l%C3%A2m&only=meetings").get_json()
    assert only["meetings_only"] is True and only["total"] == only["meeting_reports"]


def test_results_page_shows_the_fold_and_plain_counts(client):
    html = client.get("/?q=vilay+lakhamphong").get_data(as_text=True)
    assert "2 kết quả" in html and "2 cuộc gặp (4 bài)" in html
    assert '<details class="other-reports">' in html and "+2 bài khác về cuộc gặp này" in html
    assert 'href="/?q=vilay+lakhamphong&amp;only=meetings"' in html
    assert 'href="/meetings?q=vilay+lakhamphong"' in html
    english = client.get("/?q=vilay+lakhamphong&lang=en").get_data(as_text=True)
    assert "2 meetings (4 articles)" in english and "+2 other reports of this meeting" in english
    news = client.get("/?q=m%C6%B0a+l%C5%A9").get_data(as_text=True)
    assert "1 bài" in news  # general news only: articles, said as such


def test_toggle_is_kept_by_the_form_and_its_state_is_shown(client):
    html = client.get("/?q=t%C3%B4+l%C3%A2m&only=meetings").get_data(as_text=True)
    assert 'aria-checked="true"' in html and '<input type="hidden" name="only" value="meetings">' in html
    assert client.get("/?only=meetings").status_code == 200  # browsing meeting reports, newest first
