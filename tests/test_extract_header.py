"""Page chrome before the article (menus, the site's clock, logos, widget letters) and the page's own timestamp."""

from bilat_search.extract.header import byline_date, content_start

LEAD = "Chiều 21/3, tại Hà Nội, Thứ trưởng Bộ Công an đã tiếp Đại sứ Italia tại Việt Nam."


def test_menu_of_provinces_is_skipped():
    menu = "\n".join(f"  • {p}" for p in ["An Giang", "Bac Lieu", "Ben Tre", "Cao Bang", "Dak Lak"])
    text = f"{menu}\n\n{LEAD}"
    assert text[content_start(text) :] == LEAD


def test_site_clock_widget_letters_and_logo_are_skipped():
    text = f"14/03/2026\nx\n+\naa\n-\n\n{LEAD}"
    assert text[content_start(text) :] == LEAD
    text = f"Sở Thông tin tỉnh http://example.vn/logo.png\nThứ tư - 28/09/2016 03:08\n{LEAD}"
    assert text[content_start(text) :] == LEAD
    text = "{{today.type}} {{today.low}} độ\n\n" + LEAD
    assert text[content_start(text) :] == LEAD


def test_a_headline_starts_the_article():
    text = f"Việt Nam - Italia tăng cường hợp tác\n\n{LEAD}"
    assert content_start(text) == 0


def test_the_pages_own_timestamp():
    assert byline_date(f"Hai nước tăng cường hợp tác\nChủ Nhật, 01/11/2020, 06:26\n{LEAD}") == (2020, 11, 1)
    assert byline_date(f"Tin hợp tác an ninh 13/03/2025 18:08\n\n{LEAD}") == (2025, 3, 13)
    assert byline_date(f"Phóng viên Minh An-Thứ hai, ngày 03/04/2023 20:18 GMT+7\n\n{LEAD}") == (2023, 4, 3)


def test_the_sites_clock_is_not_the_articles():
    assert byline_date(f"Thứ Hai, 08/12/2025 12:08 GMT+7\n  • Video\n  • Hotline\n  • Liên hệ\n\n{LEAD}") is None
    assert byline_date(f"14/03/2026\nx\n+\naa\n\n{LEAD}") is None
    assert byline_date(LEAD) is None
