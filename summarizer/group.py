"""Group Records into Studies.

Records that share an identifier (registry id, DOI, PMID) or a near-identical title are one
study. Records without identifiers that read as news about a trial are never merged: they get a
*probable* link to the study they most likely report on, with a confidence and the reasons.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from summarizer.align.anchors import english_acronyms, latin_tokens
from summarizer.schema import Conflict, Link, Record, Study
from summarizer.text.numbers import Number, find_numbers

TITLE_MATCH = 0.92  # SequenceMatcher ratio of normalized titles that makes two records one study
# Record fields whose disagreement between records of one study is shown as a conflict (not
# the journal: one record abbreviates it, another does not).
CONFLICT_FIELDS = ("year",)
LINK_THRESHOLD = 0.5  # confidence a probable link needs
LINK_MARGIN = 0.2  # ... and its lead over the second-best study
MAX_LINK_CONFIDENCE = 0.95  # a link by content is never certain

# Readers whose fields are the most reliable come first when picking a study's best values.
FORMAT_RANK = {"pubmed-xml": 0, "medline": 1, "ris": 2, "cnki": 3, "jsonl": 4, "text": 5}

PEOPLE = r"(?:patients|women|men|participants|subjects|people|adults|children|volunteers)"
# What follows a number of people ("Six women", "12 adult patients") or of cells.
PEOPLE_AFTER = re.compile(rf"\s+(?:[a-z-]+\s+){{0,3}}?{PEOPLE}\b", re.IGNORECASE)
CELLS_AFTER = re.compile(r"\s+cells\b", re.IGNORECASE)
PHASE = re.compile(r"\bphase\s+(1|2|3|4|I{1,3}|IV)\b|([1-4一二三四]|IV|I{1,3})\s*期", re.IGNORECASE)
INSTITUTION_WORDS = re.compile(
    r"universit|hospital|institut|cent(?:er|re)|clinic|college|school|大学|医院|研究所|中心",
    re.IGNORECASE,
)
STOPWORDS = set(
    "a an and are as at be by for from in into is of on or the to with was were this that "
    "study trial patients patient treatment clinical effects results".split()
)
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "一": "1", "二": "2", "三": "3", "四": "4"}


def group_records(records: list[Record]) -> list[Study]:
    """Records → Studies, in a deterministic order (by first source file).

    Article records are merged on shared identifiers or near-identical titles; news records
    (``kind == "news"``) are linked to a study by content when the evidence is strong enough,
    and otherwise stand alone as a study of their own.
    """
    articles = [r for r in records if r.kind != "news"]
    news = [r for r in records if r.kind == "news"]
    studies = [_make_study(members) for members in _merge_articles(articles)]
    features = [(study, _study_features(study)) for study in studies] if news else []
    for record in news:
        link = _probable_link(record, features)
        if link is None:
            studies.append(_make_study([record]))
        else:
            study, confidence, reason = link
            study.links.append(Link(record.source, record.id, confidence, reason))
    return sorted(studies, key=lambda s: (s.records[0].source, s.records[0].index))


# --- English and Chinese versions of one article, without a shared identifier ---------------

CROSS_SIMILARITY = 0.80  # encoder cosine of title + abstract below which two texts differ
CROSS_NEIGHBOURS = 5  # k of the hubness correction: a text's mean cosine with its k nearest
CROSS_CANDIDATES = 10  # per study, the most similar studies of the other language compared
CROSS_ANCHOR = 0.01  # score per shared anchor (a number or an acronym), at most 10 counted
CROSS_MARGIN = 0.01  # lead over every other candidate a match needs without shared anchors
CROSS_NUMBERS = 2  # shared anchors (n, percentages, doses, acronyms) that vouch for a match
# share of the numbers of the side that states fewer which the other side must state too
# (versions of one article on the dev sets: 0.57 and more; two studies on one topic that
# share a follow-up and a dose, `12 months` and `1×10⁶/kg`: 0.29 and 0.33)
CROSS_AGREEMENT = 0.5


def join_across_languages(studies: list[Study],
                          encode: Callable[[list[str]], np.ndarray]) -> list[Study]:
    """Studies whose records are all English joined with studies whose records are all
    Chinese when they are versions of one article (``encode(texts) -> unit vectors``, a
    multilingual encoder). Each pair is scored by cosine corrected for hubness (CSLS: twice
    the cosine minus each text's mean cosine with its ``CROSS_NEIGHBOURS`` nearest texts of
    the other language, so a text that is close to everything does not win everything) plus
    ``CROSS_ANCHOR`` per shared anchor (numbers that are not years or small counts, and
    acronyms and codes such as ``MDM2``, ``5-FU``). A pair is joined when each is the other's
    best, their cosine is at least ``CROSS_SIMILARITY``, and they share ``CROSS_NUMBERS``
    anchors or lead every other candidate by ``CROSS_MARGIN``; registry ids that differ, or
    numbers stated on both sides (three or more each) of which fewer than ``CROSS_AGREEMENT``
    agree, keep them apart. Only each study's ``CROSS_CANDIDATES`` nearest studies are
    compared (blocking by a matrix product in chunks), so 10,000 records need no pairwise
    loop. ``encode`` is called only when both
    languages have such studies."""
    english = [s for s in studies if _only_language(s) == "en"]
    chinese = [s for s in studies if _only_language(s) == "zh"]
    if not english or not chinese:
        return studies
    en_vecs = np.asarray(encode([_study_text(s, "en") for s in english]), dtype=np.float32)
    zh_vecs = np.asarray(encode([_study_text(s, "zh") for s in chinese]), dtype=np.float32)
    en_anchors = [_anchors_of(s, "en") for s in english]
    zh_anchors = [_anchors_of(s, "zh") for s in chinese]
    joined, drop = [], set()
    for i, j, cos, lead in _mutual_best(en_vecs, zh_vecs, en_anchors, zh_anchors):
        numbers = len(en_anchors[i][0] & zh_anchors[j][0])
        shared = numbers + len(en_anchors[i][1] & zh_anchors[j][1])
        # both state numbers and few agree: two studies on one topic, however alike
        fewest = min(len(en_anchors[i][0]), len(zh_anchors[j][0]))
        numbers_differ = fewest >= 3 and numbers < CROSS_AGREEMENT * fewest
        if cos < CROSS_SIMILARITY or (shared < CROSS_NUMBERS and lead < CROSS_MARGIN) or \
                numbers_differ or _registries_differ(english[i], chinese[j]):
            continue
        study = _make_study(english[i].records + chinese[j].records)
        study.links = english[i].links + chinese[j].links
        acronyms = shared - numbers
        study.reasons = [f"English/Chinese versions: similarity {cos:.2f}, {numbers} shared "
                         f"numbers" + (f", {acronyms} shared acronym" + "s" * (acronyms > 1)
                                       if acronyms else "")]
        joined.append(study)
        drop |= {id(english[i]), id(chinese[j])}
    kept = [s for s in studies if id(s) not in drop] + joined
    return sorted(kept, key=lambda s: (s.records[0].source, s.records[0].index))


def _top_k(a: np.ndarray, b: np.ndarray, k: int, chunk: int = 1024
           ) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``a`` (n, dim), the ``k`` rows of ``b`` (m, dim) with the largest dot
    product: (indices (n, k), products (n, k)), computed ``chunk`` rows at a time so memory
    stays at chunk x m."""
    k = min(k, len(b))
    index, value = np.zeros((len(a), k), dtype=np.int64), np.zeros((len(a), k), np.float32)
    for start in range(0, len(a), chunk):
        sims = a[start : start + chunk] @ b.T
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        index[start : start + chunk] = top
        value[start : start + chunk] = np.take_along_axis(sims, top, axis=1)
    return index, value


def _mutual_best(en_vecs: np.ndarray, zh_vecs: np.ndarray, en_anchors: list, zh_anchors: list
                 ) -> list[tuple[int, int, float, float]]:
    """(English index, Chinese index, cosine, lead) of the pairs that are each other's best
    candidate by score (see ``join_across_languages``); lead: the pair's score minus the best
    score of any other candidate of either study."""
    en_top, en_sims = _top_k(en_vecs, zh_vecs, max(CROSS_CANDIDATES, CROSS_NEIGHBOURS))
    zh_top, zh_sims = _top_k(zh_vecs, en_vecs, max(CROSS_CANDIDATES, CROSS_NEIGHBOURS))
    en_hub = -np.sort(-en_sims, axis=1)[:, :CROSS_NEIGHBOURS].mean(axis=1)
    zh_hub = -np.sort(-zh_sims, axis=1)[:, :CROSS_NEIGHBOURS].mean(axis=1)
    pairs = {(i, int(j)) for i, row in enumerate(en_top[:, :CROSS_CANDIDATES]) for j in row}
    pairs |= {(int(i), j) for j, row in enumerate(zh_top[:, :CROSS_CANDIDATES]) for i in row}
    rows, cols = (np.array(x, dtype=np.int64) for x in zip(*sorted(pairs), strict=True))
    cos = np.einsum("nd,nd->n", en_vecs[rows], zh_vecs[cols])
    anchors = np.array([min(10, len(en_anchors[i][0] & zh_anchors[j][0])
                            + len(en_anchors[i][1] & zh_anchors[j][1]))
                        for i, j in zip(rows, cols, strict=True)])
    score = 2 * cos - en_hub[rows] - zh_hub[cols] + CROSS_ANCHOR * anchors
    by_row: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_col: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for n, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        by_row[i].append((float(score[n]), n))
        by_col[j].append((float(score[n]), n))
    out = []
    for i, options in by_row.items():
        options.sort(reverse=True)
        best, n = options[0]
        j = int(cols[n])
        column = sorted(by_col[j], reverse=True)
        if column[0][1] != n:
            continue
        others = [s for s, _ in options[1:2] + column[1:2]]
        out.append((i, j, float(cos[n]), best - max(others, default=0.0)))
    return sorted(out)


def _only_language(study: Study) -> str | None:
    """'en' or 'zh' when every article record of the study is in that language alone."""
    langs = {tuple(r.languages) for r in study.records}
    return langs.pop()[0] if len(langs) == 1 and len(next(iter(langs), ())) == 1 else None


# Characters of title and abstract encoded per study: about 170 word pieces in either
# language. Grouping's time is the encoder's, so its text is kept short: on WMT dev, 800/400
# characters find the same pairs as 1500/1500 (49 of 50), 500/250 find 47.
STUDY_TEXT_CHARS = {"en": 800, "zh": 400}


def _study_text(study: Study, lang: str) -> str:
    """Title and the start of the abstract of the study's first record in ``lang``."""
    record = study.records[0]
    text = f"{record.title.get(lang) or ''} {record.abstract_text(lang)}".strip()
    return text[:STUDY_TEXT_CHARS[lang]]


def _anchors_of(study: Study, lang: str) -> tuple[set[float], set[str]]:
    """(numbers that can vouch for a match, acronyms and codes) of a study in ``lang``: the
    acronyms of English text (``MDM2``, ``5-FU``), the Latin tokens of Chinese text."""
    text = _study_text(study, lang)
    tokens = english_acronyms(text) if lang == "en" else latin_tokens(text)
    return _numbers_of(study), {t for t in tokens if len(t) > 1}


def _numbers_of(study: Study) -> set[float]:
    """The numbers of the study's abstracts that can vouch for a match: not years or small
    counts that any two abstracts share (values above 10, or with decimals)."""
    text = " ".join(r.abstract_text(lang) for r in study.records for lang in r.languages)
    return {round(float(n.value), 3) for n in find_numbers(text)
            if (n.value > 10 or float(n.value) != int(n.value)) and not 1900 <= n.value <= 2100}


def _registries_differ(a: Study, b: Study) -> bool:
    ra, rb = set(a.identifiers["registrations"]), set(b.identifiers["registrations"])
    return bool(ra and rb and not ra & rb)


def record_identifiers(record: Record) -> list[str]:
    """Identifiers that make two records one study, prefixed by kind: ``reg:NCT…``, ``doi:…``."""
    ids = [f"reg:{r.upper().replace(' ', '')}" for r in record.registrations]
    if record.doi:
        ids.append(f"doi:{record.doi.lower()}")
    if record.pmid:
        ids.append(f"pmid:{record.pmid}")
    return ids


def _merge_articles(records: list[Record]) -> list[list[Record]]:
    """Union-find over shared identifiers and near-identical titles."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    first_with: dict[str, int] = {}
    for i, record in enumerate(records):
        for key in record_identifiers(record) + _title_keys(record):
            if key in first_with:
                union(i, first_with[key])
            else:
                first_with[key] = i
    titles = {i: _normal_title(r) for i, r in enumerate(records) if _normal_title(r)}
    for i, j in _similar_title_candidates(titles):
        if find(i) != find(j) and _titles_match(titles[i], titles[j]):
            union(i, j)
    groups: dict[int, list[Record]] = defaultdict(list)
    for i, record in enumerate(records):
        groups[find(i)].append(record)
    return list(groups.values())


BLOCK_WORD_TITLES = 100  # a word in more titles than this is too common to block on


def _similar_title_candidates(titles: dict[int, str]) -> set[tuple[int, int]]:
    """Pairs of titles worth comparing: those sharing one of each other's three rarest words.

    Near-identical titles share almost every word, so this blocking keeps grouping of
    thousands of records from comparing every pair.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for i, title in titles.items():
        for word in set(title.split()):
            index[word].append(i)
    pairs = set()
    for i, title in titles.items():
        rarest = sorted(set(title.split()), key=lambda w: (len(index[w]), w))[:3]
        # a word of many titles blocks nothing: 10,000 titles sharing "record" made 50
        # million pairs (1.4 GB); titles alike share their rarer words
        for word in (w for w in rarest if len(index[w]) <= BLOCK_WORD_TITLES):
            pairs.update((min(i, j), max(i, j)) for j in index[word] if j != i)
    return pairs


def _normal_title(record: Record) -> str:
    title = record.title.get("en") or record.title.get("zh") or ""
    return re.sub(r"[\W_]+", " ", title.lower()).strip()


def _title_keys(record: Record) -> list[str]:
    title = _normal_title(record)
    return [f"title:{title}"] if len(title) >= 20 else []


def _titles_match(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 20 or min(len(a), len(b)) < TITLE_MATCH * max(len(a), len(b)):
        return False
    words_a, words_b = set(a.split()), set(b.split())
    if len(words_a & words_b) < 0.7 * len(words_a | words_b):  # cheap test before the costly one
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_MATCH


def _make_study(records: list[Record]) -> Study:
    ranked = sorted(records, key=lambda r: (FORMAT_RANK.get(r.format, 9), r.source, r.index))
    identifiers = {"doi": [], "pmid": [], "registrations": []}
    for record in ranked:
        _add_unique(identifiers["doi"], [record.doi.lower()] if record.doi else [])
        _add_unique(identifiers["pmid"], [record.pmid] if record.pmid else [])
        _add_unique(identifiers["registrations"], record.registrations)
    title = {lang: next((r.title[lang] for r in ranked if r.title.get(lang)), None)
             for lang in ("en", "zh")}
    ordered = sorted(records, key=lambda r: (r.source, r.index))
    return Study(
        study_id=_study_id(identifiers, ordered),
        records=ordered,
        identifiers=identifiers,
        title=title,
        conflicts=_field_conflicts(ordered),
    )


def _add_unique(values: list[str], new: list[str]) -> None:
    values.extend(v for v in new if v not in values)


def _study_id(identifiers: dict[str, list[str]], records: list[Record]) -> str:
    """A registry id when there is one (NCT first), else DOI, PMID, or a hash of the sources."""
    registrations = sorted(identifiers["registrations"],
                           key=lambda r: (not r.upper().startswith("NCT"), r))
    if registrations:
        return registrations[0]
    if identifiers["doi"]:
        return "doi-" + re.sub(r"[^\w.-]+", "_", identifiers["doi"][0])
    if identifiers["pmid"]:
        return "pmid-" + identifiers["pmid"][0]
    key = "\n".join(f"{r.source}#{r.index}" for r in records)
    return "study-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _field_conflicts(records: list[Record]) -> list[Conflict]:
    conflicts = []
    for name in CONFLICT_FIELDS:
        by_value: dict[str, list[str]] = defaultdict(list)
        for record in records:
            value = getattr(record, name)
            if value:
                by_value[str(value)].append(record.source)
        if len(by_value) > 1:
            values = [{"value": v, "sources": s} for v, s in sorted(by_value.items())]
            conflicts.append(Conflict(field=name, values=values))
    return conflicts


@dataclass(frozen=True)
class ContentFeatures:
    """What a text says about a trial, for linking records that carry no identifier."""

    institutions: frozenset[str]
    sample_sizes: frozenset[int]
    cell_doses: frozenset[float]
    phases: frozenset[str]
    words: frozenset[str]


def content_features(text: str, affiliations: Sequence[str] = ()) -> ContentFeatures:
    numbers = find_numbers(text)
    return ContentFeatures(
        institutions=frozenset(_institutions(affiliations)),
        sample_sizes=frozenset(_sample_sizes(text, numbers)),
        cell_doses=frozenset(_cell_doses(text, numbers)),
        phases=frozenset(ROMAN.get(m.lower(), m) for m in _phases(text)),
        words=frozenset(w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOPWORDS),
    )


def _institutions(affiliations: Sequence[str]) -> list[str]:
    """Institution names from affiliation strings: the comma-separated parts that name one."""
    parts = (p.strip(" .;") for a in affiliations for p in re.split(r"[,;]", a))
    return [p for p in parts if len(p) > 8 and INSTITUTION_WORDS.search(p)]


def _sample_sizes(text: str, numbers: list[Number]) -> list[int]:
    """Whole numbers followed within three words by a word for people (``Six women``,
    ``1,555 adult patients``), as the text layer reads them (``numbers``, those of
    ``text``); not digits glued to a name (``COVID19 patients``)."""
    return [int(n.value) for n in numbers
            if n.form != "power" and float(n.value).is_integer() and not _glued(text, n)
            and PEOPLE_AFTER.match(text, n.end)]


def _cell_doses(text: str, numbers: list[Number]) -> list[float]:
    """Powers of ten (``1×10⁶``, ``2 x 10^6``, ``1×106`` whose superscript was lost; not
    ``1×10`` whose exponent is gone) and millions of cells (``one million cells``), among
    ``numbers`` (those of ``text``)."""
    return [float(n.value) for n in numbers
            if (n.form == "power" and n.power is not None and n.power > 0)
            or (n.power == 6 and n.form != "power" and CELLS_AFTER.match(text, n.end))]


def _glued(text: str, n: Number) -> bool:
    """True when a number in digits follows a Latin letter or digit (``COVID19``)."""
    before = text[n.start - 1:n.start]
    return not n.spelled and before.isascii() and before.isalnum()


def _phases(text: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in PHASE.finditer(text)]


def _study_features(study: Study) -> ContentFeatures:
    text = "\n".join(r.normalized or r.text for r in study.records)
    titles = " ".join(t for r in study.records for t in r.title.values() if t)
    affiliations = [a for r in study.records for a in r.affiliations]
    features = content_features(text, affiliations)
    title_words = frozenset(content_features(titles).words)
    return ContentFeatures(
        features.institutions, features.sample_sizes, features.cell_doses, features.phases,
        title_words,
    )


def link_evidence(text: str, study: ContentFeatures,
                  found: ContentFeatures | None = None) -> tuple[float, list[str]]:
    """Score how likely ``text`` (e.g. a news article) reports on the study described by
    ``study``: a confidence in [0, MAX_LINK_CONFIDENCE] and the reasons, strongest first.
    ``found``: the features of ``text``, when already computed."""
    lowered = text.lower()
    found = found or content_features(text)
    score, reasons = 0.0, []
    named = sorted(i for i in study.institutions if i.lower() in lowered)
    if named:
        score += 0.35
        reasons.append(f"names {named[0]}")
    if shared := sorted(found.sample_sizes & study.sample_sizes):
        score += 0.25
        reasons.append(f"same number of participants ({', '.join(map(str, shared))})")
    if doses := sorted(found.cell_doses & study.cell_doses):
        score += 0.2
        reasons.append(f"same cell dose ({', '.join(f'{d:.0e}' for d in doses)} cells/kg)")
    if phases := sorted(found.phases & study.phases):
        score += 0.1
        reasons.append(f"same phase ({', '.join(phases)})")
    if study.words:
        overlap = len(found.words & study.words) / len(study.words)
        score += 0.1 * overlap
        if overlap >= 0.5:
            reasons.append(f"{overlap:.0%} of the title's words")
    return min(round(score, 2), MAX_LINK_CONFIDENCE), reasons


def _probable_link(
    record: Record, studies: list[tuple[Study, ContentFeatures]]
) -> tuple[Study, float, str] | None:
    """The study a news record most likely reports on, if the evidence is strong and clear."""
    text = record.normalized or record.text
    found = content_features(text)
    scored = []
    for study, features in studies:
        confidence, reasons = link_evidence(text, features, found)
        scored.append((confidence, study.study_id, study, reasons))
    scored.sort(key=lambda item: (-item[0], item[1]))
    if not scored or scored[0][0] < LINK_THRESHOLD:
        return None
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if scored[0][0] - runner_up < LINK_MARGIN:
        return None
    confidence, _, study, reasons = scored[0]
    return study, confidence, "; ".join(reasons)
