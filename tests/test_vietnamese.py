import unicodedata

import pytest

from bilat_search.vietnamese import FOLDS, canonical_syllable, canonical_text, fold, nfc, search_key


@pytest.mark.parametrize(
    "a, b",
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("tuý", "túy"), ("uỷ", "ủy"), ("mĩ", "mỹ"), ("kì", "kỳ"),
     ("khoẻ", "khỏe"), ("quý", "quí"), ("lý", "lí"), ("sỹ", "sĩ")],
)
def test_spelling_variants_meet(a, b):
    assert canonical_syllable(a) == canonical_syllable(b)


@pytest.mark.parametrize(
    "word", ["hoàng", "người", "giường", "của", "quả", "gì", "khuỵu", "thuyết", "ngoái", "Việt".lower()]
)
def test_correct_syllables_are_left_alone(word):
    assert canonical_syllable(word) == word


def test_capitalised_variants():
    assert canonical_text("Uỷ ban") == canonical_text("Ủy ban") == "ủy ban"
    assert canonical_text("Hoa Kì") == canonical_text("Hoa Kỳ")
    assert canonical_text("Mĩ") == canonical_text("Mỹ")


def test_nfd_equals_nfc():
    text = "Bộ Công an Việt Nam hội đàm với Liên bang Nga"
    assert nfc(unicodedata.normalize("NFD", text)) == text
    assert search_key(unicodedata.normalize("NFD", text)) == search_key(text)


def test_fold_drops_every_diacritic():
    assert fold("Đà Nẵng") == "Da Nang"
    assert fold("Ðà Nẵng") == "Da Nang"  # U+00D0, often typed for Đ
    assert fold("Tô Lâm") == "To Lam"
    assert fold("ỨNG PHÓ") == "UNG PHO"


def test_search_key_is_case_space_and_tone_style_blind():
    assert search_key("  MA   TUÝ ") == search_key("ma túy") == "ma tuy"


def test_fold_table_covers_every_character_as_the_fold_rules_say():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert fold(every) == every.translate(FOLDS)
    assert fold("Bộ CÔNG AN Đà Nẵng Ðà 😀") == "Bo CONG AN Da Nang Da 😀"
