"""Character-for-character normalization of a record's text, with warnings.

``normalize(text)`` returns ``(normalized, warnings)`` where ``len(normalized) == len(text)``:
every change replaces one character by one character, so an offset into one is an offset into
the other. Problems that cannot be repaired in place (a lost exponent, mojibake, markup
leftovers, truncation) are reported as ``TextWarning``s with offsets into ``text`` and left as
they are.

``find_lost_exponents`` and ``read_lost_exponent`` are public: the facts extractor reads doses
such as ``1×106 MSCs/kg`` (a superscript ⁶ lost in copying) with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.schema import Section, TextWarning
from summarizer.text.formulas import plain_formulas
from summarizer.text.script import HAN_CHARS, has_han

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

_MANTISSA = r"(?<![\d.,])(\d{1,2}(?:\.\d{1,2})?)\s?[×xX]\s?"
# 1×106, 2 x 106, 3×1012: "10" with the exponent glued on as ordinary digits.
_GLUED = re.compile(_MANTISSA + r"10([1-9]\d?)(?=[\s/)\],;:.。，；）\"'”’`&<]|[A-Za-z" + HAN_CHARS
                    + "]|$)")
# 1×10 MSCs/kg: a bare "10" right before a unit of counted things; the exponent is gone.
_CELL_UNIT = (
    r"(?:[A-Za-z-]*cells?\b|(?:UC-?|hUC-?)?MSCs?\b|CFU|copies|IU\b|vg\b|PFU|TCID|个|细胞"
    r"|/(?:kg|L\b|l\b|mL|ml|μL|µL|uL|mm3))"
)
_BARE = re.compile(_MANTISSA + r"10(?=\s?" + _CELL_UNIT + ")")

_MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d"
    "\u017e\u02c6\u02dc\u2122]|Â[\u00a0-\u00bf]|ï»¿|\ufffd"
)
# A letter replaced by "Ī" at a sentence start (seed 003: "Īmong", "Īt 24 weeks", "Ī Phase").
_STRAY = re.compile(r"(?:(?<=^)|(?<=[\s.!?\"'”]))Ī(?=[a-z]|\s[A-Z0-9])", re.MULTILINE)
_MARKUP = re.compile(r"(\d*)<(middle dot|bullet|centered dot|dot|times|minus|plus minus)>(\d*)")
MARKUP_CHARS = {"middle dot": "·", "centered dot": "·", "dot": "·", "bullet": "•",
                "times": "×", "minus": "−", "plus minus": "±"}

TERMINAL = tuple(".!?。！？)）\"”'’】]")
_ENDS_WITH_ID = re.compile(r"(?:NCT\d{8}|ChiCTR[-\w]*\d|ISRCTN\d+|\d{4}-\d{6}-\d{2})$")
# An abstract may end with a web address or a keyword list rather than a full stop.
_ENDS_WITH_LINK_OR_KEYWORDS = re.compile(
    r"(?:https?://|www\.)\S+$|(?:^|[.。\s])(?i:key\s*words?|关键词)\s*[:：][^\n]*$")
_TRUNCATED_NOTE = re.compile(r"\(ABSTRACT TRUNCATED(?: AT \d+ WORDS)?\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class LostExponent:
    """A number like ``1×106`` whose superscript exponent was lost.

    start/end: offsets of ``text`` in the string searched; mantissa: 1.0 for ``1×106``;
    exponent: 6 for ``1×106``, None for a bare ``1×10 MSCs/kg`` (the exponent is gone).
    """

    start: int
    end: int
    text: str
    mantissa: float
    exponent: int | None

    @property
    def repaired(self) -> str:
        """The probable reading: ``1×10⁶`` (or ``1×10ⁿ`` when the exponent is gone)."""
        power = str(self.exponent).translate(SUPERSCRIPT) if self.exponent else "ⁿ"
        mantissa = re.match(r"\d+(?:\.\d+)?", self.text).group(0)
        return f"{mantissa}×10{power}"

    @property
    def value(self) -> float | None:
        """The probable number (1e6 for ``1×106``), or None when the exponent is gone."""
        return None if self.exponent is None else self.mantissa * 10**self.exponent


def find_lost_exponents(text: str) -> list[LostExponent]:
    """Every lost-exponent number in ``text``, in order of position."""
    found = [
        LostExponent(m.start(), m.end(), m.group(0), float(m.group(1)), int(m.group(2)))
        for m in _GLUED.finditer(text)
    ]
    found += [
        LostExponent(m.start(), m.end(), m.group(0), float(m.group(1)), None)
        for m in _BARE.finditer(text)
    ]
    return sorted(found, key=lambda f: f.start)


def read_lost_exponent(text: str) -> tuple[float, int | None] | None:
    """``(mantissa, exponent)`` of the first lost-exponent number in ``text``, else None.

    ``"1×106 MSCs/kg"`` → ``(1.0, 6)``; ``"1×10 MSCs/kg"`` → ``(1.0, None)``;
    ``"1×10⁶ MSCs/kg"`` (intact) → None.
    """
    found = find_lost_exponents(text)
    return (found[0].mantissa, found[0].exponent) if found else None


def normalize(text: str) -> tuple[str, list[TextWarning]]:
    """``(normalized, warnings)``; ``len(normalized) == len(text)``, warnings sorted by start."""
    chars = list(text)
    warnings = _full_width(text, chars) + _traditional(text, chars) + _stray(text, chars)
    _line_break_markers(text, chars)
    _markdown_escapes(text, chars)
    _formulas(text, chars)
    normalized = "".join(chars)
    warnings += _lost_exponents(text, normalized) + _mojibake(text) + _markup(text)
    return normalized, sorted(warnings, key=lambda w: (w.start or 0, w.kind))


def _line_break_markers(text: str, chars: list[str]) -> None:
    """CNKI and Wanfang exports write a paragraph break inside a field as ``(#br)``: read as a
    line break (and padding, so offsets hold), not as text."""
    for m in re.finditer(r"\(#br\)", text):
        chars[m.start():m.end()] = list("\n" + " " * (m.end() - m.start() - 1))


def _markdown_escapes(text: str, chars: list[str]) -> None:
    """A PDF converted to Markdown escapes ``~`` and ``*`` (``年龄29\\~66岁``): the backslash
    is read as a space, so the range reads as one."""
    for m in re.finditer(r"\\(?=[~*_#\[\]])", text):
        chars[m.start()] = " "


def _formulas(text: str, chars: list[str]) -> None:
    """An inline formula of a PDF conversion (``$6 6 . 6 7 \\%$``) is read as its plain text
    (``66.67%``), padded with spaces to the formula's length so offsets hold."""
    for start, end, plain in plain_formulas(text):
        chars[start:end] = list(plain.ljust(end - start))


def _full_width(text: str, chars: list[str]) -> list[TextWarning]:
    """Map full-width ASCII forms (U+FF01–FF5E, U+3000) to ASCII in ``chars``; warn on runs
    that hold letters or digits (full-width punctuation and ＜％～ are ordinary in Chinese)."""
    warnings = []
    for m in re.finditer(r"[\uff01-\uff5e\u3000]+", text):
        for i in range(m.start(), m.end()):
            chars[i] = " " if text[i] == "\u3000" else chr(ord(text[i]) - 0xFEE0)
        if re.search(r"[０-９Ａ-Ｚａ-ｚ]", m.group(0)):
            ascii_form = "".join(chars[m.start():m.end()])
            warnings.append(TextWarning("full-width", m.start(), m.end(), m.group(0),
                                        f"full-width {m.group(0)!r} read as {ascii_form!r}"))
    return warnings


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def _traditional(text: str, chars: list[str]) -> list[TextWarning]:
    """Replace traditional Chinese characters by simplified ones (OpenCC t2s, one character for
    one character); one warning per cluster of changed characters."""
    if not has_han(text):
        return []
    converted = _t2s().convert(text)
    if len(converted) != len(text):
        converted = "".join(_t2s().convert(c) if len(_t2s().convert(c)) == 1 else c for c in text)
    changed = [i for i, (a, b) in enumerate(zip(text, converted, strict=True)) if a != b]
    warnings = []
    for cluster in _clusters(changed, gap=20):
        start, end = cluster[0], cluster[-1] + 1
        for i in cluster:
            chars[i] = converted[i]
        warnings.append(TextWarning(
            "traditional", start, end, text[start:end],
            f"{len(cluster)} traditional character(s) read as simplified: "
            f"{text[start:end]} → {converted[start:end]}"))
    return warnings


def _clusters(positions: list[int], gap: int) -> list[list[int]]:
    """Group sorted positions whose neighbours are at most ``gap`` apart."""
    groups: list[list[int]] = []
    for p in positions:
        if groups and p - groups[-1][-1] <= gap:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _stray(text: str, chars: list[str]) -> list[TextWarning]:
    """A stray ``Ī`` standing for a sentence-initial ``A`` (``Īmong`` → ``Among``)."""
    warnings = []
    for m in _STRAY.finditer(text):
        chars[m.start()] = "A"
        word = re.match(r"Ī\s?[^\s.]*", text[m.start():]).group(0)
        warnings.append(TextWarning(
            "stray-character", m.start(), m.end(), m.group(0),
            f"stray 'Ī' at a sentence start, probably 'A' ({word} → A{word[1:]})"))
    return warnings


def _lost_exponents(text: str, normalized: str) -> list[TextWarning]:
    """Warnings for ``1×106`` / ``1×10 MSCs/kg`` (searched in the normalized text)."""
    warnings = []
    for f in find_lost_exponents(normalized):
        raw = text[f.start:f.end]
        if f.exponent is None:
            message = f"{raw} has lost its exponent (probably {f.repaired}); check the source"
        else:
            message = f"{raw} is probably {f.repaired}"
        warnings.append(TextWarning("lost-exponent", f.start, f.end, raw, message))
    return warnings


def _mojibake(text: str) -> list[TextWarning]:
    """UTF-8 read as Latin-1/cp1252 (``Ã©``, ``â€™``) and U+FFFD replacement characters."""
    warnings = []
    for m in _MOJIBAKE.finditer(text):
        warnings.append(TextWarning("mojibake", m.start(), m.end(), m.group(0),
                                    _mojibake_message(m.group(0))))
    return warnings


def _mojibake_message(seq: str) -> str:
    """Say what a mojibake sequence probably was."""
    if seq == "\ufffd":
        return "U+FFFD replacement character: a character was lost when the text was decoded"
    try:
        repaired = seq.encode("cp1252").decode("utf-8")
        return f"{seq!r} is probably {repaired!r} (UTF-8 read as Latin-1)"
    except UnicodeError:
        return f"{seq!r} looks like UTF-8 read as Latin-1"


def _markup(text: str) -> list[TextWarning]:
    """Entity names left in the text by an export (``12<middle dot>4`` = 12·4 = 12.4)."""
    warnings = []
    for m in _MARKUP.finditer(text):
        before, name, after = m.groups()
        char = MARKUP_CHARS[name]
        message = f"{m.group(0)!r} is probably {before}{char}{after}"
        if char == "·" and before and after:
            message += f" = {before}.{after}"
        warnings.append(TextWarning("markup", m.start(), m.end(), m.group(0), message))
    return warnings


def truncation_warning(section: Section) -> TextWarning | None:
    """A ``truncated`` warning when a placed section ends mid-sentence or with ``...``/``…``."""
    text = section.text.rstrip()
    note = _TRUNCATED_NOTE.search(text)
    ends_with_id = (_ENDS_WITH_ID.search(text) or _ENDS_WITH_LINK_OR_KEYWORDS.search(text)) \
        is not None
    cut = note is not None or text.endswith(("...", "…")) or not (
        text.endswith(TERMINAL) or ends_with_id)
    if not cut or section.start is None:
        return None
    tail_start = section.start + max(0, len(text) - 30)
    tail = text[max(0, len(text) - 30):]
    return TextWarning("truncated", tail_start, section.start + len(text), tail,
                       f"the {section.lang} abstract ends mid-sentence: ...{tail!r}")
