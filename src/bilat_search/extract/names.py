"""Closed word lists for recognising people: surnames, titles and words that start no name.

These are grammar of the language, not knowledge that grows (that is in the
gazetteers), so they live here as code. All keys are canonical lower-case
syllables as `token_keys` gives them, so that both tone-mark styles meet.
"""

from __future__ import annotations

from ..analysis import token_keys


def word_keys(words: str) -> frozenset[str]:
    """Canonical lower-case keys of space-separated words (both tone-mark styles meet)."""
    out: set[str] = set()
    for word in words.split():
        exact, folded = token_keys(word)
        out.add(exact)
    return frozenset(out)


def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(token_keys(w)[1] for w in words)


SURNAMES = word_keys(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lí tô lương trịnh đinh lâm
    mai trương đào hà cao tạ chu thái lưu kiều triệu đoàn vương nghiêm lục tống phùng khuất lại nông lò
    hứa châu giang thân mạc tăng doãn từ bạch cù âu đàm đồng hầu khổng khúc kim lã mã mẫn ninh phí
    quách sầm tiêu trình ung vi đậu lạc lữ nhữ phương quản tôn trang cấn chử diệp giáp hàn lăng lỗ
    ông thạch tiết văn võ y"""
)
SURNAMES_FOLDED = _folded(SURNAMES)

# Capitalised words that begin no personal name: titles, organisations, time words, function words.
NOT_A_NAME_START = word_keys(
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

# Words that begin no name but end many (`Nguyễn Văn Hai`, `Trần Quốc Ba`, `Lê Thành Công`); folded too,
# for texts without accents (`Hai` may be `Hải`).
GIVEN_NAMES = word_keys("hai ba tư năm sáu an hòa hoà thành công quốc trung đại chính thái tiến đồng")
GIVEN_NAMES = GIVEN_NAMES | _folded(GIVEN_NAMES)

# Middle names: after a surname and one of these, the next capitalised word is the given name
# (`Nguyễn Văn Viện`), whatever else it may mean. Folded, as names are compared folded here.
MIDDLE_NAMES = _folded(word_keys("văn thị đức minh quốc hữu đình bá ngọc xuân thanh hồng kim công duy anh tiến"))

# Words that may stand inside a name but never end a run of a person's name.
NAME_INNER_OK = word_keys("văn thị công quốc đức minh thanh hồng xuân hữu đình bá ngọc kim")

# The last syllable of a title that stands right before a person's name.
TITLE_ENDS = word_keys(
    """tướng tá úy trưởng chí ông bà ngài sứ thống lệnh đốc tịch ký huy thư lý samdech
    minister general ambassador president director secretary chief colonel commissioner chairman
    mr mrs ms dr governor deputy head lieutenant major premier envoy counsellor officer inspector tra pm gen col
    maj"""
)
TITLE_ENDS_FOLDED = _folded(TITLE_ENDS)

# Titles of the Vietnamese side's security leaders (the person's role makes them present).
MPS_TITLES = word_keys("tướng trưởng chí tá minister general")

FORMER_WORDS = word_keys("nguyên cố former late")

# English agency words that break a run of capitalised name words.
ORG_WORDS = word_keys(
    """bộ cơ ủy uỷ hội cục ban sở viện công an cảnh quân đảng ministry police agency department bureau
    committee council service office embassy security affairs interior federal national"""
)

# Honorifics that stand before a name but are not part of it.
HONORIFICS = word_keys("samdech tan sri datuk dato datin pol police tướng sheikh")

# Lower-case particles inside foreign names.
PARTICLES = word_keys("bin binti bint al el de da van von der del dos du la le")

# Lower-case words that may stand between a title and a name (inside an agency name).
ROLE_INNER = word_keys(
    """quan ban đồng cục phòng vụ an ninh quốc gia sát chính trị pháp luật điều tra nhân dân liên bang hòa
    cộng tư nội xuất nhập cảnh chống ma túy lượng sứ quán lệnh kiểm tối cao thông tin tình báo đối ngoại
    biên hải giao hình sự kinh tế công vệ binh toàn quyền đặc mệnh hoàng nước tại of the for and s internal affairs
    home public security interior federal national police"""
)
ROLE_INNER_FOLDED = _folded(ROLE_INNER)

# Capitalised English words that are never part of a person's name in these texts.
ENGLISH_CAPS = word_keys(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday photo vna vov minister deputy general
    gen sen lieut lt col maj senior lieutenant major colonel pm home affairs internal cyber law
    ministry police force department office agency assembly committee council federal national royal
    public security interior justice foreign defence defense vietnam vietnamese the in on at for and
    mou asean interpol aseanapol international cooperation division unit centre center institute academy
    university commission command guard guards coast border immigration criminal investigation intelligence
    political legal people's people communist municipal speaking editor editors holds hold talks translated
    photo reporter correspondent news"""
)
