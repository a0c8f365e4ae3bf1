"""Numbers as clinical abstracts write them, in English and Chinese: the one reader every stage
uses (extraction, alignment anchors and flags, the summary check, grouping).

``NUM`` (a regex fragment without groups) matches one number in either language:

- digits: ``40``, ``12.4``, ``12·4``, ``12<middle dot>4``, ``.001`` (after a space or ``<=(``),
  thousands ``1,000``, ``1,234.5``, ``6 , 528`` (tokenized text), ``13 339`` (thin or narrow
  no-break spaces; a plain space only before a word: ``13 339 women``);
- multiplied digits: ``1.2万`` (12000), ``3亿``, ``5千`` (not ``5千克``), ``2 million``;
- powers of ten: ``1×10¹²``, ``2 x 10^6``, ``2.5×10⁻³``, ``10⁶``;
- English number words: ``six``, ``Forty``, ``Twenty-nine``, ``one hundred and two``,
  ``one million``;
- Chinese numerals: ``六``, ``两``, ``二十九``, ``一百零五``, ``一万二千``, ``二〇一九``.

``parse_number`` reads any text ``NUM`` matched. ``find_numbers`` finds every number of a
text as a ``Number`` (value, offsets, the text as written, precision, a following ``%``, the
``±`` or range that ties it to the number before it). It also reads what needs context, which
``NUM`` alone does not: ``1×106`` and ``1×10 MSCs/kg``, whose exponents were lost in copying
(with ``ingest.normalize.find_lost_exponents``), and ``(1~2)×10⁶``, a range sharing one power.
Signs are not read: ``-2`` and ``26–57`` give 2, 26 and 57.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from summarizer.ingest.normalize import find_lost_exponents
from summarizer.text.formulas import MATH

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
EN_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = f"(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[1:10])}))?"
_BELOW_100 = f"(?:{_TENS_RE}|{_UNIT_RE})"
# "Two hundred-forty"; a bare "Hundred and forty-three" opening a sentence, but not the
# "hundred" of "several hundred"
_BELOW_1000 = (rf"(?:(?:(?:{'|'.join(_UNITS[1:10])})[\s-]+|(?<![A-Za-z] )(?<![A-Za-z]))hundred"
               rf"(?:[\s-]+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})")
EN_WORD_NUM = rf"\b(?:{_BELOW_100}[\s-]+thousand(?:,?\s+(?:and\s+)?{_BELOW_1000})?|{_BELOW_1000})\b"
"""A number in English words (match case-insensitively)."""

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
ZH_POWERS = {"十": 10, "百": 100, "千": 1000}
ZH_GROUPS = {"万": 10**4, "亿": 10**8}
_ZH_SMALL = "零〇一二两三四五六七八九十百千"
ZH_NUM = f"(?<![\\d.])[{_ZH_SMALL}]+(?:[万亿][{_ZH_SMALL}]*)*"
"""A number in Chinese numerals; 万 and 亿 only after a numeral (``三万``, not ``万``), none
right after digits (the 千 of ``5千克`` is a unit's)."""

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
_DECIMALS = r"(?:(?:\.|·|<middle dot>)\d+)"
DIGIT_NUM = (
    rf"(?<![\d.])\d{{1,3}}(?:,\d{{3}})+{_DECIMALS}?(?!\d|,\d)"
    rf"|(?<![\d.])\d{{1,3}}(?: , \d{{3}})+{_DECIMALS}?(?!\d| , \d)"
    rf"|(?<![\d.,])\d{{1,3}}(?:[\u2009\u202f]\d{{3}})+{_DECIMALS}?(?!\d)"
    r"|(?<![\d.] )(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?= [A-Za-z])"
    rf"|(?<![\d.])\d+{_DECIMALS}?"
    r"|(?<![^\s<>=(（≤≥:：])\.\d+"
)
"""A number in digits, without a multiplier or a power of ten."""
# An exponent has at most two digits (10⁻¹⁵ to 10⁹⁹): ``10**1000000`` is no number of a clinical
# text, and reading it would overflow.
_EXPONENT = r"(?:[ ]?(?:\^|\*\*)[ ]?[-−]?\d{1,2}(?!\d)|[⁻−-]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}(?![⁰¹²³⁴⁵⁶⁷⁸⁹]))"
POWER = rf"(?:(?<![\d.])10{_EXPONENT})"
"""A bare power of ten: ``10⁶``, ``10^6``."""
_TIMES = r"[ ]?[×xX*][ ]?"
_TIMES_POWER = rf"(?:{_TIMES}10{_EXPONENT})"
MULTIPLIERS = {"百万": 6, "千万": 7, "万": 4, "亿": 8, "千": 3, "million": 6, "billion": 9}
_MULTIPLIER = r"(?:百万|千万|[万亿]|千(?![克米卡焦瓦帕])|(?i:million|billion)\b)"
# The look-ahead (a digit, a point, a first letter of a number word, a Chinese numeral) fails
# fast; powers of ten come before plain digits so that ``10⁶`` is read whole.
NUM = (f"(?=[\\d.zZoOtTfFsSeEnNhH{_ZH_SMALL}])(?:(?=[\\d.])(?:{POWER}"
       f"|(?:{DIGIT_NUM})(?:{_TIMES_POWER}|[ \u2009\u202f]?{_MULTIPLIER})?)"
       f"|(?i:{EN_WORD_NUM})(?:\\s+(?i:million|billion)\\b)?|{ZH_NUM})")
"""One number in digits, English words or Chinese numerals (a fragment without groups)."""
FINDING = re.compile(r"\d\s*[%±]|\d\.\d|\bper ?cent\b|\b[Pp]\s*[<=>≤≥]|\bsignificant(?:ly)?\b|"
                     r"差异(?:有|无)?统计学意义|显著")
"""What makes a results sentence a measured finding: a measured number or a test's verdict."""

_NUM_RE = re.compile(NUM)
_POWER_FORM = re.compile(rf"(?:(?P<mantissa>.+?){_TIMES})?10(?P<exponent>{_EXPONENT})")
_MULTIPLIED = re.compile(rf"(?P<core>.+?)\s?(?P<multiplier>{_MULTIPLIER})", re.IGNORECASE)
_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
# 1-2 × 10^6, (1~2)×10⁶: two mantissas sharing one power of ten.
_SHARED_POWER = re.compile(
    r"(?<![\d.,])(\(\s*)?(\d{1,2}(?:\.\d{1,2})?)\s*[-~–～]\s*(\d{1,2}(?:\.\d{1,2})?)(?(1)\s*\))"
    rf"{_TIMES}10(?P<exponent>{_EXPONENT})")
_PERCENT = re.compile(r"[ ]?([%‰])")
_RANGE_GAP = re.compile(r"\s*(?:[-–—~～〜－]|to|至|到)\s*")
_SPREAD_GAP = re.compile(r"\s*(?:±|\+/-|\+/−|\+-)\s*")


@dataclass(frozen=True)
class Number:
    """A number found in a text; ``text[start:end] == self.text``.

    value: after multipliers and powers (12000 for ``1.2万``, 1e12 for ``1×10¹²``, 1000000 for
      ``1×106``); a number whose exponent is gone (``1×10 MSCs/kg``) keeps its mantissa;
    form: ``digits``, ``power`` (``1×10⁶``, ``10⁶``, a lost exponent), ``words`` (English) or
      ``numerals`` (Chinese);
    places: digits written after the decimal point (1 for ``83.3`` and for ``1.2万``);
    power: the power of ten written or implied (6 for ``1×10⁶``, ``1×106`` and ``2 million``;
      4 for ``1.2万``; 0 for ``83.3``); None when an exponent was lost and is unknown;
    unit: ``%`` or ``‰`` written right after the number, else None;
    link: what ties it to the number before it: ``±`` (the spread of ``2.5 ± 0.3``), ``–``
      (the upper end of ``26–57``, ``1 to 2``, ``1~2``), else None;
    lost_exponent: written with an exponent lost in copying (``1×106``, ``1×10 MSCs/kg``).
    """

    value: int | float
    start: int
    end: int
    text: str
    form: str = "digits"
    places: int = 0
    power: int | None = 0
    unit: str | None = None
    link: str | None = None
    lost_exponent: bool = False

    @property
    def spelled(self) -> bool:
        """Written in English words or Chinese numerals rather than digits."""
        return self.form in ("words", "numerals")


def parse_number(text: str) -> int | float:
    """The value of a number ``NUM`` matched: ``"Forty"`` → 40, ``"12<middle dot>4"`` → 12.4,
    ``"一百零五"`` → 105, ``"1.2万"`` → 12000, ``"1×10¹²"`` → 10**12, ``"6 , 528"`` → 6528.
    Raises ValueError for text that is no number."""
    return _read(text)[0]


# Digits a PDF's text layer read as letters: ``2O16``, ``2Ol7``, ``O.OO7``, ``4O例`` (a letter O
# for 0, an l for 1) where the rest of the token is digits; not ``O2`` or ``H2O`` (no digit
# first), nor a trailing ``l`` (``5l``, litres)
_OCR_DIGITS = re.compile(r"(?<![A-Za-z0-9_.])(?:\d[\dOl]*(?:\.[\dOl]+)?|O\.[\dOl]+)(?<!l)"
                         r"(?![A-Za-z0-9_])")
_AS_DIGITS = str.maketrans("Ol", "01")


def ocr_digits(text: str) -> str:
    """``text`` with the letters of digit tokens a PDF conversion misread read as digits
    (``2O16`` → ``2016``); same length, so offsets hold."""
    if "O" not in text and "l" not in text:
        return text
    return _OCR_DIGITS.sub(lambda m: m.group(0).translate(_AS_DIGITS), text)


def find_numbers(text: str) -> list[Number]:
    """Every number of ``text`` in order of position (a range or ``±`` gives two); digits a
    PDF conversion misread as letters (``2O16``) are read, ``text`` slices kept as written."""
    read = ocr_digits(text)
    if read == text:  # (re.sub hands back a copy even when it changed nothing)
        return _find_numbers(text)
    return [replace(n, text=text[n.start:n.end]) for n in _find_numbers(read)]


def _find_numbers(text: str) -> list[Number]:
    found = _shared_powers(text) + _lost_exponents(text) + _spaced_in_math(text)
    taken = bytearray(len(text))  # 1 where a number read with its context already lies
    for n in found:
        taken[n.start:n.end] = b"\x01" * (n.end - n.start)
    for m in _NUM_RE.finditer(text):
        if taken.find(1, m.start(), m.end()) < 0:
            value, form, places, power = _read(m.group(0))
            found.append(Number(value, m.start(), m.end(), m.group(0), form, places, power))
    return _linked(text, sorted(found, key=lambda n: n.start))


def _read(text: str) -> tuple[int | float, str, int, int]:
    """``(value, form, places, power)`` of a number ``NUM`` matched (see ``Number``)."""
    text = text.strip()
    if re.fullmatch(ZH_NUM, text):
        power = 8 if text.endswith("亿") else 4 if text.endswith("万") else 0
        return _parse_zh(text), "numerals", 0, power
    if re.fullmatch(EN_WORD_NUM, text, re.IGNORECASE):
        return _parse_en_words(text.lower()), "words", 0, 0
    if m := _POWER_FORM.fullmatch(text):
        exponent = _exponent(m["exponent"])
        mantissa, places = _digits(m["mantissa"] or "1")
        return _scaled(mantissa, exponent, places), "power", places, exponent
    if m := _MULTIPLIED.fullmatch(text):
        value, form, places, _ = _read(m["core"])
        power = MULTIPLIERS[m["multiplier"].lower()]
        return _scaled(Decimal(str(value)), power, places), form, places, power
    mantissa, places = _digits(text)
    return _scaled(mantissa, 0, places), "digits", places, 0


def _digits(text: str) -> tuple[Decimal, int]:
    """``(value, places)`` of digits with separators: ``"1,234.5"`` → (1234.5, 1)."""
    digits = re.sub(r"[,\s]", "", text.replace("<middle dot>", ".").replace("·", "."))
    if not _PLAIN.fullmatch(digits):
        raise ValueError(f"not a number: {text!r}")
    return Decimal(digits), len(digits.partition(".")[2])


def _exponent(text: str) -> int:
    """``"⁻³"`` → -3, ``"^6"`` → 6, ``" ** 6"`` → 6."""
    return int(re.sub(r"[\s^*]", "", text).translate(SUPERSCRIPT_DIGITS))


def _scaled(mantissa: Decimal, power: int, places: int) -> int | float:
    """``mantissa × 10**power``: an int when whole and written without decimals or scaled up
    (``1.2万`` → 12000), else a float (``12.0`` → 12.0)."""
    value = mantissa.scaleb(power)
    if value == value.to_integral_value() and (places == 0 or power > 0):
        return int(value)
    return float(value)


def _parse_en_words(text: str) -> int:
    """``"one hundred and twenty-two"`` → 122; ``"Three thousand ten"`` → 3010."""
    thousands, current = 0, 0
    for word in re.split(r"[\s,-]+", text):
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            thousands, current = current * 1000, 0
        elif word != "and":
            current += EN_WORDS[word]
    return thousands + current


def _parse_zh(text: str) -> int:
    """``"二十九"`` → 29, ``"十二"`` → 12, ``"一百零五"`` → 105, ``"一万二千"`` → 12000,
    ``"二〇一九"`` → 2019."""
    if not any(c in ZH_POWERS or c in ZH_GROUPS for c in text):
        return int("".join(str(ZH_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in ZH_DIGITS:
            digit = ZH_DIGITS[c]
        elif c in ZH_POWERS:
            section += (1 if digit is None else digit) * ZH_POWERS[c]
            digit = None
        elif c == "万":
            total += (section + (digit or 0)) * ZH_GROUPS[c]
            section, digit = 0, None
        else:  # 亿 scales everything before it
            total = (total + section + (digit or 0)) * ZH_GROUPS[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def _shared_powers(text: str) -> list[Number]:
    """``1-2 × 10^6`` and ``(1~2)×10⁶``: both ends of the range read with the power."""
    out = []
    for m in _SHARED_POWER.finditer(text):
        exponent = _exponent(m["exponent"])
        for group, link in ((2, None), (3, "–")):
            mantissa, places = _digits(m.group(group))
            end = m.end(group) if group == 2 else m.end()
            out.append(Number(_scaled(mantissa, exponent, places), m.start(group), end,
                              text[m.start(group):end], "power", places, exponent, link=link))
    return out


_SPACED = re.compile(r"(?<![\d.])\d(?: ?[.,·] ?\d| \d)+(?![\d.])")


def _spaced_in_math(text: str) -> list[Number]:
    """``0 . 0 5`` inside ``$…$`` as 0.05, ``6 0`` as 60."""
    out = []
    for math in MATH.finditer(text):
        for m in _SPACED.finditer(text, math.start(), math.end()):
            joined = m.group(0).replace(" ", "").replace("·", ".")
            if not _PLAIN.fullmatch(re.sub(",", "", joined)):
                continue  # "1 . 2 . 3": a section number or a version, no one number
            mantissa, places = _digits(joined)
            out.append(Number(_scaled(mantissa, 0, places), m.start(), m.end(), m.group(0),
                              "digits", places, 0))
    return out


def _lost_exponents(text: str) -> list[Number]:
    """``1×106`` (read as 1×10⁶) and ``1×10 MSCs/kg`` (exponent unknown: the mantissa)."""
    out = []
    for lost in find_lost_exponents(text):
        mantissa, places = _digits(re.match(r"\d+(?:\.\d+)?", lost.text).group(0))
        value = _scaled(mantissa, lost.exponent or 0, places)
        out.append(Number(value, lost.start, lost.end, lost.text, "power", places,
                          lost.exponent, lost_exponent=True))
    return out


def _linked(text: str, numbers: list[Number]) -> list[Number]:
    """Numbers with their ``unit`` (a following %) and ``link`` (± or a range) filled in; the
    lower end of a range takes the upper end's multiplier (``3 to 5 million``, ``3~5万``)."""
    out: list[Number] = []
    for n in numbers:
        percent = _PERCENT.match(text, n.end)
        link = n.link
        if out and link is None:
            prev = out[-1]
            after = _PERCENT.match(text, prev.end)
            gap = text[after.end() if after else prev.end:n.start]
            link = "±" if _SPREAD_GAP.fullmatch(gap) else "–" if _RANGE_GAP.fullmatch(gap) \
                else None
            if link == "–" and _shares_multiplier(prev, n):
                out[-1] = replace(prev, value=_scaled(Decimal(str(prev.value)), n.power,
                                                      prev.places), power=n.power)
        out.append(replace(n, unit=percent.group(1) if percent else None, link=link))
    return out


def _shares_multiplier(low: Number, high: Number) -> bool:
    """True when ``high`` is multiplied (``5 million``, ``5万``) and ``low`` is a plain number
    that, multiplied the same way, is no larger: ``3 to 5 million`` (not ``500 to 2 million``)."""
    if high.form not in ("digits", "words") or not high.power or high.power < 0:
        return False
    if low.form not in ("digits", "words") or low.power != 0 or low.unit:
        return False
    return low.value * 10**high.power <= high.value
