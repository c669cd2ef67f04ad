"""Meeting types, locations and the bilateral decision."""

from bilat_search.article import Article
from bilat_search.extract import extract_facts
from bilat_search.extract.meetings import find_meeting_types
from bilat_search.extract.tokens import tokenize


def types(text: str, title: str | None = None) -> list[str]:
    return find_meeting_types(tokenize(Article(path="t.txt", text=text, title=title)))


def facts(text: str, title: str | None = None, **kw) -> dict:
    return extract_facts(Article(path="t.txt", text=text, title=title, **kw))


def test_tiep_means_receive_only_before_a_guest():
    assert types("Bộ trưởng Tô Lâm tiếp Đại sứ Hoa Kỳ.") == ["tiếp"]
    assert types("Tại buổi tiếp, Bộ trưởng cảm ơn.") == ["tiếp"]
    assert types("Bộ trưởng đã tiếp Đoàn đại biểu Bộ Nội vụ Cuba.") == ["tiếp"]
    assert types("Hai bên nhất trí tiếp tục hợp tác.") == []
    assert types("Tiếp nhận đối tượng truy nã; tiếp cận thông tin; bước tiếp theo.") == []
    assert types("Bộ trưởng dành sự đón tiếp trọng thị.") == []


def test_types_from_the_lead_and_signings_later():
    text = (
        "Ngày 14/11, tại Viêng Chăn, hai Bộ trưởng đã hội đàm.\n\nHai bên thường xuyên trao đổi đoàn; ký kết "
        "các văn bản.\n\nSau hội đàm, hai Bộ trưởng đã ký kết Kế hoạch hợp tác năm 2023."
    )
    assert types(text) == ["hội đàm", "ký kết"]
    assert types("Hai bên thường xuyên trao đổi đoàn, ký kết các văn bản. Hai bên đã hội đàm.") == ["hội đàm"]


def test_phone_and_online():
    assert set(types("Bộ trưởng Lương Tam Quang điện đàm trực tuyến với Bộ trưởng Vương Tiểu Hồng.")) == {
        "trực tuyến",
        "điện đàm",
    }
    assert types("Minister To Lam held talks with his counterpart.") == ["hội đàm"]


def test_location_is_where_the_meeting_took_place():
    r = facts(
        "Ngày 2/3, tại thủ đô Minsk của Cộng hòa Belarus, Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an đã hội "
        "đàm với Bộ trưởng Bộ Nội vụ Belarus Igor Shunevich. Hai bên nhắc lại hội nghị tại Bắc Kinh."
    )
    assert r["locations"] == ["Minsk"]
    r = facts(
        "Ngày 20/11, tại Thủ đô Mát-xcơ-va, Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an đã hội đàm với Bộ "
        "trưởng Bộ Nội vụ Nga Vladimir Kolokoltsev."
    )
    assert r["locations"] == ["Moskva"]
    r = facts(
        "Chiều 15/3, tại trụ sở Bộ Công an, Thứ trưởng Lương Tam Quang đã tiếp ông Yaron Mayer, Đại sứ "
        "Israel tại Việt Nam."
    )
    assert r["locations"] == ["Hà Nội"]


def test_domestic_and_other_ministries_are_not_bilateral():
    drug_bust = facts("Ngày 5/3, Công an tỉnh Nghệ An triệt phá đường dây ma túy từ Lào, bắt 5 đối tượng.")
    assert not drug_bust["is_bilateral"]
    assert drug_bust["partner_countries"] == [] and drug_bust["vn_officials"] == []
    assert drug_bust["topics"] == ["ma túy"]
    conference = facts(
        "Sáng 14/12, tại Hà Nội, Bộ Công an tổ chức Hội nghị Công an toàn quốc. Đại tướng Tô Lâm, "
        "Bộ trưởng Bộ Công an chủ trì. Hai bên học tập kinh nghiệm của Nhật Bản."
    )
    assert not conference["is_bilateral"] and conference["meeting_types"] == []
    defence = facts(
        "Chiều 16-10-2019, tại Bộ Quốc phòng, Thượng tướng Phan Văn Giang, Thứ trưởng Bộ Quốc phòng đã "
        "tiếp Đoàn đại biểu Quân Giải phóng nhân dân Trung Quốc do Thượng tướng Viên Dự Bách dẫn đầu."
    )
    assert not defence["is_bilateral"] and defence["locations"] == []
    trade = facts(
        "Ngày 22/6, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên đã hội đàm với Bộ trưởng Thương mại Hàn "
        "Quốc Lee Chang-yang."
    )
    assert not trade["is_bilateral"]


def test_record_shape():
    r = facts("Ngày 2/3, tại Hà Nội, Bộ trưởng Bộ Công an Tô Lâm đã hội đàm với Bộ trưởng Bộ Nội vụ Lào.")
    assert list(r) == [
        "is_bilateral",
        "partner_countries",
        "date",
        "date_precision",
        "year",
        "date_basis",
        "vn_officials",
        "foreign_officials",
        "foreign_agencies",
        "locations",
        "topics",
        "meeting_types",
        "participants",
        "source",
    ]


def test_huge_texts_are_read_for_facts_only_at_their_start():
    from bilat_search.article import Article
    from bilat_search.extract import MAX_EXTRACT_CHARS, extract_facts

    lead = "Ngày 2/3/2017, tại Minsk, Bộ trưởng Bộ Công an Tô Lâm hội đàm với Bộ trưởng Bộ Nội vụ Belarus.\n\n"
    article = Article(path="huge.txt", text=lead + "Đoạn văn lặp lại về thời tiết và giao thông. " * 200_000)
    assert len(article.text) > 20 * MAX_EXTRACT_CHARS
    facts = extract_facts(article)
    assert facts["partner_countries"] == ["Belarus"] and facts["year"] == 2017
    assert len(article.text) > 20 * MAX_EXTRACT_CHARS  # the article itself is untouched (indexed whole)


def test_talks_held_online():
    assert set(types("Chiều 22/7, Thứ trưởng Bộ Công an đã hội đàm trực tuyến với Thứ trưởng Bộ Nội vụ Séc.")) == {
        "hội đàm", "trực tuyến"}
    text = ("Ngày 5/8, Bộ trưởng Bộ Công an hội đàm với Bộ trưởng Nội vụ Campuchia.\n\nHai bên thống nhất tăng cường "
            "hợp tác.\n\nToàn cảnh hội đàm tại điểm cầu Hà Nội.")
    assert "trực tuyến" in types(text)  # a caption further down says where each side sat
