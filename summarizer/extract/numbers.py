"""Doses as clinical abstracts write them: ``find_doses`` reads cell and drug doses
(``1×10⁶ MSCs/kg``, ``2 x 106 cells per kg``, ``(1~2)×10⁶/kg``, ``5 mg/kg``), lost exponents
included.

Numbers themselves are read by the text layer (``summarizer.text.numbers``); ``NUM``,
``parse_number`` and the tables of number words are re-exported here for the extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.ingest.normalize import find_lost_exponents
from summarizer.text.numbers import (
    DIGIT_NUM,
    EN_WORD_NUM,
    EN_WORDS,
    NUM,
    SUPERSCRIPT_DIGITS,
    ZH_DIGITS,
    ZH_NUM,
    ZH_POWERS,
    parse_number,
)

__all__ = ["DIGIT_NUM", "EN_WORDS", "EN_WORD_NUM", "NUM", "SUPERSCRIPT_DIGITS", "ZH_DIGITS",
           "ZH_NUM", "ZH_POWERS", "Dose", "find_doses", "parse_number"]


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
        doses.append(Dose(m.start(), m.end(), parse_number(m.group(1)), unit, None, None, False))
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

