"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK (Chinese exports),
and, last, charset-normalizer's best guess. Binary files are refused with the reason.

Line ends are normalized to ``\\n`` and byte-order marks at line starts (files joined with
``cat``) removed; offsets in Records are offsets into this decoded text.
"""

from __future__ import annotations

import codecs
import re

from summarizer.errors import InputError
from summarizer.text.script import count_han

LINE_START_BOM = re.compile(r"(?<=\n)\ufeff+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_RATIO = 0.01  # more control characters than this per character: not text
FIX = "export the records as text (RIS, MEDLINE, PubMed XML, CNKI, JSON Lines)"


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes; raises InputError for empty or binary files."""
    if not data.strip():
        raise InputError(source, "empty file; nothing to read")
    text, encoding = _decode(data, source)
    if not text.strip("\ufeff \t\r\n"):
        raise InputError(source, "empty file; nothing to read")
    controls = len(CONTROL.findall(text))
    if controls > MAX_CONTROL_RATIO * len(text):
        raise InputError(source, f"binary file ({controls} control characters); {FIX}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Exports concatenated with ``cat`` keep each part's byte-order mark at a line start,
    # where it would hide the tag that opens a record.
    return LINE_START_BOM.sub("", text), encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """Try BOMs, then strict UTF-8, then strict GB18030, then charset-normalizer."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as ex:
                raise InputError(source, f"not valid {encoding} despite its byte-order mark "
                                         f"(byte {ex.start}); re-save the file as UTF-8") from ex
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(source, f"binary file (NUL byte at byte {nul}); {FIX}")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or _mostly_chinese(text):
            return text, encoding
    return _guess(data, source)


def _mostly_chinese(text: str) -> bool:
    """True when most non-ASCII characters of a GB18030 reading are Han characters."""
    non_ascii = [c for c in text if ord(c) > 127]
    return bool(non_ascii) and count_han(text) >= 0.6 * len(non_ascii)


def _guess(data: bytes, source: str) -> tuple[str, str]:
    """charset-normalizer's best reading, or InputError when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, f"not text in any known encoding (tried UTF-8, UTF-16, "
                                 f"GB18030); {FIX}")
    return str(best), best.encoding
