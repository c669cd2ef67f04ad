"""Sanity checks for the labelled meeting test set in tests/fixtures/meetings/.

Stdlib only: it validates the data, not the extractor.
"""
import json
import re
import unicodedata
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "meetings"
EXPECTED = FIXTURES / "expected.json"
ARTICLE_RE = re.compile(r"^\d{3}_[a-z0-9-]+\.(txt|html)$")

COUNTRIES = {
    "Nga", "Trung Quốc", "Lào", "Campuchia", "Thái Lan", "Myanmar", "Malaysia",
    "Singapore", "Indonesia", "Philippines", "Brunei", "Timor-Leste", "Hàn Quốc",
    "Triều Tiên", "Nhật Bản", "Mông Cổ", "Ấn Độ", "Hoa Kỳ", "Canada", "Úc",
    "New Zealand", "Anh", "Pháp", "Đức", "Italy", "Tây Ban Nha", "Bồ Đào Nha",
    "Hà Lan", "Bỉ", "Thụy Sĩ", "Áo", "Thụy Điển", "Na Uy", "Phần Lan", "Đan Mạch",
    "Ba Lan", "Séc", "Slovakia", "Hungary", "Romania", "Bulgaria", "Serbia",
    "Hy Lạp", "Belarus", "Ukraine", "Kazakhstan", "Uzbekistan", "Kyrgyzstan",
    "Tajikistan", "Azerbaijan", "Armenia", "Thổ Nhĩ Kỳ", "Israel", "Iran",
    "Ả Rập Xê Út", "UAE", "Qatar", "Ai Cập", "Nam Phi", "Angola", "Mozambique",
    "Algeria", "Cuba", "Venezuela", "Nicaragua", "Brazil", "Argentina", "Chile",
    "Mexico", "Sri Lanka", "Bangladesh", "Pakistan", "Palestine",
}
TOPICS = {
    "ma túy", "tội phạm công nghệ cao", "an ninh mạng", "khủng bố", "mua bán người",
    "di cư trái phép", "đào tạo", "dẫn độ", "truy nã", "tội phạm kinh tế", "rửa tiền",
    "buôn lậu", "kỹ thuật hình sự", "bảo hộ công dân",
}
MEETING_TYPES = {"hội đàm", "tiếp", "hội kiến", "hội nghị", "ký kết", "điện đàm", "trực tuyến"}
SOURCES = {"Vietnam+", "TTXVN", "VOV", "CAND", "Nhân Dân", "Báo Chính phủ", "Bộ Công an", "QĐND"}
DATE_BASES = {"explicit", "prefix", "metadata", "url", "inferred"}
DATE_FORMATS = {
    "day": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
    "month": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "year": re.compile(r"^\d{4}$"),
}
LIST_KEYS = (
    "partner_countries", "vn_officials", "foreign_officials", "foreign_agencies",
    "locations", "topics", "meeting_types",
)
ALL_KEYS = {
    "is_bilateral", "partner_countries", "date", "date_precision", "year", "date_basis",
    *LIST_KEYS, "source", "note",
}


def _articles():
    return sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))


def _expected():
    with EXPECTED.open(encoding="utf-8") as fh:
        return json.load(fh)


EXPECTED_RECORDS = _expected()


def test_files_and_records_match():
    articles = _articles()
    assert articles, "no article files found"
    assert set(articles) == set(EXPECTED_RECORDS), (
        f"missing records: {sorted(set(articles) - set(EXPECTED_RECORDS))}; "
        f"records without file: {sorted(set(EXPECTED_RECORDS) - set(articles))}"
    )
    for name in articles:
        assert ARTICLE_RE.match(name), f"bad file name {name}"
    numbers = [int(n[:3]) for n in articles]
    assert len(numbers) == len(set(numbers)), "duplicate article numbers"


@pytest.mark.parametrize("name", _articles())
def test_article_text_is_nfc_utf8(name):
    text = (FIXTURES / name).read_bytes().decode("utf-8")
    assert unicodedata.normalize("NFC", text) == text, f"{name} is not NFC"
    assert text.strip()


@pytest.mark.parametrize("name", sorted(EXPECTED_RECORDS))
def test_record_shape(name):
    rec = EXPECTED_RECORDS[name]
    assert set(rec) == ALL_KEYS, f"{name}: keys differ: {set(rec) ^ ALL_KEYS}"
    assert isinstance(rec["is_bilateral"], bool)
    for key in LIST_KEYS:
        value = rec[key]
        assert isinstance(value, list), f"{name}.{key} must be a list"
        assert all(isinstance(v, str) and v.strip() for v in value), f"{name}.{key}"
        assert len(value) == len(set(value)), f"{name}.{key} has duplicates"
        assert all(unicodedata.normalize("NFC", v) == v for v in value), f"{name}.{key} not NFC"
    assert set(rec["partner_countries"]) <= COUNTRIES, f"{name}: unknown country"
    assert set(rec["topics"]) <= TOPICS, f"{name}: unknown topic"
    assert set(rec["meeting_types"]) <= MEETING_TYPES, f"{name}: unknown meeting type"
    assert rec["source"] is None or rec["source"] in SOURCES, f"{name}: bad source"
    assert isinstance(rec["note"], str)
    if rec["is_bilateral"]:
        assert rec["partner_countries"], f"{name}: bilateral without partner"
        assert rec["meeting_types"], f"{name}: bilateral without meeting type"
    else:
        for key in ("partner_countries", "vn_officials", "foreign_officials",
                    "foreign_agencies", "locations", "meeting_types"):
            assert rec[key] == [], f"{name}: negative must have empty {key}"


@pytest.mark.parametrize("name", sorted(EXPECTED_RECORDS))
def test_record_date(name):
    rec = EXPECTED_RECORDS[name]
    date, precision, year, basis = (rec["date"], rec["date_precision"],
                                    rec["year"], rec["date_basis"])
    if date is None:
        assert precision is None and basis is None and year is None, name
        return
    assert precision in DATE_FORMATS, f"{name}: bad precision {precision!r}"
    assert isinstance(date, str) and DATE_FORMATS[precision].match(date), (
        f"{name}: date {date!r} does not match precision {precision}")
    assert isinstance(year, int) and not isinstance(year, bool)
    assert date[:4] == str(year), f"{name}: year {year} != date {date}"
    assert basis in DATE_BASES, f"{name}: bad date_basis {basis!r}"
