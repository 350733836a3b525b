"""Decoding text bytes: byte-order marks, a declared charset, UTF-8, Windows-1258, then detection.

Shared by the file reader and the HTML reader (:mod:`chiso.ingest.files`,
:mod:`chiso.ingest.html`); it imports neither, so that they need not import each other.
"""

from __future__ import annotations

import re
import unicodedata

import charset_normalizer

from chiso.errors import EncodingError, InputError

# Magic numbers of formats people drop by mistake; anything here is refused as binary.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",  # zip, docx, xlsx, odt
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"MZ",
    b"RIFF",
    b"\xd0\xcf\x11\xe0",  # old MS Office
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"SQLite format 3",
    b"\x00asm",
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Share of control characters (other than line breaks and tabs) above which decoded
# bytes are judged binary rather than text in a legacy encoding.
_MAX_CONTROL_SHARE = 0.01

# Vietnamese letters outside Latin-1: seeing them after a cp1258 decode, with every
# combining tone mark composed by NFC, is strong evidence the bytes are Windows-1258.
_WESTERN = frozenset({"cp1252", "latin-1", "iso8859-1", "iso8859-15", "ascii"})
_VI_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def decode_text(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode text bytes and return ``(text, encoding)``; binary or undecodable bytes raise.

    Order: a BOM, a declared charset (HTTP), strict UTF-8, then legacy encodings guessed
    by charset-normalizer, with Windows-1258 preferred when it yields composed Vietnamese.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise EncodingError("bad_byte_order_mark", name=name, codec=codec) from None
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label is common on the web; fall through to detection
        else:
            codec = _codec_name(declared)
            if codec in _WESTERN:
                # Vietnamese sites often label Windows-1258 pages as Latin-1 or 1252.
                vi = _try_cp1258(data)
                if vi is not None and vi != text:
                    return _checked(vi, name), "cp1258"
            return _checked(text, name), codec
    utf16 = bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if _is_binary(data):
        raise InputError("binary_file", name=name)
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    vi = _try_cp1258(data)
    if vi is not None:
        return _checked(vi, name), "cp1258"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise EncodingError("unknown_encoding", name=name)
    return _checked(str(best), name), best.encoding


def _is_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    # Without a BOM, a NUL byte never occurs in text we accept.
    return b"\x00" in data[:65536]


#: UTF-16 without a byte-order mark: at least this share of the high bytes of its code units
#: are NUL (Latin letters, digits, spaces; Vietnamese letters outside Latin-1 are not), and
#: at most :data:`_UTF16_STRAY` of the low bytes; once decoded, at least :data:`_UTF16_WORDY`
#: of it must be letters, digits, spaces or punctuation.
_UTF16_NULS = 0.3
_UTF16_STRAY = 0.02
_UTF16_WORDY = 0.95


def bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` when ``data`` reads as UTF-16 without a byte-order mark (Windows tools
    write it so): NULs at alternate positions that decode into mostly letters. Else None."""
    sample = data[:65536]
    sample = sample[: len(sample) - len(sample) % 2]
    units = len(sample) // 2
    if units < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= _UTF16_NULS * units and even <= _UTF16_STRAY * units:
        codec = "utf-16-le"
    elif even >= _UTF16_NULS * units and odd <= _UTF16_STRAY * units:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    head = text[:32768]
    wordy = sum(1 for ch in head if ch.isalnum() or ch.isspace() or unicodedata.category(ch)[0] in "PSM")
    if wordy < _UTF16_WORDY * len(head):
        return None
    return text, codec


def _checked(text: str, name: str) -> str:
    sample = text[:65536]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    if sample and controls > max(1, _MAX_CONTROL_SHARE * len(sample)):
        raise InputError("binary_file", name=name)
    return text


def _try_cp1258(data: bytes) -> str | None:
    """Windows-1258 writes tone marks as combining characters; NFC must absorb them all."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    tones = sum(1 for ch in text if unicodedata.combining(ch))
    composed = unicodedata.normalize("NFC", text)
    stray = sum(1 for ch in composed if unicodedata.combining(ch))
    if stray:
        return None  # marks NFC cannot compose: not Vietnamese, some other single-byte code
    if tones or len(_VI_LETTERS.findall(composed)) >= 3:
        return text
    return None


def _codec_name(label: str) -> str:
    import codecs

    try:
        return codecs.lookup(label).name
    except LookupError:
        return label.lower()


__all__ = ["bomless_utf16", "decode_text"]
