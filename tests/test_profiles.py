"""Partner and official pages: the profile figures (without HTTP), then /partner/<name> and /official/<name>."""

import pytest

from bilat_search.profiles import official_profile, partner_profile
from bilat_search.webapp import create_app


@pytest.fixture(scope="module")
def chronology(meetings_engine):
    return meetings_engine.chronology()


@pytest.fixture(scope="module")
def client(meetings_index):
    return create_app(meetings_index, testing=True).test_client()


def counts(items) -> dict[str, int]:
    return {item.value: item.count for item in items}


def test_partner_profile_counts_meetings(chronology):
    laos = partner_profile(chronology, "Lào")
    assert laos.name == "Lào" and len(laos.meetings) == 3 and laos.reports == 5
    assert [(v.value, v.count) for v in laos.per_year] == [("2019", 2), ("2020", 1)]
    assert counts(laos.vn_officials) == {"Tô Lâm": 2, "Lương Tam Quang": 1}
    assert counts(laos.foreign_officials) == {"Vilay Lakhamphong": 2, "Sengphet Houngboungnuang": 1}
    assert [m.date for m in laos.latest] == ["2020-07-20", "2019-03-12", "2019-03-12"]
    topics = laos.topics_over_time
    assert topics.years == ["2019", "2020"]
    assert ("ma túy", [2, 1], 3) in topics.rows


def test_spellings_of_one_person_count_once(chronology):
    """Meeting D's reports write `Nikolai Patrushev` and `Patrusev Nikolay Platonovich`."""
    russia = partner_profile(chronology, "Nga")
    assert counts(russia.foreign_officials)["Nikolai Patrushev"] == 2
    assert "Patrusev Nikolay Platonovich" not in counts(russia.foreign_officials)


@pytest.mark.parametrize("name", ["Lào", "lao", "LÀO", "Laos"])
def test_partner_by_any_name(chronology, name):
    assert partner_profile(chronology, name).name == "Lào"


def test_unknown_and_quiet_partners(chronology):
    assert partner_profile(chronology, "Atlantis") is None
    france = partner_profile(chronology, "France")
    assert france.name == "Pháp" and france.meetings == []


def test_official_profile_says_whom_they_met_and_when(chronology):
    to_lam = official_profile(chronology, "to lam")
    assert to_lam.name == "Tô Lâm" and len(to_lam.meetings) == 8
    assert counts(to_lam.partners) == {"Nga": 4, "Lào": 2, "Belarus": 1, "Hàn Quốc": 1}
    assert counts(to_lam.foreign_officials)["Nikolai Patrushev"] == 2
    # newest first: the Lao ambassador's call of 2019 before the Shoigu talks, whose year the seed does not give
    assert [m.date for m in official_profile(chronology, "Lương Tam Quang").meetings] == ["2019-03-12", None]
    assert official_profile(chronology, "Nobody Here") is None


def test_partner_page(client):
    html = client.get("/partner/L%C3%A0o").get_data(as_text=True)
    assert "Đối tác: Lào" in html and "3 cuộc gặp" in html
    assert '<figure class="timeline">' in html and "Số cuộc gặp theo năm" in html
    assert 'href="/meetings?partner=L%C3%A0o&amp;year=2019"' in html  # each bar opens that year's meetings
    assert 'href="/official/T%C3%B4%20L%C3%A2m"' in html
    assert 'href="/meetings?partner=L%C3%A0o"' in html and 'href="/?partner=L%C3%A0o"' in html
    assert 'href="/meetings?partner=L%C3%A0o&amp;topic=ma+t%C3%BAy"' in html
    assert html.count('class="meeting"') == 3
    assert client.get("/partner/laos").status_code == 200
    assert "Partner: Lào" in client.get("/partner/L%C3%A0o?lang=en").get_data(as_text=True)


def test_official_page(client):
    html = client.get("/official/to%20lam").get_data(as_text=True)
    assert "Lãnh đạo: Tô Lâm" in html and "8 cuộc gặp" in html
    assert 'href="/partner/Nga"' in html and 'href="/meetings?official=T%C3%B4+L%C3%A2m"' in html


@pytest.mark.parametrize("path", ["/partner/Atlantis", "/official/Nobody", "/partner/" + "x" * 300])
def test_unknown_names_give_404(client, path):
    assert client.get(path).status_code == 404


def test_profiles_are_reachable_from_facets_results_and_facts(client, meetings_engine):
    search = client.get("/?q=vilay").get_data(as_text=True)
    assert 'class="profile-link" href="/partner/L%C3%A0o"' in search  # the partner facet value
    assert 'class="profile-link" href="/official/T%C3%B4%20L%C3%A2m"' in search  # the official facet value
    assert '<span class="hit-partners"><a href="/partner/L%C3%A0o"' in search  # the record field in a result
    article_id = client.get("/api/search?q=vilay").get_json()["results"][0]["id"]
    article = client.get(f"/article/{article_id}").get_data(as_text=True)
    assert 'class="profile-link" href="/partner/L%C3%A0o"' in article
