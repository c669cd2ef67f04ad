"""Every route and parameter through Flask's test client, on a real seeds index."""

import csv
import io

import pytest

from bilat_search.webapp import create_app


@pytest.fixture(scope="module")
def client(seeds_index):
    app = create_app(seeds_index, testing=True)
    return app.test_client()


def test_home_page_shows_examples_and_syntax_help(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert 'href="/?q=to+lam+han+quoc"' in html
    assert "-từ" in html and "OR" in html


def test_search_page_marks_words_and_keeps_the_query(client):
    html = client.get("/?q=to+lam").get_data(as_text=True)
    assert 'value="to lam"' in html
    assert "5 kết quả" in html
    assert "<mark>Tô Lâm</mark>" in html
    assert 'data-facet="partner"' in html
    assert 'href="/article/' in html


def test_facet_filter_or_within_and_across(client):
    one = client.get("/api/search?q=to+lam&partner=Nga").get_json()
    assert one["total"] == 3
    assert all("Nga" in r["partner_countries"] for r in one["results"])
    both = client.get("/api/search?q=to+lam&partner=Nga&partner=Belarus").get_json()
    assert both["total"] == 4
    narrowed = client.get("/api/search?q=to+lam&partner=Nga&partner=Belarus&year=2023").get_json()
    assert narrowed["total"] == 1
    # the partner facet is counted as if its own selection were lifted
    partner_counts = {v["value"]: v for v in one["facets"]["partner"]}
    assert partner_counts["Belarus"]["count"] == 1
    assert partner_counts["Nga"]["selected"] is True
    assert partner_counts["Hàn Quốc"]["count"] == 1


def test_filter_values_ignore_case_and_diacritics(client):
    assert client.get("/api/search?partner=nga").get_json()["total"] == 3
    assert client.get("/api/search?partner=han+quoc").get_json()["total"] == 1


def test_year_facet_counts_unknown(client):
    years = {v["value"]: v["count"] for v in client.get("/api/search?q=to+lam").get_json()["facets"]["year"]}
    assert years["unknown"] >= 1
    assert client.get("/api/search?year=unknown").get_json()["total"] == years["unknown"]


def test_api_shape(client):
    data = client.get("/api/search?q=cong+an").get_json()
    assert set(data) >= {"query", "total", "page", "took_ms", "results", "facets", "suggestion"}
    result = data["results"][0]
    assert set(result) >= {"id", "title", "date", "url", "source", "partner_countries", "snippet_html"}
    assert "<mark>Công an</mark>" in result["snippet_html"]
    assert set(data["facets"]) == {"partner", "year", "official", "topic", "source", "type", "location"}
    assert set(data["facets"]["partner"][0]) == {"value", "count", "selected"}


def test_empty_query_with_filter_browses_newest_first(client):
    data = client.get("/api/search?partner=Nga").get_json()
    dates = [r["date"] or "" for r in data["results"]]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)
    assert dates.index(known[-1]) < len(dates) - 1 or "" not in dates


def test_sort_and_pages(client):
    newest = client.get("/api/search?q=to+lam&sort=newest").get_json()
    oldest = client.get("/api/search?q=to+lam&sort=oldest").get_json()
    # one seed gives its year (the ` date` marker); the others name none the text can vouch for
    assert newest["results"][0]["date"] == "2023-11"
    assert oldest["results"][0]["date"] == "2023-11"
    assert oldest["results"][-1]["date"] is None and newest["results"][-1]["date"] is None  # unknown dates last
    page2 = client.get("/api/search?q=to+lam&page=2").get_json()
    assert page2["results"] == [] and page2["total"] == 5


@pytest.mark.parametrize("query", ["page=0", "page=abc", "page=-3", "page=99999", "sort=sideways",
                                   "q=" + "x" * 3000, "partner=" + "y" * 300])
def test_bad_parameters_give_400_with_a_reason(client, query):
    page = client.get("/?" + query)
    assert page.status_code == 400
    assert "Yêu cầu không hợp lệ" in page.get_data(as_text=True)
    api = client.get("/api/search?" + query)
    assert api.status_code == 400
    assert api.get_json()["message"]


def test_unknown_parameters_and_values_are_harmless(client):
    assert client.get("/?q=nga&color=blue").status_code == 200
    data = client.get("/api/search?partner=Atlantis").get_json()
    assert data["total"] == 0 and data["notices"]


def test_article_page(client):
    article_id = client.get("/api/search?q=Shoigu").get_json()["results"][0]["id"]
    html = client.get(f"/article/{article_id}?q=luong+tam+quang").get_data(as_text=True)
    assert "<mark>Lương Tam Quang</mark>" in html
    assert html.count("<p>") >= 5
    assert 'class="facts"' in html
    assert 'href="/?partner=Nga"' in html
    api = client.get(f"/api/articles/{article_id}").get_json()
    assert api["id"] == article_id and api["text"].startswith("Ngày 9/12")


def test_related_articles(client):
    article_id = client.get("/api/search?q=Bortnikov").get_json()["results"][0]["id"]
    html = client.get(f"/article/{article_id}").get_data(as_text=True)
    assert 'class="related"' in html


@pytest.mark.parametrize("path", ["/article/nope", "/article/..%2F..%2Fetc%2Fpasswd", "/article/a%00b",
                                  "/api/articles/nope", "/no/such/page"])
def test_unknown_ids_give_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


def test_export_csv_of_a_search(client):
    response = client.get("/export.csv?q=to+lam&partner=Nga")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 3
    assert all("Nga" in row["partner_countries"] for row in rows)


def test_healthz(client):
    data = client.get("/healthz").get_json()
    assert data["status"] == "ok" and data["articles"] == 5


def test_security_headers_and_escaping(client):
    response = client.get('/?q=<script>alert(1)</script>"><img src=x onerror=alert(2)>')
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_english_interface(client):
    html = client.get("/?q=to+lam&lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "5 results" in html
    html = client.get("/?q=to+lam", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in html


def test_did_you_mean_offers_accents(client):
    data = client.get("/api/search?q=bo+cong+an+belarus").get_json()
    assert data["suggestion"] == "Bộ Công an Belarus"
    html = client.get("/?q=bo+cong+an+belarus").get_data(as_text=True)
    assert "Bộ Công an Belarus" in html


def test_did_you_mean_corrects_a_query_with_no_results(client):
    data = client.get("/api/search?q=Bortnikof").get_json()
    assert data["total"] == 0
    assert data["suggestion"] and "bortnikov" in data["suggestion"].lower()


def test_suggest_names(client):
    data = client.get("/api/suggest?q=lu").get_json()
    assert any(s["value"] == "Lương Tam Quang" for s in data["suggestions"])
    assert client.get("/api/suggest?q=").get_json()["suggestions"] == []


def test_timeline_and_chips(tmp_path, make_folder):
    from bilat_search.indexer import build
    from bilat_search.store import IndexStore

    lead = "Ngày 2/3, tại Hà Nội, Bộ trưởng Bộ Công an Tô Lâm đã hội đàm với Bộ trưởng Bộ Nội vụ {0} {1}."
    folder = make_folder({
        f"{year}-{country}.txt": f" date {year}-03\n{lead.format(country, name)}"
        for year, country, name in [("2017", "Belarus", "Igor Shunevich"), ("2019", "Nga", "Vladimir Kolokoltsev"),
                                    ("2023", "Nga", "Vladimir Kolokoltsev")]
    })
    build([folder], IndexStore(tmp_path / "index"))
    client = create_app(tmp_path / "index", testing=True).test_client()
    html = client.get("/?q=to+lam&partner=Nga&partner=Belarus").get_data(as_text=True)
    assert 'class="chip"' in html and "clear-all" in html
    assert "<svg" in html and 'href="/?q=to+lam&amp;partner=Nga&amp;partner=Belarus&amp;year=2019"' in html
