"""Sanity checks for the gazetteer JSON data files (stdlib only)."""

import json
import unicodedata
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "src/bilat_search/data"

FILES = [
    "countries.json",
    "organizations.json",
    "foreign_officials.json",
    "vn_officials.json",
    "topics.json",
    "meeting_types.json",
    "sources.json",
]

TOPIC_LABELS = {
    "ma túy", "tội phạm công nghệ cao", "an ninh mạng", "khủng bố", "mua bán người", "di cư trái phép",
    "đào tạo", "dẫn độ", "truy nã", "tội phạm kinh tế", "rửa tiền", "buôn lậu", "kỹ thuật hình sự",
    "bảo hộ công dân",
}

MEETING_LABELS = {"hội đàm", "tiếp", "hội kiến", "hội nghị", "ký kết", "điện đàm", "trực tuyến"}

# Canonical names that the labelled test articles rely on.
REQUIRED_COUNTRIES = {
    "Nga", "Trung Quốc", "Lào", "Campuchia", "Thái Lan", "Myanmar", "Malaysia", "Singapore", "Indonesia",
    "Philippines", "Brunei", "Timor-Leste", "Hàn Quốc", "Triều Tiên", "Nhật Bản", "Mông Cổ", "Ấn Độ", "Hoa Kỳ",
    "Canada", "Úc", "New Zealand", "Anh", "Pháp", "Đức", "Italy", "Tây Ban Nha", "Bồ Đào Nha", "Hà Lan", "Bỉ",
    "Thụy Sĩ", "Áo", "Thụy Điển", "Na Uy", "Phần Lan", "Đan Mạch", "Ba Lan", "Séc", "Slovakia", "Hungary",
    "Romania", "Bulgaria", "Serbia", "Hy Lạp", "Belarus", "Ukraine", "Kazakhstan", "Uzbekistan", "Kyrgyzstan",
    "Tajikistan", "Azerbaijan", "Armenia", "Thổ Nhĩ Kỳ", "Israel", "Iran", "Ả Rập Xê Út", "UAE", "Qatar",
    "Ai Cập", "Nam Phi", "Angola", "Mozambique", "Algeria", "Cuba", "Venezuela", "Nicaragua", "Brazil",
    "Argentina", "Chile", "Mexico", "Sri Lanka", "Bangladesh", "Pakistan", "Palestine",
}

COUNTRY_KEYS = {"name", "english", "aliases", "ambiguous_aliases", "capitals", "cities", "agencies"}


def load(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


def walk_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for item in obj:
            yield from walk_strings(item)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield key
            yield from walk_strings(value)


def nonempty_str_list(value):
    return isinstance(value, list) and all(isinstance(s, str) and s.strip() == s and s for s in value)


@pytest.fixture(scope="module")
def countries():
    return load("countries.json")


# ---------------------------------------------------------------- all files


@pytest.mark.parametrize("name", FILES)
def test_file_is_valid_json_and_nonempty(name):
    data = load(name)
    assert data, f"{name} is empty"


@pytest.mark.parametrize("name", FILES)
def test_all_strings_are_nfc_and_trimmed(name):
    bad = [s for s in walk_strings(load(name)) if not unicodedata.is_normalized("NFC", s)]
    assert not bad, f"non-NFC strings in {name}: {bad[:5]}"
    untrimmed = [s for s in walk_strings(load(name)) if s != s.strip() or not s]
    assert not untrimmed, f"empty/untrimmed strings in {name}: {untrimmed[:5]}"


# ---------------------------------------------------------------- countries


def test_countries_shape(countries):
    assert isinstance(countries, list)
    assert len(countries) >= 60
    for c in countries:
        assert set(c) == COUNTRY_KEYS, c.get("name")
        assert isinstance(c["name"], str) and c["name"]
        assert isinstance(c["english"], str) and c["english"]
        for key in COUNTRY_KEYS - {"name", "english"}:
            assert nonempty_str_list(c[key]), (c["name"], key)
        assert c["name"] in c["aliases"], c["name"]
        assert c["english"] in c["aliases"], c["name"]
        assert len(c["agencies"]) >= 2, c["name"]


def test_country_names_unique_and_complete(countries):
    names = [c["name"] for c in countries]
    assert len(names) == len(set(names))
    missing = REQUIRED_COUNTRIES - set(names)
    assert not missing, f"missing canonical countries: {sorted(missing)}"


def test_no_alias_shared_between_countries(countries):
    owner = {}
    clashes = []
    for c in countries:
        for alias in set(a.casefold() for a in c["aliases"]):
            if alias in owner and owner[alias] != c["name"]:
                clashes.append((alias, owner[alias], c["name"]))
            owner[alias] = c["name"]
    assert not clashes, clashes


def test_ambiguous_aliases_are_aliases(countries):
    for c in countries:
        missing = set(c["ambiguous_aliases"]) - set(c["aliases"])
        assert not missing, (c["name"], missing)


def test_known_ambiguous_aliases_flagged(countries):
    by_name = {c["name"]: c for c in countries}
    for name, alias in [("Nga", "Nga"), ("Anh", "Anh"), ("Đức", "Đức"), ("Italy", "Ý"), ("Hoa Kỳ", "Mỹ"),
                        ("Pháp", "Pháp"), ("Séc", "Séc"), ("Áo", "Áo"), ("Bỉ", "Bỉ")]:
        assert alias in by_name[name]["ambiguous_aliases"], (name, alias)


def test_vietnam_not_in_countries(countries):
    for s in walk_strings(countries):
        folded = s.casefold()
        assert "việt nam" not in folded and "vietnam" not in folded and "viet nam" not in folded, s


def test_key_aliases_resolve(countries):
    owner = {a.casefold(): c["name"] for c in countries for a in c["aliases"]}
    expected = {
        "Liên bang Nga": "Nga", "CHND Trung Hoa": "Trung Quốc", "Lao PDR": "Lào", "CHDCND Lào": "Lào",
        "Vương quốc Campuchia": "Campuchia", "Mỹ": "Hoa Kỳ", "the US": "Hoa Kỳ", "U.S.": "Hoa Kỳ",
        "Republic of Korea": "Hàn Quốc", "RoK": "Hàn Quốc", "Đại Hàn Dân Quốc": "Hàn Quốc",
        "DPRK": "Triều Tiên", "CHDCND Triều Tiên": "Triều Tiên", "Australia": "Úc", "Ô-xtrây-li-a": "Úc",
        "UK": "Anh", "Britain": "Anh", "CHLB Đức": "Đức", "Ý": "Italy", "Cu Ba": "Cuba",
        "Bê-la-rút": "Belarus", "CH Séc": "Séc", "Pa-le-xtin": "Palestine", "Türkiye": "Thổ Nhĩ Kỳ",
    }
    for alias, name in expected.items():
        assert owner.get(alias.casefold()) == name, alias


# ---------------------------------------------------------------- organizations


def test_organizations(countries):
    orgs = load("organizations.json")
    assert isinstance(orgs, list) and len(orgs) >= 10
    names = [o["name"] for o in orgs]
    assert len(names) == len(set(names))
    for required in ["INTERPOL", "ASEANAPOL", "Europol", "UNODC", "AMMTC", "ASEAN", "EU"]:
        assert required in names
    country_aliases = {a.casefold() for c in countries for a in c["aliases"]}
    seen = {}
    for o in orgs:
        assert set(o) == {"name", "aliases"}
        assert nonempty_str_list(o["aliases"]) and o["aliases"], o["name"]
        for a in o["aliases"]:
            key = a.casefold()
            assert key not in country_aliases, (o["name"], a)
            assert seen.setdefault(key, o["name"]) == o["name"], (a, seen[key], o["name"])


# ---------------------------------------------------------------- officials


def test_foreign_officials(countries):
    officials = load("foreign_officials.json")
    country_names = {c["name"] for c in countries}
    assert isinstance(officials, list) and len(officials) >= 30
    names = [p["name"] for p in officials]
    assert len(names) == len(set(names))
    owner = {}
    for p in officials:
        assert set(p) == {"name", "country", "role", "variants"}, p.get("name")
        assert p["country"] in country_names, p
        assert isinstance(p["role"], str) and p["role"]
        assert nonempty_str_list(p["variants"]), p["name"]
        for form in [p["name"], *p["variants"]]:
            key = form.casefold()
            assert owner.setdefault(key, p["name"]) == p["name"], (form, owner[key], p["name"])
    by_name = {p["name"]: p for p in officials}
    assert "Kolokoltsev" in by_name["Vladimir Kolokoltsev"]["variants"]
    assert "Quách Thanh Côn" in by_name["Guo Shengkun"]["variants"]
    assert "Vakukchik Valery Pavlovich" in by_name["Valery Vakulchik"]["variants"]
    assert "Lazaro Alberto Alvarez Casas" in by_name["Lázaro Alberto Álvarez Casas"]["variants"]
    for required in ["Alexander Bortnikov", "Nikolai Patrushev", "Sergei Shoigu", "Meng Jianzhu", "Zhao Kezhi",
                     "Wang Xiaohong", "Chen Wenqing", "Zhou Yongkang", "Vilay Lakhamphong", "Sar Kheng",
                     "Yoon Hee-keun", "Ivan Kubrakov", "Ihar Shunevich"]:
        assert required in by_name, required


def test_vn_officials():
    officials = load("vn_officials.json")
    assert isinstance(officials, list) and len(officials) >= 15
    names = [p["name"] for p in officials]
    assert len(names) == len(set(names))
    for p in officials:
        assert set(p) == {"name", "roles", "variants"}, p.get("name")
        assert nonempty_str_list(p["roles"]) and p["roles"], p["name"]
        assert nonempty_str_list(p["variants"]) and p["name"] in p["variants"], p["name"]
        # every entry needs an undiacritised form for English editions
        assert any(v.isascii() for v in p["variants"]), p["name"]
    by_name = {p["name"]: p for p in officials}
    for required in ["Lê Hồng Anh", "Trần Đại Quang", "Tô Lâm", "Lương Tam Quang"]:
        assert required in by_name
    assert "To Lam" in by_name["Tô Lâm"]["variants"]


# ---------------------------------------------------------------- topics / meeting types


def test_topics():
    topics = load("topics.json")
    assert set(topics) == TOPIC_LABELS
    for label, entry in topics.items():
        assert set(entry) <= {"phrases", "not"}, label
        phrases = entry["phrases"]
        # a longer phrase that holds a topic's words but names something else (`giáo dục và đào tạo`)
        for phrase in entry.get("not", []):
            assert any(p.casefold() in phrase.casefold() for p in phrases), (label, phrase)
        # Vietnamese wording and English editions' variants (`cyber crimes`, `hi-tech crimes`) each count
        assert nonempty_str_list(phrases) and 10 <= len(phrases) <= 60, label
        assert len({p.casefold() for p in phrases}) == len(phrases), label
        assert label in phrases, label
    generic = {"hợp tác", "an ninh", "công dân", "cooperation", "security"}
    for label, entry in topics.items():
        assert not generic & {p.casefold() for p in entry["phrases"]}, label


def test_meeting_types():
    types = load("meeting_types.json")
    assert set(types) == MEETING_LABELS
    for label, phrases in types.items():
        assert nonempty_str_list(phrases) and len(phrases) >= 3, label
        assert len({p.casefold() for p in phrases}) == len(phrases), label
    assert "hội đàm" in types["hội đàm"]
    assert "điện đàm" in types["điện đàm"]
    assert "courtesy call" in types["hội kiến"]


# ---------------------------------------------------------------- sources


def test_sources():
    sources = load("sources.json")
    assert set(sources) == {"hosts", "credits"}
    hosts, credits = sources["hosts"], sources["credits"]
    assert len(hosts) >= 35
    for host, display in hosts.items():
        assert host == host.lower() and not host.startswith("www.") and "/" not in host, host
        assert isinstance(display, str) and display
    for credit, display in credits.items():
        assert isinstance(display, str) and display, credit
    assert hosts["vietnamplus.vn"] == "Vietnam+"
    assert hosts["vov.vn"] == "VOV"
    assert hosts["cand.com.vn"] == "CAND"
    assert hosts["baotintuc.vn"] == "TTXVN"
    for credit, display in [("TTXVN", "TTXVN"), ("VNA", "TTXVN"), ("Vietnam+", "Vietnam+"),
                            ("VietnamPlus", "Vietnam+"), ("VOV", "VOV"), ("CAND", "CAND"),
                            ("Báo Công an nhân dân", "CAND")]:
        assert credits[credit] == display, credit
    # a display name used for an outlet host is also reachable from a credit
    assert set(hosts.values()) - set(credits.values()) <= {"Báo Mới", "Vietnam Investment Review",
                                                            "Kinh tế & Đô thị", "Thế giới & Việt Nam",
                                                            "Pháp luật Việt Nam",
                                                            "Báo Điện tử Đảng Cộng sản Việt Nam",
                                                            "Tạp chí Cộng sản", "Đại biểu Nhân dân",
                                                            "Công an Đà Nẵng", "Hanoi Times", "Công lý",
                                                            "VnEconomy", "Thời Đại"}
