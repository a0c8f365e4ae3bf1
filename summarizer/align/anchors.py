"""Language-independent anchors between English and Chinese text: numbers with units, Latin
tokens (acronyms, drug codes, registry ids) and lengths.

Numbers are read by the text layer (``summarizer.text.numbers``) and normalized across
languages: ``40例`` and ``40 patients`` are both 40 people, ``1.2万`` is 12,000, ``83.3%`` and
``83.3 %`` are the same percent, ``1×10⁶`` and ``1×106`` are 1,000,000, ``Twenty-nine`` and
``二十九例`` are 29; fullwidth digits and Moses-tokenized ``1 @,@ 000`` and ``1 , 000`` are read
as plain digits.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from summarizer.text.numbers import Number as TextNumber
from summarizer.text.numbers import find_numbers as read_numbers

_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {
    "％": "%", "．": ".", "，": ",", "×": "×", "－": "-", "−": "-", "＋": "+", "～": "~",
    "〜": "~", "＜": "<", "＞": ">", "＝": "=",
})
# A unit right after a number (``40例``, ``83.3 %``, ``5 mg``); English unit words are read apart.
_UNIT_RE = re.compile(
    r"\s*(?P<unit>%|‰|例|名|人|位|只|毫克|微克|千克|公斤|克(?![隆服])|毫升|升(?![高至])|厘米|毫米|分钟"
    r"|年|岁|个月|月|周|天|日|小时|h\b|min\b|mg|μg|µg|mcg|g\b|kg|ml|mL|L\b|mmol|mmHg|cm|mm\b"
    r"|次|组|项|篇)")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PHASE_RE = re.compile(r"(?<![A-Za-z])(?:(IV|I{1,3})(?=\s?期)|(?<=[Pp]hase )(IV|I{1,3})\b)")
# Chinese numerals count only before a classifier (not the 一 of 一致 or 统一).
_ZH_CLASSIFIER = "例名组个次年周月天项种位只期"
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
    "小时": "hours", "h": "hours", "hours": "hours", "hour": "hours",
    "分钟": "minutes", "min": "minutes", "minutes": "minutes", "minute": "minutes",
    # measures: one class per unit, the same in both languages
    "mg": "mg", "毫克": "mg", "μg": "μg", "µg": "μg", "mcg": "μg", "微克": "μg", "g": "g",
    "克": "g", "grams": "g", "kg": "kg", "千克": "kg", "公斤": "kg", "ml": "mL", "mL": "mL",
    "毫升": "mL", "L": "L", "升": "L", "liters": "L", "litres": "L", "cm": "cm", "厘米": "cm",
    "mm": "mm", "毫米": "mm",
}
# What a unit class measures: two classes of one dimension on one number are a unit slip
# (``3 months`` / ``3周``, ``5 mg`` / ``5克``); ages are years.
DIMENSION = {
    "mg": "mass", "μg": "mass", "g": "mass", "kg": "mass", "mL": "volume", "L": "volume",
    "cm": "length", "mm": "length", "minutes": "time", "hours": "time", "days": "time",
    "weeks": "time", "months": "time", "years": "time", "age": "time",
    "percent": "share", "permille": "share", "people": "count",
}
_EN_UNIT_RE = re.compile(r"\s*(?:-\s*)?([a-z]+)", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b")
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                          "sep", "oct", "nov", "dec"], start=1)}
# Month names (any case: lower-cased corpora write "october 30 , 2016"; a PDF conversion glues
# "January2013"); "May", also a verb, only before a year (``May 2016``, ``May 5, 2016``).
_MONTH_RE = re.compile(r"\b(?:january|february|march|april|june|july|august|september|"
                       r"october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|"
                       r"nov|dec)\.)(?=[\s,.;)\d]|$)"
                       r"|\bmay(?=\s*,?\s*(?:\d{1,2}\s*,?\s*)?(?:19|20)\d\d\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number found in text. value: float after multipliers and exponents; unit: a class
    from UNIT_CLASS ('percent', 'people', ...) or a literal unit (``mg``), or None.
    lost_exponent: written ``×10`` with no exponent (``1×10 MSCs/kg``; ``1×106``, whose
    exponent is only unsuperscripted, is read as 1,000,000 and not flagged).
    spelled: written in words or numerals (``six``, 六例, ``II 期``) rather than digits.
    power: the power of ten a multiplier or exponent gave it (9 for ``88.5 billion``, 8 for
    ``885亿``, 0 for plain digits)."""

    value: float
    unit: str | None
    text: str
    start: int
    end: int
    lost_exponent: bool = False
    spelled: bool = False
    power: int = 0

    @property
    def key(self) -> str:
        """The value as a short canonical string (``83.3``, ``1e+06``)."""
        return f"{self.value:.6g}"


def normalize_digits(text: str) -> str:
    """Fullwidth digits and signs to ASCII, HTML character references decoded (``&#91;`` is
    ``[``, not the number 91), Moses ``@,@``/``@.@``/``@-@`` joined; same length kept where
    possible so offsets stay close (only references and Moses markers change length)."""
    text = text.translate(_FULLWIDTH)
    if "&" in text:
        text = html.unescape(text)
    text = text.replace(" @-@ ", "-")
    return re.sub(r"(\d) @([,.])@ (\d)", r"\1\2\3", text)


def find_numbers(text: str) -> list[Number]:
    """All numbers in ``text`` (either language), with value, unit class and offsets into the
    digit-normalized text: the text layer's numbers (``summarizer.text.numbers``) that are no
    part of a Latin token (``CD34``) and, for Chinese numerals, stand before a classifier,
    plus phases written in Roman numerals (``II 期``)."""
    text = normalize_digits(text)
    out = [_anchor(text, n) for n in read_numbers(text) if _is_anchor(text, n)]
    for m in _PHASE_RE.finditer(text):
        out.append(Number(float(_ROMAN[m.group(1) or m.group(2)]), None, m.group(0), m.start(),
                          m.end(), spelled=True))
    for m in re.finditer(r"\b(?:[Bb]oth|[Tt]wice|[Tt]hrice)\b", text):  # "Both patients" meets
        value = 3.0 if m.group(0).lower() == "thrice" else 2.0  # "2例患者", "twice" "2 倍"
        out.append(Number(value, None, m.group(0), m.start(), m.end(), spelled=True))
    for m in _MONTH_RE.finditer(text):  # "15 February 2013" meets "2013年2月15日"
        out.append(Number(float(_MONTHS[m.group(0)[:3].lower()]), "month-of-year", m.group(0),
                          m.start(), m.end(), spelled=True))
    return sorted(out, key=lambda n: n.start)


def _is_anchor(text: str, n: TextNumber) -> bool:
    """Chinese numerals before a classifier (``六例``, not the 一 of ``一致``) or in a fraction
    (``二十分之一``); words; digits not part of a name: glued to a Latin token (``CD34``,
    ``NCT03171194``, ``4A`` of ``NS3/4A``; a unit or an ordinal suffix may follow: ``5mg``,
    ``4th``) or hyphenated to one (``COVID-19``, ``IL-6``; not ``4th-8th``)."""
    before = text[n.start - 1] if n.start else ""
    if n.form == "numerals":
        return (n.end < len(text) and text[n.end] in _ZH_CLASSIFIER) or \
            text.startswith("分之", n.end) or text.endswith("分之", 0, n.start)
    if re.search(r"[A-Za-z]-$", text[max(0, n.start - 2):n.start]) and \
            not re.search(r"\d(?:st|nd|rd|th)-$", text[max(0, n.start - 4):n.start]):
        return False
    if n.spelled:
        return True
    return not (before.isascii() and before.isalnum()) and not _glued_after(text, n.end)


def _glued_after(text: str, end: int) -> bool:
    """True when Latin letters follow the digits directly and are no unit, ordinal suffix or
    times sign (``4A``, ``3D``; not ``5mg``, ``4th``, ``2x``)."""
    m = re.match(r"[A-Za-z]+", text[end:end + 12])
    if not m:
        return False
    word = m.group(0)
    return not (_UNIT_RE.match(text, end) or _ORDINAL_RE.match(text, end)
                or word.lower() in UNIT_CLASS or word in ("x", "X"))


def _anchor(text: str, n: TextNumber) -> Number:
    """An anchor from a number: its unit class from a unit written right after it (kept in its
    text: ``40例``, ``83.3%``) or an English unit word (``40 patients``)."""
    m = _UNIT_RE.match(text, n.end)
    end = m.end() if m else n.end
    unit = m["unit"] if m else _english_unit(text, n.end)
    # an ordinal (4th) is matched like a number but, like a word, not flagged when the other
    # side writes it in words (第四届)
    ordinal = _ORDINAL_RE.match(text, n.end) is not None
    return Number(float(n.value), UNIT_CLASS.get(unit, unit) if unit else None,
                  text[n.start:end].strip(), n.start, end,
                  lost_exponent=n.lost_exponent and n.power is None,
                  spelled=n.spelled or ordinal, power=n.power or 0)


def _english_unit(text: str, end: int) -> str | None:
    m = _EN_UNIT_RE.match(text, end)
    if m and m.group(1).lower() in UNIT_CLASS:
        return m.group(1).lower()
    return None


@functools.lru_cache(maxsize=4096)
def number_keys(text: str) -> frozenset[str]:
    """The canonical number values in ``text`` (units ignored). Cached, bounded: the aligner
    asks for every sentence and run of sentences twice (plausible runs, then the path)."""
    return frozenset(n.key for n in find_numbers(text))


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
