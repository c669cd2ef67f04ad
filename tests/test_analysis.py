import unicodedata

from bilat_search.analysis import VietnameseTokenizer, exact_keys, folded_keys, spans


def test_nothing_meaningful_is_dropped():
    assert exact_keys("Bộ Công an") == ["bộ", "công", "an"]
    assert exact_keys("ở Hà Nội") == ["ở", "hà", "nội"]
    assert exact_keys("to by an the of") == ["to", "bi", "an", "the", "of"]


def test_numbers_dates_and_codes_stay_whole():
    assert exact_keys("Ngày 2/3/2017, năm 2022, COVID-19, 100.000 người, 3,2 tỷ") == [
        "ngày", "2/3/2017", "năm", "2022", "covid-19", "100.000", "người", "3,2", "tỉ"]
    assert "2/3" in exact_keys("Ngày 2/3, tại Minsk")


def test_hyphenated_words_split_into_syllables():
    assert exact_keys("Mát-xcơ-va") == ["mát", "xcơ", "va"]
    assert exact_keys("chính trị-ngoại giao") == ["chính", "trị", "ngoại", "giao"]


def test_missing_space_after_comma():
    assert exact_keys("nhấn mạnh,quan hệ") == ["nhấn", "mạnh", "quan", "hệ"]


def test_folded_and_exact_keys():
    assert folded_keys("Đà Nẵng") == ["da", "nang"]
    assert exact_keys("Ðà Nẵng") == exact_keys("Đà Nẵng")
    assert exact_keys("Thuỷ") == exact_keys("thủy")


def test_nfd_input_gives_nfc_tokens():
    text = "Tô Lâm hội đàm"
    assert exact_keys(unicodedata.normalize("NFD", text)) == exact_keys(text)
    tokens = [t.text for t in VietnameseTokenizer("exact")(unicodedata.normalize("NFD", text))]
    assert tokens == ["tô", "lâm", "hội", "đàm"]


def test_both_forms_share_a_position():
    tokens = [(t.text, t.pos) for t in VietnameseTokenizer("both")("Bộ Công an", positions=True)]
    assert tokens == [("bo", 0), ("bộ", 0), ("cong", 1), ("công", 1), ("an", 2)]


def test_offsets_point_at_the_words_as_written():
    text = "Thượng tướng  Tô Lâm, Bộ trưởng"
    for span in spans(text):
        assert text[span.start:span.end] == span.text
    tokens = [(t.text, t.startchar, t.endchar, t.pos)
              for t in VietnameseTokenizer("folded")(text, positions=True, chars=True)]
    assert tokens[2] == ("to", 14, 16, 2)


def test_field_postings_equal_the_tokenizer_grouped():
    from collections import defaultdict

    from bilat_search.analysis import keyed_positions

    text = "Bộ Công an Việt Nam và Bộ Nội vụ Liên bang Nga, ngày 2/3/2017: COVID-19 ở Hà Nội. Bộ Công an."
    for form in ("both", "exact", "folded"):
        grouped = defaultdict(list)
        for token in VietnameseTokenizer(form)(text, positions=True):
            grouped[token.text].append(token.pos)
        assert keyed_positions(text, form) == dict(grouped), form
