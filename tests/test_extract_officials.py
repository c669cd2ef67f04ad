"""People: the Vietnamese side's leaders at the meeting and the foreign officials."""

from bilat_search.article import Article
from bilat_search.extract import extract_facts
from bilat_search.extract.officials import fuzzy_key


def facts(text: str, title: str | None = None) -> dict:
    return extract_facts(Article(path="t.txt", text=text, title=title))


def test_titles_are_dropped():
    r = facts(
        "Ngày 2/3, tại Minsk, Thượng tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an đã hội đàm "
        "với Bộ trưởng Bộ Nội vụ Belarus Igor Shunevich."
    )
    assert r["vn_officials"] == ["Tô Lâm"]
    assert r["foreign_officials"] == ["Igor Shunevich"]


def test_earlier_visitor_is_not_at_the_meeting():
    r = facts(
        "Ngày 9/12, tại Hà Nội, Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an đã hội đàm với Đại tướng "
        "Sergei Shoigu, Thư ký Hội đồng An ninh Liên bang Nga.\n\nKể từ chuyến thăm chính thức Nga của "
        "Tổng Bí thư Tô Lâm vào tháng 5/2025, quan hệ phát triển mạnh mẽ."
    )
    assert r["vn_officials"] == ["Lương Tam Quang"]
    assert r["foreign_officials"] == ["Sergei Shoigu"]


def test_former_leader_now_in_another_office_is_excluded():
    r = facts(
        "Ngày 3/4, tại Moskva, Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an đã hội đàm với Đại tướng "
        "Alexander Bortnikov, Giám đốc Cơ quan An ninh Liên bang Nga. Bortnikov nhắc lại các lần làm việc "
        "với Bộ trưởng Tô Lâm trước đây, nay là Tổng Bí thư."
    )
    assert r["vn_officials"] == ["Lương Tam Quang"]


def test_sino_vietnamese_name_of_a_chinese_minister_is_foreign():
    r = facts(
        "Ngày 26-10, tại Bắc Kinh, Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an Việt Nam đã hội đàm với "
        "Ủy viên Quốc vụ, Bộ trưởng Bộ Công an Trung Quốc Quách Thanh Côn."
    )
    assert r["vn_officials"] == ["Tô Lâm"]
    assert r["foreign_officials"] == ["Quách Thanh Côn"]


def test_english_edition_gives_the_vietnamese_spelling():
    r = facts(
        "Hanoi, March 2 (VNA) – Deputy Minister of Public Security Sen. Lieut. Gen. Luong Tam Quang "
        "received Australian Minister for Home Affairs Clare O'Neil in Hanoi on March 2.",
        title="Deputy Minister of Public Security receives Australian Home Affairs Minister",
    )
    assert r["vn_officials"] == ["Lương Tam Quang"]
    assert r["foreign_officials"] == ["Clare O'Neil"]


def test_spelling_variants_are_one_person():
    assert fuzzy_key("Yoon Heegeun") == fuzzy_key("Yoon Hee Keun") == fuzzy_key("Yoon Hee-keun")
    assert fuzzy_key("Kolokoltsev Vladimir Alexandrovich") == fuzzy_key("Kolokoltsev Vladimir Aleksandrovich")
    r = facts(
        "Bộ trưởng Công an Tô Lâm và Tư lệnh Cơ quan Cảnh sát quốc gia Hàn Quốc Yoon Heegeun hội đàm."
        "\n\nTrân trọng cảm ơn Bộ trưởng Tô Lâm đã dành thời gian tiếp, Tư lệnh Yoon Hee Keun chúc mừng."
    )
    assert r["foreign_officials"] == ["Yoon Heegeun"]


def test_attendee_below_the_leaders_is_not_listed():
    r = facts(
        "Ngày 18/10, tại Kuala Lumpur, Thượng tướng Trần Quốc Tỏ, Thứ trưởng Bộ Công an đã hội đàm với "
        "Tan Sri Razarudin Husain, Tổng Thanh tra Cảnh sát Hoàng gia Malaysia. Cùng tham dự có Thiếu tướng "
        "Trần Minh Đức, Cục trưởng Cục Đối ngoại, Bộ Công an."
    )
    assert r["vn_officials"] == ["Trần Quốc Tỏ"]
    assert r["foreign_officials"] == ["Razarudin Husain"]


def test_photographer_is_not_an_official():
    r = facts(
        "Bộ trưởng Tô Lâm hội đàm với Bộ trưởng Nội vụ Nga Vladimir Kolokoltsev. Ảnh: Phạm Kiên - TTXVN"
    )
    assert "Phạm Kiên" not in r["vn_officials"]


def test_people_spoken_of_are_not_at_the_meeting():
    r = facts(
        "Ngày 8/12, nhân chuyến thăm chính thức Thái Lan của Chủ tịch Quốc hội Vương Đình Huệ, Thượng tướng "
        "Lương Tam Quang, Thứ trưởng Bộ Công an đã hội đàm với Cảnh sát Hoàng gia Thái Lan. Ông chuyển lời "
        "thăm hỏi tới Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng; Thủ tướng Phạm Minh Chính."
    )
    assert r["vn_officials"] == ["Lương Tam Quang"]
    r = facts(
        "Nhân dịp tháp tùng Tổng Bí thư Tô Lâm thăm Singapore, Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an "
        "đã hội đàm với Bộ trưởng Nội vụ Singapore K. Shanmugam."
    )
    assert r["vn_officials"] == ["Lương Tam Quang"]
    r = facts(
        "Vientiane (VNA) – Deputy Minister of Public Security Luong Tam Quang paid a courtesy call on Lao "
        "Minister of Public Security Vilay Lakhamphong on December 6. He conveyed the best wishes from "
        "Minister of Public Security (MPS) Gen. To Lam to the minister."
    )
    assert r["vn_officials"] == ["Lương Tam Quang"]


def test_provincial_police_directors_acting_further_down_were_there():
    r = facts(
        "Công an các tỉnh Lào thăm Công an tỉnh Quảng Trị\n\nNhân dịp Tết Nguyên đán 2025, Đoàn đại biểu Công "
        "an tỉnh Savannakhet (Lào) đã sang thăm, chúc Tết Công an tỉnh Quảng Trị.\n\nTại buổi gặp mặt, hai "
        "bên trao đổi tình hình an ninh biên giới.\n\nThay mặt lãnh đạo Công an tỉnh, Thiếu tướng Nguyễn Văn "
        "Hai- Giám đốc Công an tỉnh Quảng Trị cảm ơn tình cảm của đoàn."
    )
    assert r["is_bilateral"] and r["vn_officials"] == ["Nguyễn Văn Hai"] and r["year"] == 2025


def test_names_in_english_editions():
    r = facts(
        "HÀ NỘI — Deputy Director of the HCMC Department of Public Security Colonel Le Van Tam received a "
        "delegation of the Shanghai Municipal Police on August 22; Mr. Zhang Wei led the delegation."
    )
    assert r["vn_officials"] == ["Le Van Tam"]
    r = facts("VGP – PM Nguyen Van Hai received Chinese Minister of Public Security Wang Xiaohong in Hanoi on Monday.")
    assert r["vn_officials"] == ["Nguyen Van Hai"]


def test_a_given_name_that_is_also_a_word_keeps_the_name_whole():
    # `Viện` (institute), `Hai` (two): after a surname and a middle name, the next word is the given name
    r = facts(
        "Canberra (TTXVN) - Ngày 10/10, Trung tướng Nguyễn Văn Viện, Cục trưởng Cục Cảnh sát điều tra tội phạm "
        "về ma túy, Bộ Công an đã làm việc với lãnh đạo Cảnh sát Liên bang Australia (AFP)."
    )
    assert r["vn_officials"] == ["Nguyễn Văn Viện"] and r["partner_countries"] == ["Úc"]


def test_a_long_role_before_the_country_and_the_name():
    r = facts(
        "Sáng 23/11, tại trụ sở Bộ Công an, Thượng tướng Lê Quốc Hùng, Thứ trưởng Bộ Công an tiếp Bộ trưởng "
        "phụ trách vấn đề di cư Vương quốc Anh Robert Jenrick đang thăm làm việc tại Việt Nam."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Anh"]
    assert r["foreign_officials"] == ["Robert Jenrick"]
