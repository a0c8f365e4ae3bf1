"""Language-independent anchors between English and Chinese text: numbers with units, Latin
tokens (acronyms, drug codes, registry ids) and lengths.

Numbers are normalized across languages: ``40例`` and ``40 patients`` are both 40 people,
``1.2万`` is 12,000, ``83.3%`` and ``83.3 %`` are the same percent, ``1×10⁶`` is 1,000,000,
fullwidth digits and Moses-tokenized ``1 @,@ 000`` are read as plain digits.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {
    "％": "%", "．": ".", "，": ",", "×": "×", "－": "-", "−": "-", "＋": "+", "～": "~",
    "〜": "~", "＜": "<", "＞": ">", "＝": "=",
})
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|(?<![^\s<>=(])\.\d+)"
    r"(?P<sci>\s*[×xX*]\s*10(?:\s*(?:\^|\*\*)\s*|(?=[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]))"
    r"(?P<exp>[-−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+))?"
    r"(?P<lost>\s*[×xX*]\s*10(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹^]))?"
    r"\s*(?P<mult>[万亿千])?"
    r"\s*(?P<unit>%|‰|例|名|人|位|只|年|岁|个月|月|周|天|日|小时|h\b|mg|μg|g\b|kg|ml|mL|L\b"
    r"|mmol|mmHg|cm|mm|次|组|项|篇)?"
)
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3}
_EN_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())} | {
    w: 10 * i for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
_EN_WORD_RE = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.IGNORECASE)
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PHASE_RE = re.compile(r"(?<![A-Za-z])(?:(IV|I{1,3})(?=\s?期)|(?<=[Pp]hase )(IV|I{1,3})\b)")
_ZH_NUMERAL_RE = re.compile(r"([一二两三四五六七八九十]{1,3})(?=[例名组个次年周月天项种位只期])")
# unit classes: what a number counts, compared across languages
UNIT_CLASS = {
    "%": "percent", "‰": "permille",
    "例": "people", "名": "people", "人": "people", "位": "people",
    "patients": "people", "patient": "people", "cases": "people", "participants": "people",
    "subjects": "people", "women": "people", "men": "people", "children": "people",
    "people": "people", "persons": "people", "adults": "people", "infants": "people",
    "年": "years", "years": "years", "year": "years", "岁": "age", "个月": "months",
    "月": "months", "months": "months", "month": "months", "周": "weeks", "weeks": "weeks",
    "week": "weeks", "天": "days", "日": "days", "days": "days", "day": "days",
    "小时": "hours", "h": "hours", "hours": "hours",
}
_EN_UNIT_RE = re.compile(r"\s*(?:-\s*)?([a-z]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number found in text. value: float after multipliers and exponents; unit: a class
    from UNIT_CLASS ('percent', 'people', ...) or a literal unit (``mg``), or None.
    lost_exponent: written ``×10`` with no exponent (``1×10 MSCs/kg``).
    spelled: written in words or numerals (``six``, 六例, ``II 期``) rather than digits."""

    value: float
    unit: str | None
    text: str
    start: int
    end: int
    lost_exponent: bool = False
    spelled: bool = False

    @property
    def key(self) -> str:
        """The value as a short canonical string (``83.3``, ``1e+06``)."""
        return f"{self.value:.6g}"


def normalize_digits(text: str) -> str:
    """Fullwidth digits and signs to ASCII, Moses ``@,@``/``@.@`` joined; same length kept
    where possible so offsets stay close (only the Moses markers change length)."""
    text = text.translate(_FULLWIDTH)
    return re.sub(r"(\d) @([,.])@ (\d)", r"\1\2\3", text)


def find_numbers(text: str) -> list[Number]:
    """All numbers in ``text`` (either language), with value, unit class and offsets into the
    digit-normalized text."""
    text = normalize_digits(text)
    out = []
    for m in NUMBER_RE.finditer(text):
        value = float(m["num"].replace(",", ""))
        if m["exp"]:
            value *= 10.0 ** int(m["exp"].translate(_SUPERSCRIPT).replace("−", "-"))
        if m["mult"]:
            value *= _MULT[m["mult"]]
        unit = m["unit"] or _english_unit(text, m.end())
        out.append(Number(value, UNIT_CLASS.get(unit, unit) if unit else None, m.group(0).strip(),
                          m.start(), m.end(), lost_exponent=bool(m["lost"])))
    out += _word_numbers(text)
    return sorted(out, key=lambda n: n.start)


def _english_unit(text: str, end: int) -> str | None:
    m = _EN_UNIT_RE.match(text, end)
    if m and m.group(1).lower() in UNIT_CLASS:
        return m.group(1).lower()
    return None


def _word_numbers(text: str) -> list[Number]:
    """Numbers written as words: English ``six``, Chinese ``六例``/``三组``, phases ``II 期``."""
    out = []
    for m in _EN_WORD_RE.finditer(text):
        unit = _english_unit(text, m.end())
        out.append(Number(float(_EN_WORDS[m.group(1).lower()]), UNIT_CLASS.get(unit or ""),
                          m.group(0), m.start(), m.end(), spelled=True))
    for m in _ZH_NUMERAL_RE.finditer(text):
        value = _zh_value(m.group(1))
        if value is not None:
            unit = text[m.end()] if m.end() < len(text) else None
            out.append(Number(float(value), UNIT_CLASS.get(unit or ""), m.group(0), m.start(),
                              m.end(), spelled=True))
    for m in _PHASE_RE.finditer(text):
        out.append(Number(float(_ROMAN[m.group(1) or m.group(2)]), None, m.group(0), m.start(),
                          m.end(), spelled=True))
    return out


def _zh_value(numeral: str) -> int | None:
    """一..九十九 written in Chinese numerals -> int (None when not a plain numeral)."""
    if "十" not in numeral:
        return _ZH_DIGITS[numeral] if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)


def number_keys(text: str) -> Counter[str]:
    """Multiset of canonical number values in ``text`` (units ignored)."""
    return Counter(n.key for n in find_numbers(text))


_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*")
_ACRONYM_RE = re.compile(r"\b(?:[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\b")


def latin_tokens(text: str) -> set[str]:
    """Lower-cased Latin-letter tokens of Chinese text (acronyms, drug codes, ids, names)."""
    return {t.lower() for t in _LATIN_RE.findall(text)}


def english_acronyms(text: str) -> set[str]:
    """Lower-cased acronyms and codes of English text (``SRI-4``, ``NCT03171194``, ``ITP``):
    tokens with two or more capitals or a capital and a digit."""
    return {t.lower() for t in _ACRONYM_RE.findall(text)}


def english_words(text: str) -> set[str]:
    """Lower-cased Latin tokens of English text, for matching the Chinese side's tokens."""
    return {t.lower() for t in _LATIN_RE.findall(text)}
