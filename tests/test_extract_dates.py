"""Meeting dates: lead day/month, year sources, New Year, targets, no invented precision."""

from bilat_search.article import Article
from bilat_search.extract import extract_facts
from bilat_search.extract.dates import inferred_year, lead_date, url_date


def date_of(text: str, **kw) -> tuple:
    r = extract_facts(Article(path="t.txt", text=text, **kw))
    return r["date"], r["date_precision"], r["year"], r["date_basis"]


def test_lead_day_month_forms():
    assert lead_date("Ngày 2/3, tại Minsk") == (2, 3, None)
    assert lead_date("Chiều 25/9, tại Phnôm Pênh") == (25, 9, None)
    assert lead_date("Sáng 14/11, tại Viêng Chăn") == (14, 11, None)
    assert lead_date("Tối 3/4 tại Hà Nội") == (3, 4, None)
    assert lead_date("Ngày 13.1, tại thành phố Đà Nẵng") == (13, 1, None)
    assert lead_date("QĐND Online - Chiều 16-10-2019, tại Bộ Quốc phòng") == (16, 10, 2019)
    assert lead_date("từ ngày 12 đến 16/9/2023, Đoàn công tác") == (12, 9, 2023)
    assert lead_date("ngày 2 tháng 3 năm 2017") == (2, 3, 2017)


def test_english_dates():
    assert lead_date("held talks in Hanoi on November 21, 2023 with") == (21, 11, 2023)
    assert lead_date("Singapore, June 6 (VNA) – Minister") == (6, 6, None)
    assert lead_date("in Minsk on 3 July during his visit") == (3, 7, None)


def test_explicit_year_in_the_lead():
    assert date_of("Chiều ngày 5/7/2019, tại trụ sở Bộ Công an.") == ("2019-07-05", "day", 2019, "explicit")


def test_year_from_published_date_prefix():
    assert date_of(
        "Ngày 9/12, tại Hà Nội, hai bên hội đàm.", published="2025-12-10", published_basis="prefix"
    ) == ("2025-12-09", "day", 2025, "prefix")


def test_new_year_rolls_back():
    assert date_of(
        "Ngày 30/12, tại Hà Nội, hai bên hội đàm.", published="2024-01-02", published_basis="metadata"
    ) == ("2023-12-30", "day", 2023, "metadata")


def test_year_from_url():
    assert url_date("https://x.vn/2019/08/12/bai.html") == (2019, 8, 12)
    assert url_date("https://dantri.com.vn/a-b-20190812103000.htm") == (2019, 8, 12)
    assert date_of("Ngày 11/8, tại Hà Nội.", url="https://x.vn/tin/2019/08/12/abc") == (
        "2019-08-11",
        "day",
        2019,
        "url",
    )


def test_only_published_keeps_its_own_precision():
    assert date_of("Hai bên hội đàm tại Hà Nội.", published="2023-11", published_basis="prefix") == (
        "2023-11",
        "month",
        2023,
        "prefix",
    )


def test_no_year_anywhere_means_no_date():
    assert date_of("Ngày 27/5, Thượng tướng Tô Lâm hội đàm tại Thủ đô Moskva.") == (None, None, None, None)


def test_inferred_year_skips_targets_and_plans():
    assert inferred_year("Theo đó, trong năm 2017, hai bên sẽ tăng cường hợp tác.") == 2017
    assert inferred_year("Tầm nhìn đến năm 2030, hai bên phấn đấu. Năm 2019 đã ký.") == 2019
    assert inferred_year("Chương trình phối hợp giai đoạn 2025 - 2027. Năm 2023, hai bên đã ký.") == 2023
    assert inferred_year("triển khai chương trình công tác năm 2024; tổng kết năm 2023") == 2023
    assert inferred_year("kỷ niệm 60 năm quan hệ ngoại giao Việt Nam - Lào (1962-2022)") == 2022


def test_inferred_year_after_a_past_event():
    assert date_of("Ngày 9/12, tại Hà Nội. Kể từ chuyến thăm vào tháng 5/2025, quan hệ phát triển.") == (
        "2025-12-09",
        "day",
        2025,
        "inferred",
    )
    # a past event in December 2022 puts a meeting on 8/11 in 2023
    assert inferred_year("nâng cấp quan hệ vào tháng 12/2022", month=11) == 2023
    # a January meeting reviewing 2023 and planning 2024 is of 2024
    assert inferred_year("đánh giá kết quả năm 2023, phương hướng nhiệm vụ năm 2024", month=1) == 2024
