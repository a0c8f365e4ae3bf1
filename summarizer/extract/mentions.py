"""Mentions: every fact read in the records of a study, placed in its record's text.

``study_mentions(study, tagger)`` splits each record's placed title and abstract sections into
sentences, reads facts from each with ``sentence_facts`` (the extractors of ``patterns`` and
``findings``; and from the tagger's PICO spans when a tagger is given) and returns ``Mention``s
whose ``start``/``end`` are offsets into ``record.text``: ``record.text[m.start:m.end]`` is the
evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from summarizer.align.segment import split_sentences as segment_text
from summarizer.extract import findings, patterns
from summarizer.extract.patterns import Hit
from summarizer.extract.roles import FUTURE, OWN_ROLES, SCOPE, other_work, sentence_roles
from summarizer.extract.study_type import (
    SECONDARY,
    TRIALS,
    publication_type_cues,
    studied_people,
    study_acts,
    study_type_cues,
)
from summarizer.ingest.pubmed_xml import decoded_spans
from summarizer.schema import LANGS, Record, Sentence, Study
from summarizer.text.script import HAN_CHARS, has_han

NAMING = re.compile(rf"[A-Za-z]{{3,}}|[{HAN_CHARS}]{{2,}}")  # a tagger span that names something

Tagger = Callable[[str, str], Sequence[Any]]
"""``tagger(text, lang) -> spans`` with ``label`` (P/I/C/O), ``start``, ``end`` (into ``text``),
``text`` and ``confidence`` (``summarizer.extract.tagger.tag_text`` has this shape)."""

# Hard-wrapped lines (MEDLINE) are not boundaries; a blank line is.
TAGGER_FIELDS = {"P": "population", "I": "intervention", "C": "comparator", "O": "outcome"}
STUDIED_IN = frozenset({"title", "aim", "methods"})  # roles whose counts are the study's n
COUNTED = frozenset({"n_screened", "n_enrolled", "n_randomized", "n_analysed", "n_treated",
                     "n_studied", "n_studies", "arm"})
# What a paper's body may add, kind by kind: how many took part, the arms, sex, age.
BODY_FIELDS = (COUNTED - {"arm"} | {"n_studied_late"}, frozenset({"arm", "group"}),
               frozenset({"sex", "sex_share"}), frozenset({"age", "person_age"}))
SECONDARY_ANALYSIS = re.compile(SECONDARY, re.IGNORECASE)
PLANNED = re.compile(r"\b(?:sample size|(?:would|will) (?:need|be needed|be required|"
                     r"provide)|(?:statistical )?power\b|needed to (?:detect|show))"
                     r"|样本量|把握度|检验效能|估计[^。]{0,60}需要", re.IGNORECASE)
EXTRACTORS = [
    patterns.counts, patterns.studied_counts, patterns.arms, patterns.groups,
    patterns.healthy_controls, patterns.sex,
    patterns.sex_share, patterns.age,
    patterns.condition, patterns.intervention, patterns.route, patterns.schedule, patterns.doses,
    patterns.comparator, patterns.diagnostic, patterns.design, findings.outcomes, findings.results,
    findings.comparisons, findings.outcome_values, findings.effects, findings.adverse_events,
    findings.follow_up, patterns.setting, patterns.registrations, study_type_cues, studied_people,
    study_acts,
]


@dataclass
class Mention:
    """A fact read from a record; start/end: offsets into ``record.text``.

    sentence: the sentence (or, for a tagger span, the section) it was read in, which starts at
    ``sentence_start`` in ``record.text``; origin: ``title``, ``abstract``, ``tagger``, ``aligned``
    (a phrase of the sentence aligned to another language's mention) or
    ``metadata`` (an export field such as the publication type); role: the sentence's role
    (``summarizer.extract.roles.ROLES``; empty for tagger and metadata mentions); rank:
    position in reading order (records in study order, English before Chinese), used to break
    ties deterministically.
    """

    field: str
    value: Any
    record: Record
    lang: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    origin: str
    role: str = ""
    rank: int = 0

    @property
    def unit(self) -> tuple[str, str]:
        """The (record id, language) that stated it: two units agree or disagree."""
        return (self.record.id, self.lang)

    def provenance(self) -> dict[str, Any]:
        """``{"source", "record", "start", "end", "lang"}`` with offsets into the source file."""
        return {"source": self.record.source, "record": self.record.id,
                "start": self.record.offset + self.start, "end": self.record.offset + self.end,
                "lang": self.lang}


def study_mentions(study: Study, tagger: Tagger | None = None) -> tuple[list[Mention], list[dict]]:
    """All mentions of a study's article records in reading order, and warnings for sections
    that cannot be placed in their record's text (their facts cannot be traced, so are not read).
    """
    mentions: list[Mention] = []
    warnings: list[dict] = []
    for record in study.records:
        if record.kind == "news":
            continue
        sentences = record_sentences(record, warnings)
        roles = sentence_roles(sentences)
        for sentence, role in zip(sentences, roles, strict=True):
            mentions += _sentence_mentions(record, sentence, role)
            # the study's findings, its conclusion, its aim; a review's scope is its aim
            kind = role if role in ("results", "conclusion", "aim") else None
            if kind is None and role in OWN_ROLES - {"title"} and SCOPE.search(sentence.text):
                kind = "aim"
            if kind:
                mentions.append(Mention(kind, sentence.text, record, sentence.lang,
                                        sentence.start, sentence.end, sentence.text,
                                        sentence.start, "abstract", role))
        mentions += metadata_registrations(record, mentions, warnings)
        mentions += publication_type_mentions(record)
        if tagger is not None:
            other_work = [(s.start, s.end) for s, role in zip(sentences, roles, strict=True)
                          if role not in OWN_ROLES]
            # how alike the groups were at the start, and why the authors think the results
            # came out so ("this can be explained by the perceived low burden"): no measures
            no_outcome = [(s.start, s.end) for s, role in zip(sentences, roles, strict=True)
                          if BASELINE.search(s.text)
                          or role == "conclusion" and EXPLAINED.search(s.text)]
            mentions += tagger_mentions(record, tagger, warnings, other_work, no_outcome)
    mentions += body_mentions(study, mentions)
    ordered = sorted(mentions, key=lambda m: (study.records.index(m.record), m.lang != "en",
                                              m.start))
    for rank, mention in enumerate(ordered):
        mention.rank = rank
    return ordered, warnings


def body_mentions(study: Study, stated: list[Mention]) -> list[Mention]:
    """Who took part, read in the methods of a paper's body (``Record.body``): each kind of
    fact of ``BODY_FIELDS`` only when no title or abstract of the study states it. Origin
    ``body``, role ``methods``."""
    found = []
    for record in study.records:
        text = record.normalized or record.text
        for section in record.body if record.kind != "news" else []:
            for sentence in split_sentences(text, section.start, section.end, section.lang,
                                            "methods"):
                found += [replace(m, origin="body")
                          for m in _sentence_mentions(record, sentence, "methods")]
    given = {m.field for m in stated}
    return [m for m in found for kinds in BODY_FIELDS
            if m.field in kinds and not kinds & given]


def record_sentences(record: Record, warnings: list[dict]) -> list[Sentence]:
    """Sentences of the record's titles and placed sections; ``section`` is ``title`` or the
    section label. Text is read from ``record.normalized`` when there is one (same offsets)."""
    text = record.normalized or record.text
    sentences = []
    for lang in LANGS:
        title = record.title.get(lang)
        found = re.search(r"\s+".join(map(re.escape, title.split())), text) if title else None
        if found:
            sentences.append(Sentence(found.group(0), lang, found.start(), found.end(), "title"))
        for section in record.sections(lang):
            if section.start is None or section.end is None:
                warnings.append(_unplaced(record, section.lang, section.label))
                continue
            decoded = split_sentences(section.text, 0, len(section.text), lang, section.label)
            raw = decoded_spans(record, section, [(s.start, s.end) for s in decoded])
            if raw is None:  # a verbatim slice: read the normalized text at the same offsets
                sentences += split_sentences(text, section.start, section.end, lang,
                                             section.label)
                continue
            for sentence, span in zip(decoded, raw, strict=True):  # decoded from XML markup
                if span is not None:
                    sentence.start, sentence.end = span
                    sentences.append(sentence)
    return sentences


def split_sentences(text: str, start: int, end: int, lang: str, label: str) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with offsets into ``text``, split by the alignment
    stage's segmenter (abbreviations, decimals, run-in headings); ``section`` is ``label``."""
    sentences = segment_text(text[start:end], lang, offset=start)
    for sentence in sentences:
        sentence.section = label
    return sentences


def sentence_facts(text: str, lang: str, role: str | None = None) -> list[Hit]:
    """Every fact the patterns read in one sentence (``lang``: ``en`` or ``zh``) of ``role``
    (``summarizer.extract.roles.ROLES``; when not given, ``cited`` or ``future`` by the
    sentence's words, else ``methods``); background, a cited study or future work give only
    registry ids."""
    role = role or other_work(text) or "methods"
    if role == "background":  # the disease it defines may be the one studied
        return patterns.registrations(text, lang) + patterns.defined_condition(text, lang)
    if role not in OWN_ROLES:
        return patterns.registrations(text, lang)
    if role == "conclusion" and (future := FUTURE.search(text)):
        # "X helps, but larger randomised trials are needed": those trials are still to come
        text = text[:future.start()]
    hits: dict[tuple, Hit] = {}
    for extractor in EXTRACTORS:
        for h in extractor(text, lang):
            hits.setdefault((h.field, h.start, h.end, repr(h.value)), h)
    if PLANNED.search(text):  # a sample-size calculation: people the study hoped for
        hits = {k: h for k, h in hits.items() if h.field not in COUNTED}
    if SECONDARY_ANALYSIS.search(text):  # the trial whose data are read again is not this study
        hits = {k: h for k, h in hits.items() if h.field not in ("tag", "phase") and not (
            h.field == "study_type" and h.value[0] in TRIALS)}
    said = [h for h in hits.values() if _said_in_role(h, role, text)]
    # a list's whole outranks its parts: "Sixty-one patients with gout, 30 with AS and 30 with
    # RA were included" is 121 enrolled, not 61 or 30
    wholes = [h for h in said if h.field == "n_studied"]
    said = [h for h in said if not (h.field == "n_enrolled" and any(
        w.start <= h.start < w.end and w.value > h.value for w in wholes))]
    # who was studied, said only as the results begin, counts when no other sentence says it
    return [replace(h, field="n_studied_late") if h.field == "n_studied" and role == "results"
            else h for h in said]


# What may come before who was studied when a results sentence opens with them: "A total of
# 83 EoE patients and 121 control subjects were included", "The study comprised 65 eyes", "Of
# 113 (51%) eligible physicians, 58 completed the survey"
OPENS_RESULTS = re.compile(r"\s*(?:(?:a total of|in total,?|overall,?)\s+|(?:the|this|our) "
                           r"(?:study|sample|cohort|analysis) (?:comprised|included|consisted "
                           r"of|enrolled)\s+|(?:among|of) [^,;]{1,80},\s+)?", re.IGNORECASE)


def _said_in_role(hit: Hit, role: str, text: str) -> bool:
    """Whether ``hit`` is a fact where a sentence of ``role`` says it. A count of people in
    the results or a conclusion is a subgroup ("12 patients relapsed"), unless it opens a
    results sentence ("RESULTS. Ten consecutive patients were evaluated"); a review states
    its studies in the results too; a value of a measure, or a count with its share of a
    whole left unsaid ("14 cases (73.68%)"), is a finding only in the results."""
    if hit.field == "n_studied":
        return role in STUDIED_IN or role == "results" and bool(OPENS_RESULTS.fullmatch(
            text[:hit.start]))
    if hit.field == "n_studies":
        return role in STUDIED_IN | {"results"}
    if hit.field == "sex_share":  # "66% were women" in the results may be of a subgroup
        return role in STUDIED_IN
    if hit.field == "outcome_value" or hit.field == "result" and hit.value["denominator"] is None:
        return role == "results"
    if hit.field == "effect" and hit.value["measure"] in findings.STATISTICS.values():
        return role == "results"  # "alpha = 0.05" in the methods is a threshold, not a finding
    return True


def _sentence_mentions(record: Record, sentence: Sentence, role: str) -> list[Mention]:
    origin = "title" if sentence.section == "title" else "abstract"
    return [Mention(h.field, h.value, record, sentence.lang, sentence.start + h.start,
                    sentence.start + h.end, sentence.text, sentence.start, origin, role)
            for h in sentence_facts(sentence.text, sentence.lang, role)]


def publication_type_mentions(record: Record) -> list[Mention]:
    """Study-type cues of the record's publication types, placed where the record's text holds
    the type (an export field); a type the text does not hold has no offsets to cite and is
    not used."""
    mentions = []
    for kind, weight, cue, given in publication_type_cues(record.publication_types):
        at = record.text.find(given)
        if at >= 0:
            lang = "zh" if has_han(given) else "en"
            mentions.append(Mention("study_type", (kind, weight, cue), record, lang, at,
                                    at + len(given), given, at, "metadata"))
    return mentions


def metadata_registrations(record: Record, mentions: list[Mention],
                           warnings: list[dict]) -> list[Mention]:
    """Registry ids the reader found outside the abstract (a metadata field), placed where the
    record's text holds them; an id the text does not hold is reported, not used."""
    stated = {m.value for m in mentions if m.field == "registration" and m.record is record}
    found = []
    for rid in record.registrations:
        if rid in stated:
            continue
        m = re.search(re.escape(rid.removeprefix("EudraCT ")), record.text, re.IGNORECASE)
        if m is None:
            warnings.append({**_unplaced(record, "", "registration"),
                             "message": f"registration {rid} is not in the record text; "
                                        "it is not in facts (see the study identifiers)"})
            continue
        lang = "zh" if has_han(record.text[max(0, m.start() - 30):
                                                                m.start()]) else "en"
        found.append(Mention("registration", rid, record, lang, m.start(), m.end(), m.group(0),
                             m.start(), "metadata"))
    return found


# "measured psychological outcomes": a span that took the verb before its noun phrase
LEADING_VERB = re.compile(r"(?:measured|assessed|evaluated|examined|recorded|received|compared|"
                          r"improved|reduced|increased|decreased)\s+", re.IGNORECASE)


# The authors' guess at why: "We assume that this can be explained by …", "可能与…有关"
EXPLAINED = re.compile(r"\b(?:we (?:assume|speculate|presume|suspect)|(?:can|could|may|might) be "
                       r"(?:explained|due|attributed|related)|perhaps|possibly)\b|可能与|可能是由于",
                       re.IGNORECASE)


# A sentence on how alike the groups were at the start: what it lists is no outcome
# ("两组患者年龄、性别构成、体质量指数…等一般资料比较差异均无统计学意义")
BASELINE = re.compile(r"一般资料|基线资料|基线特征|具有可比性|\bbaseline (?:characteristics|data|"
                      r"variables)\b|\bdemographic (?:characteristics|data)\b|"
                      r"\b(?:were|was) (?:well )?(?:balanced|comparable)\b|"
                      # "no significant difference in gender, age, body mass index, …" (WMT doc20)
                      r"\bno (?:statistically )?significant differences? in (?:the )?(?:gender|sex|"
                      r"age)\b|(?:性别|年龄)[^。；]{0,40}差异(?:均)?无统计学意义", re.IGNORECASE)


def tagger_mentions(record: Record, tagger: Tagger, warnings: list[dict],
                    other_work: list[tuple[int, int]],
                    no_outcome: list[tuple[int, int]] = ()) -> list[Mention]:
    """PICO spans of each placed section as mentions: P → ``population``, I → ``intervention``,
    C → ``comparator``, O → ``outcome``. Spans starting in ``other_work`` (record offsets of
    sentences about earlier or future work: ``Placebo-controlled trials are needed``) are not
    this trial's, outcome spans in ``no_outcome`` (sentences on how alike the groups were at
    the start, or on why the authors think the results came out so) are no outcomes, and spans
    without a word of three letters or two Chinese characters (``.``, ``2 x``) name nothing:
    all are skipped. A verb the span took before its noun phrase
    (``measured psychological outcomes``) is left out. Spans whose text is not at their
    offsets in the record are dropped and counted in one ``unplaced`` warning."""
    mentions, dropped = [], 0
    for section in record.abstract:
        if section.start is None or section.end is None:
            continue
        for span in tagger(section.text, section.lang):
            start, end = section.start + span.start, section.start + span.end
            field = TAGGER_FIELDS.get(span.label)
            if not field or not NAMING.search(span.text) or any(
                    a <= start < b for a, b in other_work) or field == "outcome" and any(
                    a <= start < b for a, b in no_outcome):
                continue
            if record.text[start:end] != span.text:
                dropped += 1
                continue
            verb = LEADING_VERB.match(span.text) if section.lang == "en" else None
            text = span.text[verb.end():] if verb and verb.end() < len(span.text) else span.text
            start = end - len(text)
            value = text if field != "outcome" else {"name": text, "primary": None}
            mentions.append(Mention(field, value, record, section.lang, start, end,
                                    section.text, section.start, "tagger"))
    if dropped:
        warnings.append({**_unplaced(record, "", "tagger"),
                         "message": f"{dropped} PICO span(s) from the tagger are not at their "
                                    "offsets in the record text and were not used"})
    return mentions


def _unplaced(record: Record, lang: str, label: str) -> dict[str, Any]:
    return {"source": record.source, "record": record.id, "kind": "unplaced", "start": None,
            "end": None, "text": "",
            "message": f"the {lang} {label} section is not verbatim in the record text; "
                       "its facts were not read (fix the reader so sections carry offsets)"}
