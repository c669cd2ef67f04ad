"""Partner countries: aliases, capitals, agencies, ambiguous names, passing mentions."""

from bilat_search.article import Article
from bilat_search.extract import extract_facts
from bilat_search.extract.countries import find_countries
from bilat_search.extract.tokens import tokenize


def facts(text: str, title: str | None = None) -> dict:
    return extract_facts(Article(path="t.txt", text=text, title=title))


def mentioned(text: str, title: str | None = None) -> set[str]:
    doc = tokenize(Article(path="t.txt", text=text, title=title))
    return {m.country for m in find_countries(doc).mentions}


MEETING = (
    "Ngày 2/3, tại Hà Nội, Đại tướng Tô Lâm, Bộ trưởng Bộ Công an đã hội đàm với Bộ trưởng "
    "Bộ Nội vụ {country} {name}."
)


def test_every_press_name_of_russia_is_nga():
    for alias in ("Liên bang Nga", "LB Nga", "Nga"):
        record = facts(MEETING.format(country=alias, name="Vladimir Kolokoltsev"))
        assert record["is_bilateral"]
        assert record["partner_countries"] == ["Nga"]


def test_english_edition_names_the_partner():
    record = facts(
        "Hanoi (VNA) – Minister of Public Security General To Lam held talks in Hanoi on March 2 "
        "with Russian Minister of Internal Affairs Vladimir Kolokoltsev.",
        title="Vietnam, Russia step up cooperation",
    )
    assert record["partner_countries"] == ["Nga"]
    assert record["vn_officials"] == ["Tô Lâm"]


def test_country_through_capital_and_agency():
    assert "Belarus" in mentioned("Đoàn đến thủ đô Minsk.")
    assert "Nga" in mentioned("Đoàn đến Mát-xcơ-va.")
    assert "Hàn Quốc" in mentioned("Hợp tác với Cơ quan Cảnh sát quốc gia Hàn Quốc.")
    assert "Úc" in mentioned("Cảnh sát Liên bang Ô-xtrây-li-a đã phối hợp.")


def test_ambiguous_given_names_are_not_countries():
    assert "Anh" not in mentioned("Ông Lê Hồng Anh dự buổi lễ.")
    assert "Nga" not in mentioned("Bà Nguyễn Thị Nga phát biểu.")
    assert "Đức" not in mentioned("Thiếu tướng Trần Minh Đức, Cục trưởng, cùng dự.")


def test_ambiguous_alias_counts_in_a_country_context():
    assert "Nga" in mentioned("Hợp tác giữa Việt Nam và Nga phát triển.")
    assert "Anh" in mentioned("Bộ Nội vụ Anh cử đoàn sang.")


def test_diacritics_must_match_where_the_text_has_them():
    assert "Nga" not in mentioned("Anh ấy bị ngã xe.")
    assert "Lào" not in mentioned("Người lao động được bảo vệ.")


def test_passing_mention_is_not_a_partner():
    record = facts(
        MEETING.format(country="Cuba", name="Lázaro Alberto Álvarez")
        + " Hai bên chia sẻ kinh nghiệm của Nhật Bản trong phòng chống tội phạm."
    )
    assert record["partner_countries"] == ["Cuba"]


def test_vietnam_is_never_a_partner():
    record = facts(MEETING.format(country="Lào", name="Vilay Lakhamphong") + " Việt Nam và Lào cam kết.")
    assert "Việt Nam" not in record["partner_countries"]
    assert record["partner_countries"] == ["Lào"]


def test_three_way_meeting_has_two_partners():
    record = facts(
        "Ngày 13.1, tại Đà Nẵng, Bộ Công an Việt Nam chủ trì Hội nghị Bộ trưởng Bộ Công an Việt Nam "
        "- Bộ An ninh Lào - Bộ Nội vụ Campuchia.",
        title="Hội nghị Bộ trưởng ba nước Việt Nam - Lào - Campuchia",
    )
    assert set(record["partner_countries"]) == {"Lào", "Campuchia"}


def test_words_and_names_that_look_like_countries():
    from bilat_search.article import Article
    from bilat_search.extract import extract_facts

    def partners(text: str) -> list[str]:
        return extract_facts(Article(path="t.txt", text=text))["partner_countries"]

    # `Chủ Nhật` is Sunday; `Anh hùng` a hero; `Bui Van Nam` a person, not Yunnan without accents
    assert partners(
        "Hai bộ tăng cường hợp tác\nChủ Nhật, 01/11/2020, 06:26\nChiều 30/10, Bộ trưởng Bộ Công an đã tiếp "
        "Đại sứ Hoa Kỳ Daniel Kritenbrink."
    ) == ["Hoa Kỳ"]
    assert partners(
        "Ngày 5/3, Trung tướng Trần Văn Vũ, Anh hùng Lực lượng vũ trang, Giám đốc Công an tỉnh đã hội đàm với "
        "Sở Công an tỉnh Savannakhet (Lào)."
    ) == ["Lào"]
    assert partners(
        "Deputy Minister of Public Security Bui Van Nam held talks with First Deputy Minister of Internal "
        "Affairs of Russia Aleksandr Gorovoy in Moscow on September 5."
    ) == ["Nga"]
    # `Busan Metropolitan Police`: the place written before names whose police it is
    assert partners(
        "The Hanoi Department of Public Security received a delegation of the Busan Metropolitan Police on May 3."
    ) == ["Hàn Quốc"]
