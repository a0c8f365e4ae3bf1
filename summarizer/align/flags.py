"""QA flags on aligned beads, each with the evidence a reviewer needs.

- ``omission`` / ``addition``: an English (Chinese) sentence with no counterpart, or a
  low-confidence or many-sentence bead whose Chinese side is much shorter (longer) than the
  document's ratio (a sentence left out next to a translated one is joined to its bead).
- ``number-mismatch``: numbers in digits on one side that the other side lacks (numbers in
  words count as matches, not as mismatches), or shared numbers with another unit.
- ``lost-exponent``: ``1×10 MSCs/kg`` (an exponent lost in copying).
- ``untranslated``: English words left on the Chinese side beyond names and acronyms.
- ``term-inconsistency``: one English term rendered differently across the document
  (renderings from the packaged glossary plus CC-CEDICT).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict

import numpy as np

from summarizer.align.aligner import TokenSupport
from summarizer.align.anchors import DIMENSION, Number, find_numbers, normalize_digits
from summarizer.schema import Bead, Flag
from summarizer.text.lexicon import glossary_terms, zh_renderings
from summarizer.text.literal import occurrences
from summarizer.text.script import HAN_CHARS, count_han

LOW_CONFIDENCE = 0.5
LENGTH_SKEW = 0.45  # |log(zh/en chars / document ratio)| above this makes a weak bead a gap
# An English sentence absorbed into its neighbour's bead (n English : fewer Chinese) shows a
# smaller shortfall: the deleted sentence is one of several.
MERGED_SKEW = 0.2
# An English sentence whose tokens the bead's Chinese matches hardly better than a typical
# Chinese sentence of the document does (``member_support``) is left out. Calibrated on clean
# beads: about the 0.7th percentile of translated sentences' support on WMT dev (0.7% of
# them fall below); ParaMed dev is not used to set it.
MEMBER_OMISSION = 0.02
# Weakly supported (below this) and two or more English numbers the Chinese lacks: the
# Chinese is another sentence's translation. No clean bead of WMT dev is this weak with two
# numbers missing; ParaMed dev is not used to set it.
NUMBERED_OMISSION = 0.08
_EN_WORD_RE = re.compile(r"\b[a-z]{3,}\b")


def add_flags(beads: list[Bead], en: list[str], zh: list[str],
              support: TokenSupport | None = None) -> None:
    """Attach QA flags to ``beads`` in place; ``en``/``zh`` are the sentence texts;
    ``support``: the token support of the sentences (``aligner.token_support``), when known,
    finds English sentences that a bead holds but its Chinese does not translate."""
    ratio = _doc_ratio(beads, en, zh)
    context = (Counter(n.key for t in en for n in find_numbers(t)),
               Counter(n.key for t in zh for n in find_numbers(t)))
    for bead in beads:
        en_text = " ".join(en[i] for i in bead.en)
        zh_text = "".join(zh[j] for j in bead.zh)
        gaps = gap_flags(bead, en_text, zh_text, ratio)
        if support is not None and not gaps:
            gaps = unsupported_flags(bead, en, support) or numbered_gap_flags(bead, en, zh,
                                                                              support)
        bead.flags.extend(gaps)
        if bead.en and bead.zh:
            bead.flags.extend(number_flags(en_text, zh_text, context))
            bead.flags.extend(negation_flags(en_text, zh_text))
        bead.flags.extend(lost_exponent_flags(en_text, "en") + lost_exponent_flags(zh_text, "zh"))
        bead.flags.extend(untranslated_flags(zh_text))
    for index, flag in term_flags(beads, en, zh):
        beads[index].flags.append(flag)


def _chars(text: str) -> int:
    return len("".join(text.split()))


def _doc_ratio(beads: list[Bead], en: list[str], zh: list[str]) -> float:
    """Chinese characters per English character: the median over beads with both sides
    (robust to the very omissions it helps find)."""
    ratios = [(sum(_chars(zh[j]) for j in b.zh) + 1.0) / (sum(_chars(en[i]) for i in b.en) + 1.0)
              for b in beads if b.en and b.zh]
    if not ratios:
        return (sum(map(_chars, zh)) + 1.0) / (sum(map(_chars, en)) + 1.0)
    return float(sorted(ratios)[len(ratios) // 2])


def gap_flags(bead: Bead, en_text: str, zh_text: str, ratio: float) -> list[Flag]:
    """Omission/addition: an empty side, or a weak bead (low confidence, or joining several
    sentences) whose Chinese side is much shorter or longer than the document's ratio."""
    if not bead.zh:
        return [Flag("omission", "English sentence has no Chinese counterpart",
                     {"en": bead.en, "text": en_text})]
    if not bead.en:
        return [Flag("addition", "Chinese sentence has no English counterpart",
                     {"zh": bead.zh, "text": zh_text})]
    merged = len(bead.en) + len(bead.zh) > 2
    if bead.score >= LOW_CONFIDENCE and not merged:
        return []
    skew = math.log((_chars(zh_text) + 1.0) / ((_chars(en_text) + 1.0) * ratio))
    evidence = {"confidence": round(bead.score, 3), "length_skew": round(skew, 3)}
    if skew < -(MERGED_SKEW if len(bead.en) > len(bead.zh) else LENGTH_SKEW):
        return [Flag("omission", "Chinese side is much shorter than its English; content may "
                     "be missing", evidence)]
    if skew > LENGTH_SKEW:
        return [Flag("addition", "Chinese side is much longer than its English; content may "
                     "be added", evidence)]
    if merged:
        return []
    return [Flag("omission", "low-confidence pair: check that the sentences match", evidence)]


def member_support(support: TokenSupport, i: int, zh_run: list[int]) -> float:
    """How much better English sentence ``i`` is matched by the Chinese sentences ``zh_run``
    than by a typical sentence of the document: the mean over its tokens of their best cosine
    with a token of the run, minus the median over the document's Chinese sentences of the
    same mean for each sentence alone. A translated sentence scores well above 0; a sentence
    the Chinese leaves out scores near 0."""
    best = support.en[i].astype(np.float32)  # (tokens, Chinese sentences)
    typical = float(np.median(best.mean(axis=0)))
    return float(best[:, zh_run].max(axis=1).mean()) - typical


def unsupported_flags(bead: Bead, en: list[str], support: TokenSupport) -> list[Flag]:
    """``omission``: an English sentence of a bead that the bead's Chinese does not translate
    (its support, ``member_support``, below ``MEMBER_OMISSION``): a sentence whose translation
    was deleted and that the aligner joined to a neighbour's bead, or paired with the wrong
    Chinese sentence."""
    if not bead.zh or len(support.en) != len(en):
        return []
    weak = [(i, member_support(support, i, bead.zh)) for i in bead.en]
    weak = [(i, s) for i, s in weak if s < MEMBER_OMISSION]
    if not weak:
        return []
    i, score = min(weak, key=lambda x: x[1])
    return [Flag("omission", f"English sentence {i + 1} is not translated in this Chinese "
                 "(it may have been left out): check it", {"en": [i], "support": round(score, 3),
                                                          "text": en[i]})]


def numbered_gap_flags(bead: Bead, en: list[str], zh: list[str],
                       support: TokenSupport) -> list[Flag]:
    """``omission``: its translation was left out and a neighbour's took its place. Either an
    English sentence with two or more numbers (in digits) that the bead's Chinese does not
    hold, and whose tokens it matches weakly (``member_support`` below ``NUMBERED_OMISSION``)
    or, in a bead of several English sentences, none of whose numbers it holds while it holds
    another sentence's; or, in such a bead, a sentence none of whose own numbers (those no
    other sentence of the bead gives) the Chinese holds while it holds another's own."""
    if not bead.zh or len(support.en) != len(en):
        return []
    zh_numbers = [n for j in bead.zh for n in find_numbers(zh[j])]
    zh_keys = {n.key for n in zh_numbers if not n.spelled}
    numbers = {i: [n for n in find_numbers(en[i]) if not n.spelled] for i in bead.en}
    found = {i for i, ns in numbers.items() if any(n.key in zh_keys for n in ns)}
    own = _own_numbers(numbers)
    # sentences some of whose own numbers the Chinese holds (in digits or in words)
    held = {i for i in bead.en if own[i] & {n.key for n in zh_numbers}}
    for i in bead.en:
        missing = sorted({n.text for n in numbers[i] if n.key not in zh_keys})
        score = member_support(support, i, bead.zh)
        # none of its numbers where another sentence of the bead has its own: the Chinese
        # translates that one, however close in topic this one is; numbers the sentences
        # share (a 95% CI, a follow-up year) tell nothing about which one it translates
        unmatched = i not in found and bool(found - {i})
        displaced = bool(own[i]) and i not in held and bool(held - {i})
        if displaced or len(missing) >= 2 and (score < NUMBERED_OMISSION or unmatched):
            return [Flag("omission", f"English sentence {i + 1} gives {', '.join(missing[:4])}, "
                         "which this Chinese does not: its translation may have been left out; "
                         "check it", {"en": [i], "support": round(score, 3), "text": en[i]})]
    return []


def _own_numbers(numbers: dict[int, list[Number]]) -> dict[int, set[str]]:
    """Each sentence's number keys that no other sentence of ``numbers`` gives."""
    counts = Counter(key for ns in numbers.values() for key in {n.key for n in ns})
    return {i: {n.key for n in ns if counts[n.key] == 1} for i, ns in numbers.items()}


def number_flags(en_text: str, zh_text: str,
                 context: tuple[Counter[str], Counter[str]] | None = None) -> list[Flag]:
    """Numbers present on one side only (by value), and shared values with different units
    (``unit_flags``). ``context``: the number keys of the whole English and Chinese documents.

    A number on one side only is no mismatch when it is the same quantity written another way:
    spelled out on its side (``Fifty-one``, ``第四届``), part of a name the other side writes
    (``homolog 2`` / ``EZH2``), the same digits at another scale (``99.4 billion`` / ``994亿``), a
    duration in another unit (``59 months`` / ``5岁``), a year only one side states (``2020年``
    added as context; a year changed on both sides still counts), or a count of people the
    other language states elsewhere in the document or adds up in the bead (``39例`` /
    ``7 … 8 … 24 cases``). A percentage on one side only that the bead's counts give (``6例
    （54%）`` / ``6 of 11 cases``), or counts on one side only whose percentage the other side
    gives, make the milder ``count-vs-percent``."""
    zh_text = _EXPANSION_RE.sub(" ", zh_text)  # an English gloss repeats the term's numbers
    en_nums, zh_nums = find_numbers(en_text), find_numbers(zh_text)
    en_keys, zh_keys = Counter(n.key for n in en_nums), Counter(n.key for n in zh_nums)
    en_only = [n for n in _only(en_nums, en_keys - zh_keys) if not n.spelled
               and not _repeated_p(n, en_text, zh_keys)]
    zh_only = [n for n in _only(zh_nums, zh_keys - en_keys) if not n.spelled
               and not _repeated_p(n, zh_text, en_keys)]
    en_only, zh_only = _same_quantities(en_only, zh_only, en_nums + zh_nums)
    substituted = bool(en_only and zh_only)
    en_only, zh_only = _without_citations(en_only, zh_only, en_text, zh_text)
    # "one" is often an article or "once" in the other language (``1 次``, ``a cycle``),
    # unless a number of the other side is missing too
    if not substituted:
        en_only = [n for n in en_only if not _is_one(n)]
        zh_only = [n for n in zh_only if not _is_one(n)]
    # a number added on one side only may be explained by the other; a substituted one not
    if not zh_only:
        en_only = _unexplained(en_only, zh_text, zh_nums, context[1] if context else Counter())
    if not en_only:
        zh_only = _unexplained(zh_only, en_text, en_nums, context[0] if context else Counter())
    if not any(_is_year(n) for n in en_only) or not any(_is_year(n) for n in zh_only):
        en_only = [n for n in en_only if not _is_year(n)]
        zh_only = [n for n in zh_only if not _is_year(n)]
    everything = en_nums + zh_nums
    # a share or count added on one side only (not two percentages that differ)
    one_sided = en_only if not zh_only else zh_only if not en_only else []
    derived = [n for n in one_sided if _derived(n, everything)]
    en_only = [n for n in en_only if n not in derived]
    zh_only = [n for n in zh_only if n not in derived]
    codes = code_mismatches(en_text, zh_text)
    en_only += [Number(0.0, None, e, 0, 0) for e, _ in codes]
    zh_only += [Number(0.0, None, z, 0, 0) for _, z in codes]
    flags = []
    if en_only or zh_only:
        listed = f"{_texts(en_only) or '-'} (English) vs {_texts(zh_only) or '-'} (Chinese)"
        flags.append(Flag("number-mismatch", f"numbers differ: {listed}; check each number "
                          "against the source", {"en_only": [n.text for n in en_only],
                                                 "zh_only": [n.text for n in zh_only]}))
    elif derived:
        flags.append(Flag("count-vs-percent", f"{_texts(derived)} given on one side only, as "
                          "a count where the other gives its percentage (or the reverse): "
                          "check they agree", {"numbers": [n.text for n in derived]}))
    return flags + unit_flags(en_nums, zh_nums)


# A p value's threshold before its number: "P < 0.05", "$( P { < } 0 . 0 5 )$", "P=0.002"
_P_BEFORE = re.compile(r"\b[Pp]\s*[{}\s]*[<>=≤≥][{}\s]*$")


def _repeated_p(n: Number, text: str, other: Counter[str]) -> bool:
    """Whether ``n`` is one more copy of a p value the other side gives too: Chinese abstracts
    often give ``(P<0.05)`` after each comparison that English gives once."""
    return other[n.key] > 0 and bool(_P_BEFORE.search(normalize_digits(text)[:n.start]))


_DASHES = "-/\u2010-\u2015\uf02d"  # hyphens, dashes, a symbol-font hyphen
_CODE_RE = re.compile(rf"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[{_DASHES}][A-Za-z0-9]+)*")


def code_mismatches(en_text: str, zh_text: str) -> list[tuple[str, str]]:
    """Codes with letters and digits (genes, proteins, drug codes: ``NS3/4A``, ``V130-S137``)
    that the two sides write with the same letters but other digits: (English, Chinese)."""
    def codes(text: str) -> Counter[str]:
        return Counter(c for c in _CODE_RE.findall(text)
                       if re.search(r"[A-Za-z]", c) and re.search(r"\d", c))

    en_codes, zh_codes = codes(en_text), codes(zh_text)
    en_extra, zh_extra = en_codes - zh_codes, zh_codes - en_codes
    out = []
    for en_code in en_extra.elements():
        shape = re.sub(r"\d+", "#", _code_key(en_code))
        twin = next((z for z in zh_extra.elements()
                     if re.sub(r"\d+", "#", _code_key(z)) == shape), None)
        if twin is not None:
            out.append((en_code, twin))
            zh_extra[twin] -= 1
    return out


def _code_key(code: str) -> str:
    return re.sub(f"[{_DASHES}]", "", code.lower())


# Reference citations: digits glued to the end of an English word or sentence (``africa.1``,
# ``patients.3,4``, ``carcinoma11-13``, `` .19`` at the end), and a Chinese list of small
# numbers after a word and before a clause ends (``最高 1 。``, ``引起 3 , 4 。``).
_CITE_LIST = r"\d{1,3}(?:\s*[,，\-–~～]\s*\d{1,3})*"
_EN_CITATION = re.compile(rf"(?:(?<=[a-z)\]%])\.?|(?<=\s)\.)({_CITE_LIST})(?=\s|[,;:]|$)")
_ZH_CITATION = re.compile(rf"(?<=[{HAN_CHARS}）)\]])\s*({_CITE_LIST})\s*(?=[。；，,;]|\s*$)")


def _citations(text: str, pattern: re.Pattern) -> Counter[str]:
    """The numbers of the reference citations of ``text``, as keys."""
    out: Counter[str] = Counter()
    for m in pattern.finditer(normalize_digits(text)):
        ends = [int(x) for x in re.findall(r"\d+", m.group(1))]
        ranged = re.search(r"[-–~～]", m.group(1)) is not None
        if ranged and len(ends) == 2 and ends[0] < ends[1] <= ends[0] + 30:
            ends = list(range(ends[0], ends[1] + 1))
        out.update(f"{float(x):.6g}" for x in ends)
    return out


def _without_citations(en_only: list[Number], zh_only: list[Number], en_text: str,
                       zh_text: str) -> tuple[list[Number], list[Number]]:
    """Leave out unmatched numbers that are reference citations: a citation is no number of
    the text, and one side often drops or moves them. When both sides cite, their citations
    must agree (the rest is left to be flagged)."""
    en_cites, zh_cites = _citations(en_text, _EN_CITATION), _citations(zh_text, _ZH_CITATION)
    if en_cites and zh_cites:
        en_cites, zh_cites = en_cites & zh_cites, zh_cites & en_cites
    return ([n for n in en_only if not _take(en_cites, _cite_key(n))],
            [n for n in zh_only if not _take(zh_cites, _cite_key(n))])


def _is_one(n: Number) -> bool:
    """A plain 1 (``1``, ``1 次``, ``1 g``), not 1% or ``1×10``."""
    return n.unit != "percent" and re.sub(r"[^\d.×x^]+$", "", n.text) == "1"


def _cite_key(n: Number) -> str:
    """The key of a number as a citation: `` .19`` closing a sentence cites 19, not 0.19."""
    digits = n.text.lstrip(".")
    return f"{float(digits):.6g}" if n.text.startswith(".") and digits.isdigit() else n.key


def _take(counter: Counter[str], key: str) -> bool:
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _texts(numbers: list[Number]) -> str:
    """The numbers as written, a formula's spaced-out digits closed up (``1 4 . 8 1``)."""
    return ", ".join(re.sub(r"(?<=[\d.]) (?=[\d.])", "", n.text) for n in numbers)


_DAYS = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "months": 30.44,
         "years": 365.25, "age": 365.25}


def _same_quantities(en_only: list[Number], zh_only: list[Number], bead: list[Number]
                     ) -> tuple[list[Number], list[Number]]:
    """Drop pairs (one English, one Chinese number) that are one quantity written another way:
    the same significant digits where the bead scales a number (``99.4 billion`` / ``994亿``),
    or a duration converted to another unit, rounded (``59 months`` / ``5岁``)."""
    scaled = any(n.power >= 3 for n in bead)
    en_left, zh_left = list(en_only), list(zh_only)
    for e in en_only:
        for z in zh_left:
            digits = _significant(e.value)
            same = scaled and len(digits) >= 2 and digits == _significant(z.value)
            if same or _converted(e, z):
                en_left.remove(e)
                zh_left.remove(z)
                break
    return en_left, zh_left


def _significant(value: float) -> str:
    return f"{value:.6g}".split("e")[0].replace(".", "").strip("0")


def _converted(a: Number, b: Number) -> bool:
    """Durations in two units that round to each other (``59 months`` and ``5 years``)."""
    if a.unit not in _DAYS or b.unit not in _DAYS or a.unit == b.unit:
        return False
    small, large = sorted([a, b], key=lambda n: _DAYS[n.unit])
    return abs(small.value * _DAYS[small.unit] / _DAYS[large.unit] - large.value) < 0.5


def _unexplained(only: list[Number], other_text: str, other_nums: list[Number],
                 other_doc: Counter[str]) -> list[Number]:
    """The numbers of ``only`` the other side does not account for: not a digit run of a
    name on the other side (``EZH2``), not a count of people that the other document states
    or that the other side's counts add up to."""
    names = {int(d) for token in re.findall(r"[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+",
                                              other_text)
             for d in re.findall(r"\d+", token)}
    people = [n.value for n in other_nums if n.unit == "people"]
    out = []
    for n in only:
        if n.value == int(n.value) and int(n.value) in names:
            continue
        if n.unit == "people" and (other_doc[n.key] or _is_sum(n.value, people)):
            continue
        out.append(n)
    return out


def _is_sum(value: float, counts: list[float]) -> bool:
    return len(counts) >= 2 and abs(sum(counts) - value) < 1e-9


def _is_year(n: Number) -> bool:
    return n.unit in (None, "years") and n.value == int(n.value) and 1900 <= n.value <= 2100


def _derived(n: Number, bead: list[Number]) -> bool:
    """True when ``n`` is a percentage that two counts of the bead give (a / b, rounded or cut
    to its decimals), or a count that, over another count of the bead, gives one of its
    percentages."""
    counts = sorted({m.value for m in bead if m.unit != "percent" and m.value > 0
                     and m.value == int(m.value)})
    if n.unit == "percent":
        return any(_matches_percent(100 * a / b, n) for a in counts for b in counts if a < b)
    if n.value != int(n.value):
        return False
    percents = [m for m in bead if m.unit == "percent"]
    return any(_matches_percent(100 * a / b, p) for p in percents
               for a, b in ((n.value, c) for c in counts if c > n.value)) or \
        any(_matches_percent(100 * a / n.value, p) for p in percents
            for a in counts if a < n.value)


def _matches_percent(share: float, percent: Number) -> bool:
    places = len(percent.text.split("%")[0].strip().partition(".")[2])
    step = 10 ** -places
    return abs(share - percent.value) <= step / 2 + 1e-9 or 0 <= share - percent.value < step


def _only(numbers: list[Number], extra: Counter[str]) -> list[Number]:
    """The numbers whose value is in ``extra`` (as many of each as it counts), in text order;
    of one value written both ways, the spelled one is the extra (``两种方法``, two methods,
    beside ``2周`` meets the English ``2 weeks``)."""
    left, out = Counter(extra), []
    for n in sorted(numbers, key=lambda n: not n.spelled):
        if left[n.key] > 0:
            out.append(n)
            left[n.key] -= 1
    return sorted(out, key=lambda n: n.start)


def unit_flags(en_nums: list[Number], zh_nums: list[Number]) -> list[Flag]:
    """``unit-mismatch``: one value with two units of one dimension (``3 months`` / ``3周``,
    ``5 mg`` / ``5克``), or a percentage on one side that is a count on the other
    (``35.9%`` / ``35.9例``)."""
    units = _unit_conflicts(en_nums, zh_nums)
    if not units:
        return []
    return [Flag("unit-mismatch", "same number, different unit: " + "; ".join(
        f"{e} vs {z}" for e, z in units) + "; check which unit the source means",
        {"units": [list(u) for u in units]})]


def _unit_conflicts(en_nums: list[Number], zh_nums: list[Number]) -> list[tuple[str, str]]:
    """Pairs (en text, zh text) of one value whose unit classes differ but measure one
    dimension, or a share against a count. Only values that both sides state equally often
    are compared (a value stated more often on one side is a number mismatch, not a unit's)."""
    def by_key(nums: list[Number]) -> dict[str, list[Number]]:
        out = defaultdict(list)
        for n in nums:
            out[n.key].append(n)
        return out

    en_by, zh_by = by_key(en_nums), by_key(zh_nums)
    out = []
    for key in sorted(set(en_by) & set(zh_by)):
        if len(en_by[key]) != len(zh_by[key]):
            continue
        en_units = Counter(_unit_of(n) for n in en_by[key] if _unit_of(n))
        zh_units = Counter(_unit_of(n) for n in zh_by[key] if _unit_of(n))
        zh_left = list((zh_units - en_units).elements())
        for unit in (en_units - zh_units).elements():
            clash = next((u for u in zh_left if _clash(unit, u)), None)
            if clash:
                zh_left.remove(clash)
                out.append((next(n.text for n in en_by[key] if _unit_of(n) == unit),
                            next(n.text for n in zh_by[key] if _unit_of(n) == clash)))
    return out


def _unit_of(n: Number) -> str | None:
    """The unit class of a number when it has a dimension (ages are years)."""
    unit = "years" if n.unit == "age" else n.unit
    return unit if unit in DIMENSION else None


def _clash(a: str, b: str) -> bool:
    return DIMENSION[a] == DIMENSION[b] or {DIMENSION[a], DIMENSION[b]} == {"share", "count"}


def lost_exponent_flags(text: str, lang: str) -> list[Flag]:
    """``1×10 MSCs/kg``: a power of ten written without its exponent."""
    lost = [n.text for n in find_numbers(text) if n.lost_exponent]
    if not lost:
        return []
    return [Flag("lost-exponent", f"exponent missing in {', '.join(lost)} ({lang})",
                 {"lang": lang, "numbers": lost})]


# Negations: English words that a Chinese translation renders with a negation, and the
# Chinese negations (not the 不 of 不良 "adverse" or 不同 "different", the 无 of 无论).
_EN_NEGATION = re.compile(r"\b(?:no(?!\.\s?\d)|not|without|neither|nor|never|none|cannot)\b"
                          r"|n't\b", re.IGNORECASE)
_ZH_NEGATION = re.compile(r"没有|未(?!来)|无(?!论|锡)|不(?![良同仅但论管断久])|非(?!常|洲)|否|勿"
                          r"|缺乏|阴性|排除|避免")


def negation_flags(en_text: str, zh_text: str) -> list[Flag]:
    """``negation``: the English negates (``not``, ``no``, ``without``) more often than the
    Chinese does (未, 不, 无, 没有, 非, …): the translation may say the opposite."""
    words = [m.group(0) for m in _EN_NEGATION.finditer(en_text)]
    if len(words) <= len(_ZH_NEGATION.findall(zh_text)):
        return []
    return [Flag("negation", f"English negates ({', '.join(words)}) more often than the "
                 "Chinese (未/不/无/没有/非): check no negation was lost", {"en_words": words})]


# A parenthesis after Chinese that gives a term in English, as Chinese abstracts do by
# convention: ``（unicompartmental knee arthroplasty，UKA）``, ``（ common terminology criteria
# for adverse events ）``, ``(Idiopathic intracranial hypertension IIH)``.
_GLOSS_CHARS = rf"[^（）()《》{HAN_CHARS}]"
_EXPANSION_RE = re.compile(rf"(?<=[{HAN_CHARS}])\s*[（(《]{_GLOSS_CHARS}*?[A-Za-z]{{3,}}"
                           rf"[\s,，-]+[A-Za-z]{{3,}}{_GLOSS_CHARS}*[）)》]")


_TEX_COMMAND = re.compile(r"\\[A-Za-z]+")


def untranslated_flags(zh_text: str) -> list[Flag]:
    """English words (3+ lower-case letters, not acronyms or names) left in Chinese text:
    flagged when there are at least 3 of them, or they outnumber the Chinese characters, or
    the text has no Chinese at all but 20 Latin letters.
    Words in a parenthesis that spells out an acronym are the convention, not left over, and
    so are the commands of a formula a PDF conversion wrote in LaTeX (``\\mathrm``)."""
    bare = _TEX_COMMAND.sub(" ", zh_text)
    words = _EN_WORD_RE.findall(_EXPANSION_RE.sub("", bare))
    cjk = count_han(zh_text)
    if not cjk and len(re.findall(r"[A-Za-z]", bare)) >= 20:  # no Chinese at all
        words = re.findall(r"[A-Za-z]{3,}", bare)
    if len(words) >= 3 or (words and len("".join(words)) > cjk):
        return [Flag("untranslated", f"English text left on the Chinese side ({' '.join(words[:6])}"
                     "…): check it is translated", {"words": words[:20]})]
    return []


# ---------------------------------------------------------------- term consistency


@functools.lru_cache(maxsize=1)
def term_renderings() -> dict[str, frozenset[str]]:
    """English term (lower case) -> accepted Chinese renderings of two or more characters:
    the terms of ``summarizer/data/align_glossary.tsv`` with their renderings there and
    CC-CEDICT's entries whose definition is exactly the term (``summarizer.text.lexicon``)."""
    return {term: zh_renderings(term, plural=False) for term in glossary_terms()}


@functools.cache  # one per glossary term
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(term)}s?\b")


def term_flags(beads: list[Bead], en: list[str], zh: list[str]) -> list[tuple[int, Flag]]:
    """(bead index, flag) for beads that render an English term differently from the rest of
    the document (the most frequent rendering is taken as the document's choice)."""
    uses: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for index, bead in enumerate(beads):
        en_text = " ".join(en[i] for i in bead.en).lower()
        zh_text = "".join(zh[j] for j in bead.zh)
        for term, renderings in term_renderings().items():
            if _term_pattern(term).search(en_text):
                for word in _renderings_in(zh_text, renderings):
                    uses[term].append((index, word))
    flags = []
    for term, found in sorted(uses.items()):
        counts = Counter(w for _, w in found)
        if len(counts) < 2:
            continue
        usual = counts.most_common(1)[0][0]
        for index, word in found:
            if word != usual:
                flags.append((index, Flag(
                    "term-inconsistency", f"'{term}' is rendered {word} here but {usual} elsewhere",
                    {"term": term, "here": word, "elsewhere": usual, "counts": dict(counts)})))
    return flags


def _renderings_in(text: str, renderings: frozenset[str]) -> list[str]:
    """Renderings found in ``text``, longest first, each place counted once."""
    found, taken = [], [False] * len(text)
    for word in sorted(renderings, key=lambda w: (-len(w), w)):
        for start, end in occurrences(word, text):
            if not any(taken[start:end]):
                found.append(word)
                taken[start:end] = [True] * (end - start)
    return found
