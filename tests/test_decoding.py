import codecs
import unicodedata

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252
import pytest

from bilat_search.decoding import UnreadableFile, decode_bytes
from conftest import to_cp1258

TEXT = "Bộ Công an Việt Nam hội đàm với Bộ Nội vụ Liên bang Nga về phòng, chống ma túy.\n\nĐoạn hai."


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
        to_cp1258,
        lambda t: t.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "nfd", "cp1258", "mojibake"],
)
def test_every_encoding_becomes_the_same_nfc_text(encode):
    data = encode(TEXT)
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"  \n ", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
     (b"\x00\x01\x02\x03" * 500, "binary")],
)
def test_unreadable_files_say_why(data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        decode_bytes(data)


def test_invisible_characters_are_removed():
    assert decode_bytes("Bộ\u200b Công\u00ad an\ufeff".encode()) == "Bộ Công an"
