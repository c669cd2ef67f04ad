"""Sources: URL host first, then credit lines."""

from bilat_search.extract.sources import source_from_credits, source_from_url


def test_url_hosts():
    assert source_from_url("http://www.vietnamplus.vn/bo-cong-an/433788.vnp") == "Vietnam+"
    assert source_from_url("https://en.vietnamplus.vn/x-post1.vnp") == "Vietnam+"
    assert source_from_url("https://antg.cand.com.vn/a/b") == "CAND"
    assert source_from_url("https://sub.news.vov.vn/a") == "VOV"  # parent domain
    assert source_from_url("https://unknown.example.org/a") is None
    assert source_from_url(None) is None


def test_credit_lines():
    assert source_from_credits("Hai bộ trưởng. Ảnh: Phạm Kiên - TTXVN\n\nNội dung.") == "TTXVN"
    assert source_from_credits("Đoàn làm việc. (Ảnh: Vinh Lê/Vietnam+) Ngày 2/3") == "Vietnam+"
    assert source_from_credits("Nội dung bài.\n\nTheo VOV") == "VOV"
    assert source_from_credits("Nội dung bài.\n\nNguồn: CAND") == "CAND"


def test_names_outside_credits_are_not_sources():
    assert (
        source_from_credits("Cảnh sát Liên bang Ô-xtrây-li-a (AFP) đã phối hợp tốt với Bộ Công an.") is None
    )
    assert source_from_credits("Theo Bộ Công an, tình hình tội phạm giảm.") is None
