"""Numbers as clinical abstracts write them, in English and Chinese.

``NUM`` (a regex fragment) matches a number in either language: digits (``40``, ``1,000``,
``12.4``, ``12·4``, ``12<middle dot>4``), English number words (``six``, ``Forty``,
``twenty-nine``, ``one hundred and two``) and Chinese numerals (``六``, ``两``, ``二十九``).
``parse_number`` reads any text ``NUM`` matched. ``find_doses`` reads cell and drug doses
(``1×10⁶ MSCs/kg``, ``2 x 106 cells per kg``, ``5 mg/kg``), lost exponents included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.ingest.normalize import find_lost_exponents

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
EN_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = f"(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[1:10])}))?"
_BELOW_100 = f"(?:{_TENS_RE}|{_UNIT_RE})"
_BELOW_1000 = (rf"(?:(?:{'|'.join(_UNITS[1:10])})[\s-]+hundred(?:\s+(?:and\s+)?{_BELOW_100})?"
               rf"|{_BELOW_100})")
EN_WORD_NUM = rf"\b(?:{_BELOW_100}[\s-]+thousand(?:,?\s+(?:and\s+)?{_BELOW_1000})?|{_BELOW_1000})\b"
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
ZH_POWERS = {"十": 10, "百": 100, "千": 1000}
ZH_NUM = "[零〇一二两三四五六七八九十百千]+"
DIGIT_NUM = (r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])"
             r"|(?<![\d.] )(?<![\d.,])\d{1,3}(?:[ \u2009\u202f]\d{3})+(?= [A-Za-z])"
             r"|(?<![\d.])\d+(?:(?:\.|·|<middle dot>)\d+)?")
# The look-ahead (a digit, a first letter of a number word, a Chinese numeral) fails fast.
NUM = f"(?=[\\dzZoOtTfFsSeEnN{ZH_NUM[1:-2]}])(?:{DIGIT_NUM}|(?i:{EN_WORD_NUM})|{ZH_NUM})"
"""A number in digits, English words or Chinese numerals (use inside a group)."""

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def parse_number(text: str) -> int | float:
    """The value of a number ``NUM`` matched: ``"Forty"`` → 40, ``"12<middle dot>4"`` → 12.4,
    ``"二十九"`` → 29, ``"1,000"`` → 1000. Raises ValueError for text that is no number."""
    text = text.strip()
    if re.fullmatch(ZH_NUM, text):
        return _parse_zh(text)
    if re.fullmatch(EN_WORD_NUM, text, re.IGNORECASE):
        return _parse_en_words(text.lower())
    digits = re.sub(r"[,\s]", "", text.replace("<middle dot>", ".").replace("·", "."))
    value = float(digits)
    return int(value) if "." not in digits else value


def _parse_en_words(text: str) -> int:
    """``"one hundred and twenty-two"`` → 122; ``"Three thousand ten"`` → 3010."""
    thousands, current = 0, 0
    for word in re.split(r"[\s,-]+", text):
        if word == "hundred":
            current *= 100
        elif word == "thousand":
            thousands, current = current * 1000, 0
        elif word != "and":
            current += EN_WORDS[word]
    return thousands + current


def _parse_zh(text: str) -> int:
    """``"二十九"`` → 29, ``"十二"`` → 12, ``"一百零五"`` → 105, ``"二〇一九"`` → 2019."""
    if not any(c in ZH_POWERS for c in text):
        return int("".join(str(ZH_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in ZH_POWERS:
            total += (1 if digit is None else digit) * ZH_POWERS[c]
            digit = None
        else:
            digit = ZH_DIGITS[c]
    return total + (digit or 0)


@dataclass(frozen=True)
class Dose:
    """A dose read from text; start/end: offsets of the number in the searched text.

    value: in ``unit`` (1000000.0 for ``1×10⁶ cells/kg``), None when the exponent is lost;
    unit: ``cells/kg``, ``cells``, ``mg/kg``, ``mg/m2``, ... or None when none follows;
    mantissa/exponent: the parts of a power of ten (``1×10⁶`` → 1.0, 6), None otherwise;
    lost: the exponent was lost in the source (``1×106`` repaired, ``1×10`` unreadable);
    high: the upper bound of a range (``(1~2)×10⁶/kg`` → value 1e6, high 2e6), else None.
    """

    start: int
    end: int
    value: float | None
    unit: str | None
    mantissa: float | None
    exponent: int | None
    lost: bool
    high: float | None = None


# 1×10⁶, 2 x 10^6, (1~2)×10⁶, 1-2 × 10^6: mantissa, upper mantissa of a range, exponent.
_POWER = re.compile(
    r"(?<![\d.,])(?:\(\s*)?(\d{1,2}(?:\.\d{1,2})?)(?:\s*[-~–～]\s*(\d{1,2}(?:\.\d{1,2})?))?"
    r"(?:\s*\))?\s?[×xX*]\s?10(?:\^|[eE])?([⁻-]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[\^eE])\d+)"
)
_MASS = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s?(mg|µg|μg|ug|g|mL|ml|IU|U)\s?(?:/|per\s)\s?(kg|m2|m²)\b"
)
_CELLS = r"(?:[\w-]+\s){0,5}?(?:[\w+-]*?(?:cells?|MSCs?)\b|个细胞|细胞|个)"
_PER_KG = re.compile(
    rf"^[\s,]*(?:(?:or|and|to)\s)?\s?(?:{_CELLS})?\s?(?:/|per\s|每)\s?(kg|千克|公斤)")
_CELLS_ONLY = re.compile(rf"^\s?{_CELLS}")


def find_doses(text: str) -> list[Dose]:
    """Every power-of-ten dose (``1×10⁶``, ``1×106``, ``1×10 MSCs/kg``) and every mass-per-
    body-size dose (``5 mg/kg``) in ``text``, in order of position. The unit of a power of ten
    is read from what follows it in the same clause (``1 x 106, 2 x 106, or 4 x 106 ... cells
    per kg`` gives cells/kg to all three)."""
    doses = [_power_dose(text, m) for m in _POWER.finditer(text)]
    for lost in find_lost_exponents(text):
        unit = _cell_unit(text, lost.end)
        doses.append(Dose(lost.start, lost.end, lost.value, unit, lost.mantissa,
                          lost.exponent, True))
    for m in _MASS.finditer(text):
        unit = f"{m.group(2).replace('μ', 'µ').replace('ml', 'mL')}/{m.group(3).replace('²', '2')}"
        doses.append(Dose(m.start(), m.end(), _number(m.group(1)), unit, None, None, False))
    return sorted(doses, key=lambda d: d.start)


def _power_dose(text: str, m: re.Match) -> Dose:
    """A dose written with an intact exponent: ``1×10⁶``, ``2 x 10^6``, ``1e10`` style."""
    mantissa = float(m.group(1))
    exponent = int(m.group(3).translate(SUPERSCRIPT_DIGITS))
    high = float(m.group(2)) * 10**exponent if m.group(2) else None
    return Dose(m.start(), m.end(), mantissa * 10**exponent, _cell_unit(text, m.end()),
                mantissa, exponent, False, high)


def _cell_unit(text: str, end: int) -> str | None:
    """``cells/kg`` when a per-kg unit follows within the clause (other doses of a list may come
    between), ``cells`` when only a cell word follows, else None."""
    tail = re.split(r"[.;。;)(()]", text[end:end + 160], maxsplit=1)[0]
    pieces = re.split(r"\s?[×xX]\s?10\S*", tail)
    if any(_PER_KG.match(piece) for piece in pieces):
        return "cells/kg"
    return "cells" if any(_CELLS_ONLY.match(piece) for piece in pieces) else None


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value
