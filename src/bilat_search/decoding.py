"""Bytes to clean NFC text, whatever encoding an archive used."""

from __future__ import annotations

import re

import ftfy

from .vietnamese import nfc


class UnreadableFile(Exception):
    """A file we skip; the message is the reason shown in the build summary."""


_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}

# UTF-8 Vietnamese read as cp1252 leaves these pairs behind (`á»`, `Ä‘`, `Ã´`).
_MOJIBAKE = re.compile(
    "[ÃÄÆáâ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u20ac\u2122]"
)
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad\u200e\u200f\x00]")


def decode_bytes(data: bytes) -> str:
    """Decode, repair mojibake, strip invisible characters and compose to NFC.

    Order: BOMs, UTF-8, UTF-16 without BOM, then Windows-1258 (the Vietnamese
    code page, tones as combining marks, which NFC composes).
    """
    if not data.strip():
        raise UnreadableFile("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16")
    else:
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise UnreadableFile(f"binary file ({what})")
        text = _guess(data)
    return clean_text(text)


def clean_text(text: str) -> str:
    """NFC, mojibake repaired, invisible characters and NULs removed, newlines unified."""
    if _MOJIBAKE.search(text):
        text = ftfy.fix_text(text, normalization="NFC")
    text = _INVISIBLE.sub("", text)  # a regex: str.translate looks up every character
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not valid {encoding.upper()} (byte {exc.start})") from exc


def _guess(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _mostly_text(text):
            raise UnreadableFile("binary file (control characters, not text)")
        return text
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(3, len(lenient) // 2000) and _mostly_text(lenient):
        return lenient.replace("\ufffd", "")  # UTF-8 with a stray bad byte or two: drop them, keep the text
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_text(text):
                return text
        raise UnreadableFile("binary file (NUL bytes, not UTF-16 text)")
    if b"\x00" in head:
        raise UnreadableFile("binary file (NUL bytes)")
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("undecodable text (neither UTF-8, UTF-16 nor Windows-1258)") from exc
    if not _mostly_text(text):
        raise UnreadableFile("binary file (not text in any known encoding)")
    return text


def _mostly_text(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for c in sample if c < " " and c not in "\n\r\t\f" or "\x7f" <= c < "\xa0")
    return controls / len(sample) < 0.05
