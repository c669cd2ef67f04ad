"""Who meets whom: the public-security side, top leaders, provincial police, and what is not a meeting of theirs.

Sentences written here in the shapes real reports take (no real article's text).
"""

from bilat_search.article import Article
from bilat_search.extract import extract_facts


def facts(text: str, title: str | None = None, **kw) -> dict:
    return extract_facts(Article(path="t.txt", text=text, title=title, **kw))


def test_provincial_police_meet_a_neighbouring_province():
    r = facts(
        "Ngày 12/4, Đoàn công tác Công an tỉnh Lạng Sơn do Đại tá Nguyễn Văn Bình, Giám đốc Công an tỉnh làm "
        "trưởng đoàn đã hội đàm với Sở Công an khu tự trị Quảng Tây (Trung Quốc) về phòng, chống tội phạm."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Trung Quốc"]
    assert r["vn_officials"] == ["Nguyễn Văn Bình"]


def test_a_foreign_province_is_the_foreign_side():
    r = facts(
        "Vừa qua, tại tỉnh Sê Kông, Công an tỉnh Quảng Nam và Công an tỉnh Sê Kông (Lào) đã tổ chức hội đàm "
        "thường niên năm 2023, ký biên bản hợp tác bảo đảm an ninh biên giới."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Lào"] and r["year"] == 2023


def test_city_police_in_english():
    r = facts(
        "Deputy Director of the Hanoi Department of Public Security, Colonel Tran Van Minh on May 3 received "
        "a delegation of the Busan Metropolitan Police of South Korea led by Mr. Park Jin-ho."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Hàn Quốc"]
    assert r["vn_officials"] == ["Tran Van Minh"]


def test_top_leader_receiving_a_foreign_security_minister():
    r = facts(
        "Chiều 5/6, tại Phủ Chủ tịch, Chủ tịch nước Võ Văn Thưởng đã tiếp Bộ trưởng Bộ Nội vụ Cuba Lázaro "
        "Alberto Álvarez Casas đang thăm và làm việc tại Việt Nam."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Cuba"]
    r = facts(
        "VGP - The two ministries will keep working together, said PM Nguyen Van Hai at his reception for "
        "Chinese Minister of Public Security Wang Xiaohong in Hanoi on Monday."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Trung Quốc"]


def test_top_leader_receiving_a_diplomat_is_not_the_ministrys_meeting():
    r = facts(
        "Chiều 17/7, tại Phủ Chủ tịch, Chủ tịch nước Võ Văn Thưởng đã tiếp Đại sứ Hàn Quốc tại Việt Nam "
        "Choi Young Sam đến chào từ biệt nhân dịp kết thúc nhiệm kỳ công tác."
    )
    assert not r["is_bilateral"]


def test_ambassadors_farewell_call_on_the_ministry():
    r = facts(
        "Sáng 20/3, tại trụ sở Bộ Công an, Thượng tướng Trần Quốc Tỏ, Thứ trưởng Bộ Công an đã tiếp Đại sứ "
        "Brazil tại Việt Nam Marco Farani đến chào từ biệt."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Brazil"]
    assert "tiếp" in r["meeting_types"] and "hội kiến" in r["meeting_types"]


def test_english_met_with_and_a_foreign_ministry_in_possessive_form():
    r = facts(
        "HÀ NỘI — Minister of Public Security Lương Tam Quang met with visiting Permanent Secretary of "
        "Singapore's Ministry of Home Affairs Pang Kin Keong in Hà Nội on Wednesday afternoon."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Singapore"]
    assert r["vn_officials"] == ["Lương Tam Quang"]


def test_two_foreign_countries_meeting_is_not_vietnams():
    r = facts(
        "Phnom Penh (VNA) – Cambodian Interior Minister Sar Sokha and Lao Minister of Public Security "
        "Vilay Lakhamphong co-chaired a meeting in Vientiane on March 5 and signed a cooperation plan."
    )
    assert not r["is_bilateral"]


def test_a_years_review_listing_partners_is_not_a_meeting():
    r = facts(
        "Bộ Công an tổng kết công tác đối ngoại\n\nSáng 8/1, tại Hà Nội, Bộ Công an tổ chức Hội nghị tổng kết "
        "công tác đối ngoại năm 2024. Trong năm, lãnh đạo Bộ đã thăm, làm việc tại Lào, Campuchia, Trung Quốc, "
        "Nhật Bản và Pháp; tiếp nhiều đoàn khách quốc tế."
    )
    assert not r["is_bilateral"]


def test_the_ministrys_visit_and_audience_abroad():
    r = facts(
        "Nhận lời mời của Bộ trưởng Nội vụ Malaysia, Đoàn đại biểu cấp cao Bộ Công an Việt Nam do Đại tướng "
        "Tô Lâm, Bộ trưởng Bộ Công an dẫn đầu đã thăm, làm việc tại Malaysia từ ngày 12 đến 13/2. Ngày 13/2, "
        "Bộ trưởng Tô Lâm đã yết kiến Quốc vương Malaysia tại Cung điện Hoàng gia."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Malaysia"]
    assert "hội kiến" in r["meeting_types"]


def test_a_menu_before_the_article_is_not_its_lead():
    menu = "\n".join(f"• {place}" for place in ["An Giang", "Bac Giang", "Ca Mau", "Dien Bien", "Lao Cai", "Son La"])
    r = facts(
        f"{menu}\n\nMinister Holds Talks With Russian Security Council Secretary\n\nVGP – Minister of Public "
        "Security To Lam on March 16 held talks with Secretary of the Security Council of Russia Nikolai "
        "Patrushev in Ha Noi.\n\nMarch 17, 2021 8:25 AM GMT+7"
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Nga"]
    assert r["locations"] == ["Hà Nội"] and r["year"] == 2021


def test_a_drug_seizure_abroad_with_a_cooperation_teaser_is_not_a_meeting():
    r = facts(
        "Theo phóng viên TTXVN tại Viêng Chăn, ngày 14/8, Công an tỉnh Bò Kẹo (Lào) cho biết lực lượng chức "
        "năng đã thu giữ 500 kg ma túy.\n\nHiện lực lượng chức năng tỉnh Bò Kẹo đang điều tra."
    )
    assert not r["is_bilateral"]


def test_a_domestic_working_session_about_cooperation_abroad_is_not_a_meeting_with_it():
    r = facts(
        "Ngày 23/3, Đoàn công tác của Cục Đối ngoại Bộ Công an do Đại tá Trần Văn Sơn – Phó Cục trưởng làm "
        "trưởng đoàn đến khảo sát tình hình hợp tác quốc tế giữa Công an tỉnh Cao Bằng và Công an Khu tự trị "
        "Quảng Tây, Trung Quốc.\n\nTại buổi làm việc, Công an tỉnh báo cáo kết quả hợp tác từ năm 2018 đến nay."
    )
    assert not r["is_bilateral"]


def test_a_bilateral_meeting_on_the_sidelines_of_a_conference_abroad():
    r = facts(
        "Bên lề Hội nghị Bộ trưởng ASEAN về phòng chống tội phạm xuyên quốc gia tại Viêng Chăn, chiều 20/8, Đại "
        "tướng Lương Tam Quang, Bộ trưởng Bộ Công an đã có cuộc gặp song phương với Bộ trưởng Nội vụ Malaysia "
        "Saifuddin Nasution Ismail."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Malaysia"]  # the host city is where, not whom


def test_english_reports_that_name_the_meeting_loosely():
    r = facts(
        "An overview of the meeting (Photo: VNA)\n\nHanoi (VNA) – The Minister of Public Security praised the "
        "Canadian Embassy's work and proposed that the Canadian ambassador keep promoting cooperation with the "
        "Royal Canadian Mounted Police."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Canada"]
    r = facts(
        "A delegation of Vietnam's Ministry of Public Security led by Minister To Lam discussed cooperation on "
        "security issues with Russia's security leaders in Moscow on May 27."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Nga"]


def test_a_conference_of_many_countries_is_not_a_bilateral_meeting():
    r = facts(
        "Ngày 24/9, Hội nghị quốc tế về phòng, chống ma túy diễn ra tại Athens với đại biểu từ 130 quốc gia. "
        "Đoàn đại biểu Bộ Công an do Trung tướng Nguyễn Văn Viện dẫn đầu; hội nghị do Cơ quan phòng, chống ma "
        "túy Hoa Kỳ (DEA) khởi xướng."
    )
    assert not r["is_bilateral"]
    r = facts(
        "Bên lề Hội nghị với đại biểu 130 quốc gia tại Athens, ngày 24/9, Trung tướng Nguyễn Văn Viện, Cục trưởng "
        "Cục Cảnh sát điều tra tội phạm về ma túy, Bộ Công an đã có cuộc gặp song phương với lãnh đạo Cơ quan "
        "phòng, chống ma túy Hoa Kỳ (DEA)."
    )
    assert r["is_bilateral"] and r["partner_countries"] == ["Hoa Kỳ"]
