"""Meeting dates: lead day/month, year sources, New Year, targets, no invented precision."""

from bilat_search.article import Article
from bilat_search.extract import extract_facts
from bilat_search.extract.dates import lead_date, occasion_year, url_date


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


def test_years_merely_mentioned_are_not_the_meeting_year():
    # statistics, anniversaries, plans and past visits name other years as often as the meeting's
    assert date_of("Ngày 9/12, tại Hà Nội. Kể từ chuyến thăm vào tháng 5/2025, quan hệ phát triển.") == (
        None, None, None, None)
    assert date_of("Chiều 3/4, hai Bộ trưởng hội đàm. Năm 2024, lực lượng chức năng hai nước bắt 300 vụ.") == (
        None, None, None, None)
    assert date_of("Sáng 14/11, hai bên hội đàm nhân kỷ niệm 60 năm quan hệ ngoại giao (1962-2022).") == (
        None, None, None, None)
    assert date_of("Hai bên thống nhất phương hướng hợp tác đến năm 2030.") == (None, None, None, None)


def test_a_full_date_on_the_leads_day_gives_the_year():
    assert date_of("Chiều 19/8, hai bên hội đàm nhân kỷ niệm 80 năm Ngày truyền thống (19/8/1945-19/8/2025).") == (
        "2025-08-19", "day", 2025, "inferred")
    assert date_of("VGP - The minister on March 16 held talks with his counterpart. Hanoi, March 16, 2021.")[2] == 2021


def test_the_pages_own_timestamp_dates_the_lead_but_the_sites_clock_does_not():
    byline = "Hai nước tăng cường hợp tác an ninh\nChủ Nhật, 01/11/2020, 06:26\nChiều 30/10, Bộ trưởng đã tiếp Đại sứ."
    assert date_of(byline) == ("2020-10-30", "day", 2020, "inferred")
    site_clock = "Thứ Hai, 08/12/2025 12:08 GMT+7\n• Video\n• Hotline\n• Liên hệ\n\nChiều 5/12, Bộ trưởng đã tiếp Đại sứ."
    assert date_of(site_clock) == (None, None, None, None)


def test_the_occasion_named_in_the_opening_gives_the_year():
    assert occasion_year("Công an hai tỉnh tổ chức hội đàm thường niên năm 2022 tại Sê Kông.") == 2022
    assert occasion_year("Nhân dịp Tết Nguyên đán Giáp Thìn 2024, đoàn công tác đã sang thăm.") == 2024
    assert occasion_year("Hai bên đánh giá tình hình 6 tháng đầu năm 2018 trên địa bàn.") == 2018
    assert occasion_year("Năm 2024, lực lượng chức năng đã bắt giữ 300 đối tượng.") is None
    assert occasion_year("Đại sứ chúc mừng những kết quả Bộ Công an đạt được trong năm 2017 vừa qua.") == 2018
    # the year just past, said further down the report, still dates it
    opening = "Bộ trưởng cảm ơn Đại sứ đã đến chào."
    later = opening + " Đại sứ đánh giá cao sự phối hợp của hai bên trong năm 2019 vừa qua."
    assert occasion_year(opening, later) == 2020


def test_dated_urls_of_more_outlets():
    assert url_date("https://thanhnien.vn/thu-truong-hoi-dam-185231026193512345.htm") == (2023, 10, 26)
    assert url_date("http://news.gov.vn/Home/Minister-Holds-Talks/20213/43230.vgp") == (2021, 3, None)


def test_a_bracketed_day_after_a_time_word():
    assert lead_date("Lãnh đạo Lào đánh giá cao kết quả hợp tác. Chiều qua (27/08), tại Viêng Chăn") == (27, 8, None)


def test_a_span_of_days_in_the_lead():
    from bilat_search.extract.dates import lead_day_range

    assert lead_day_range("Đoàn thăm và làm việc từ ngày 12 đến 16/9/2023.") == (12, 16, 9)
    assert lead_day_range("who is visiting Vietnam from March 15-17.") == (15, 17, 3)
    assert lead_day_range("Ngày 2/3, tại Minsk") is None
