"""Topics: fixed labels, tone-style and typo tolerance, no false hits."""

from bilat_search.article import Article
from bilat_search.extract.tokens import tokenize
from bilat_search.extract.topics import find_topics


def topics(text: str) -> list[str]:
    return find_topics(tokenize(Article(path="t.txt", text=text)))


def test_labels_and_phrases():
    assert topics("Hai bên phối hợp phòng, chống tội phạm ma túy và khủng bố.") == ["ma túy", "khủng bố"]
    assert "tội phạm công nghệ cao" in topics("Đấu tranh với tội phạm sử dụng công nghệ cao.")
    assert "dẫn độ" in topics("Phối hợp truy bắt, dẫn độ tội phạm.")


def test_tone_mark_styles_and_typos():
    assert topics("Phối hợp chống ma tuý.") == ["ma túy"]  # old tone placement
    assert topics("Phối hợp chống ma tùy.") == ["ma túy"]  # misplaced tone
    assert topics("Phối hợp chống ma tuy.") == ["ma túy"]  # dropped tone
    assert "tội phạm công nghệ cao" in topics("đấu tranh với toi phạm công nghệ cao")


def test_no_false_hit_across_punctuation_or_other_words():
    assert topics("Với tinh thần nhân đạo, tạo điều kiện cho công dân.") == []
    assert topics("Hướng dẫn đó được ban hành.") == []


def test_a_head_shared_over_a_list():
    assert "tội phạm kinh tế" in topics("Phòng, chống tội phạm ma túy, kinh tế và buôn lậu.")
    assert "bảo hộ công dân" in topics("Cơ chế bảo hộ doanh nhân, lưu học sinh, công dân của hai nước.")


def test_english_topics():
    assert set(topics("They agreed to fight drug trafficking, cybercrime and money laundering.")) >= {
        "ma túy",
        "tội phạm công nghệ cao",
        "rửa tiền",
    }


def test_the_education_sector_is_not_police_training():
    # `giáo dục và đào tạo` names a field of state relations, like `kinh tế - thương mại`
    assert "đào tạo" not in topics(
        "Quan hệ hai nước phát triển trên nhiều lĩnh vực như kinh tế - thương mại, giáo dục và đào tạo.")
    assert "đào tạo" in topics("Hai bộ trao đổi kinh nghiệm xây dựng lực lượng, giáo dục đào tạo cán bộ.")


def test_training_courses_and_citizens_of_both_states():
    assert "đào tạo" in topics("Hai bên sẽ tổ chức khóa huấn luyện về kỹ chiến thuật cho lực lượng đặc nhiệm.")
    assert "bảo hộ công dân" in topics(
        "The minister proposed protecting workers, students and citizens of the two states in each country.")
