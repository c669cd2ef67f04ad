"""Closed word lists for recognising people: surnames, titles and words that start no name.

These are grammar of the language, not knowledge that grows (that is in the
gazetteers), so they live here as code. All keys are canonical lower-case
syllables as `token_keys` gives them, so that both tone-mark styles meet.
"""

from __future__ import annotations

from ..analysis import token_keys


def _keys(words: str) -> frozenset[str]:
    out: set[str] = set()
    for word in words.split():
        exact, folded = token_keys(word)
        out.add(exact)
    return frozenset(out)


def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(token_keys(w)[1] for w in words)


SURNAMES = _keys(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lí tô lương trịnh đinh lâm
    mai trương đào hà cao tạ chu thái lưu kiều triệu đoàn vương nghiêm lục tống phùng khuất lại nông lò
    hứa châu giang thân mạc tăng doãn từ bạch cù âu đàm đồng hầu khổng khúc kim lã mã mẫn ninh phí
    quách sầm tiêu trình ung vi đậu lạc lữ nhữ phương quản tôn trang cấn chử diệp giáp hàn lăng lỗ
    ông thạch tiết văn võ y"""
)
SURNAMES_FOLDED = _folded(SURNAMES)

# Capitalised words that begin no personal name: titles, organisations, time words, function words.
NOT_A_NAME_START = _keys(
    """bộ cơ ủy uỷ hội đoàn đại thượng trung thiếu thứ phó tổng cục ban sở viện học trường công cảnh an
    quân lực nhà chính quốc đảng ngày sáng chiều tối trưa tại theo trong sau trước hai ba các những với
    và về ảnh nguồn thủ lễ chủ giám tư đồng ông bà ngài tiến thạc giáo bác phát tham cùng thay tiếp
    nhân đây đó khi nhằm qua từ tháng năm hôm lãnh lực đội phòng tỉnh thành huyện xã phường quận
    vụ viên phái chương dự luật nghị hiệp bản biên thông tuyên kế văn đề việt ủy tòa kiểm toà samdech
    ngoài nội tổ liên trưởng bí thư chánh mặt mười một lần đợt khóa chiến chuyến cuộc buổi tuy nhưng
    người hiện nay cũng đặc đặt đến sang tới cho còn được bên thời vì do để mr mrs ms dr minister deputy
    general lieutenant senior major colonel ambassador president prime director chairman chief head
    secretary commissioner police ministry his her the on in at of and with vice mps vietnam vietnamese
    party state national public security"""
)
NOT_A_NAME_START_FOLDED = _folded(NOT_A_NAME_START)

# Words that may stand inside a name but never end a run of a person's name.
NAME_INNER_OK = _keys("văn thị công quốc đức minh thanh hồng xuân hữu đình bá ngọc kim")

# The last syllable of a title that stands right before a person's name.
TITLE_ENDS = _keys(
    """tướng tá úy trưởng chí ông bà ngài sứ thống lệnh đốc tịch ký huy thư lý samdech
    minister general ambassador president director secretary chief colonel commissioner chairman
    mr mrs ms dr governor deputy head lieutenant major premier envoy counsellor officer inspector"""
)
TITLE_ENDS_FOLDED = _folded(TITLE_ENDS)

# Titles of the Vietnamese side's security leaders (the person's role makes them present).
MPS_TITLES = _keys("tướng trưởng chí tá minister general")

FORMER_WORDS = _keys("nguyên cố former late")

# English agency words that break a run of capitalised name words.
ORG_WORDS = _keys(
    """bộ cơ ủy uỷ hội cục ban sở viện công an cảnh quân đảng ministry police agency department bureau
    committee council service office embassy security affairs interior federal national"""
)
