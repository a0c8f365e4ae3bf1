"""Split an abstract into labelled sections by its headings, keeping offsets.

Headings are found in English (``Background``, ``Methods``, ``Findings``, ``Interpretation``,
``Trial registration number`` ...), written with a colon, on their own line, in capitals, or
run in (``...therapy.Methods Six women``: a heading glued to the previous sentence and followed
by a capitalized word, even with no space, ``patients.MethodsAtotal of``; ``... imaging.
RESULTS. Ten``: in capitals, with a full stop), and in
Chinese (``背景``, ``目的``, ``【方法】``, ``结果：``).
Every section's ``start``/``end`` are offsets into the text given, shifted by ``base``.
"""

from __future__ import annotations

import re

from summarizer.ingest.fields import find_registrations
from summarizer.schema import Section
from summarizer.text.script import HAN_CHARS

EN_HEADINGS = {
    "background": ["Background", "Introduction", "Context", "Rationale"],
    "objective": ["Objectives", "Objective", "Aims", "Aim", "Purpose"],
    "methods": ["Materials and methods", "Material and methods", "Patients and methods",
                "Subjects and methods", "Methods and materials", "Methods", "Method"],
    "results": ["Key findings and recommendations", "Key findings", "Results", "Findings"],
    "conclusions": ["Conclusions and relevance", "Conclusions", "Conclusion", "Interpretation"],
    "registration": ["Trial registration number", "Trial registration", "Clinical trial "
                     "registration", "Registration"],
    "other": ["Funding"],
}
# Accepted only with a colon or on their own line: too common as ordinary sentence starts.
EN_MARKED_ONLY = {
    "methods": ["Design", "Study design", "Setting", "Participants", "Patients", "Subjects",
                "Population", "Interventions", "Intervention", "Main outcome measures",
                "Measurements"],
    "conclusions": ["Discussion"],
}
ZH_HEADINGS = {
    "background": ["背景", "研究背景"],
    "objective": ["目的", "研究目的"],
    "methods": ["资料与方法", "对象与方法", "材料与方法", "资料和方法", "对象和方法", "材料和方法",
                "方法和材料", "方法", "设计"],
    "results": ["结果"],
    "conclusions": ["结论和临床重要性", "结论与临床意义", "结论和临床意义", "结论与意义", "结论"],
    "registration": ["试验注册号", "试验注册", "注册号"],
}
_LABELS = {h.lower(): label for table in (EN_HEADINGS, EN_MARKED_ONLY, ZH_HEADINGS)
           for label, names in table.items() for h in names}


def _alternatives(table: dict[str, list[str]]) -> str:
    names = sorted((n for names in table.values() for n in names), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_EN_ALL = _alternatives(EN_HEADINGS) + "|" + _alternatives(EN_MARKED_ONLY)
# after a line start or a sentence end and a space or two (sections pasted together with
# two spaces: "…in blood.  Methods Halogenated …")
_BOUNDARY = (r"(?:(?<=^)|(?<=\n)|(?<=[.!?;)\]][ \t])|(?<=[.!?;)\]][ \t][ \t])|"
             r"(?<=[.!?;)\]]))")
_EN_MARKED = re.compile(
    _BOUNDARY + rf"[ \t]*(?P<h>(?i:{_EN_ALL})|[【\[]\s*(?i:{_EN_ALL})\s*[】\]])"
    r"(?P<sep>[ \t]*[:：][ \t]*|[ \t]*\n\s*|(?<=[】\]])[ \t]*)",
    re.MULTILINE)
_EN_RUN_IN = re.compile(
    _BOUNDARY + rf"(?P<h>{_alternatives(EN_HEADINGS)}|{_alternatives(EN_HEADINGS).upper()})"
    # "METHODS. Consecutive": capitals only; "patients.MethodsAtotal of 80": spaces lost in a
    # PDF conversion
    r"(?P<sep> |(?<=[A-Z])\. |(?<=[a-z])(?=[A-Z][a-z]|A ))(?=[A-Z0-9(])")
_ZH_ALL = _alternatives(ZH_HEADINGS)
_ZH = re.compile(
    rf"(?P<h>[【\[［]\s*(?:{_ZH_ALL})\s*[】\]］])(?P<sep>[ \t:：]*)"
    rf"|(?:(?<=^)|(?<=\n)|(?<=[。；]))[ \t　]*(?P<h2>{_ZH_ALL})"
    r"(?P<sep2>[ \t]*[:：][ \t]*|[ \t　]+)",
    re.MULTILINE)
# "AbstractYouth with ...": an export's own label glued to the abstract (Ovid PsycINFO)
_LEADING_LABEL = re.compile(r"^[ \t]*(?P<h>Abstract|ABSTRACT|摘要)(?P<sep>[ \t]*[:：.]?[ \t]*)"
                            rf"(?=[A-Z{HAN_CHARS}])")
_GLUED_ZH = ("目的", "方法", "结果", "结论")
_TRAILER = re.compile(r"(?:Copyright\s*(?:\(c\)|©)|©\s*\d{4}|Crown Copyright|版权所有)")
_SENTENCE_END = re.compile(rf"[.。](?=\s*[A-Z{HAN_CHARS}]|\s*$)")


def label_of(heading: str, unknown: str | None = "other") -> str | None:
    """Canonical label of a heading as written: ``'【目的】'`` → ``'objective'``,
    ``'FINDINGS'`` → ``'results'``, ``'PATIENT(S)'`` and ``'SETTING/PARTICIPANTS'`` →
    ``'methods'``; ``unknown`` for a heading it does not know (``'other'``), or whose parts
    name different sections (``'Methods and Results'``)."""
    key = re.sub(r"[【】\[\]［］:：\s]+", " ", heading).strip().lower()
    key = re.sub(r"\(s\)(?=\s|$)", "s", key)  # Fertility and Sterility's "RESULT(S)"
    if key in _LABELS:
        return _LABELS[key]
    # two headings in one: "Setting/participants", "Design and setting" (one section)
    labels = {_LABELS.get(part) for part in re.split(r"\s*/\s*|\s+and\s+", key)}
    return labels.pop() if len(labels) == 1 and None not in labels else unknown


def find_headings(text: str) -> list[tuple[int, int, str]]:
    """``(heading_start, body_start, heading)`` for each heading in ``text``, in order."""
    found: dict[int, tuple[int, int, str]] = {}
    for pattern in (_LEADING_LABEL, _EN_MARKED, _EN_RUN_IN):
        for m in pattern.finditer(text):
            found.setdefault(m.start("h"), (m.start("h"), m.end("sep"), m.group("h")))
    for m in _ZH.finditer(text):
        group = "h" if m.group("h") else "h2"
        sep = "sep" if group == "h" else "sep2"
        found.setdefault(m.start(group), (m.start(group), m.end(sep), m.group(group)))
    if len(found) < 3:
        for heading in _glued_zh_headings(text):
            found.setdefault(heading[0], heading)
    else:
        for heading in _glued_zh_between(text, [found[k] for k in sorted(found)]):
            found.setdefault(heading[0], heading)
    return [found[k] for k in sorted(found)]


def _glued_zh_between(text: str, headings: list[tuple[int, int, str]]
                      ) -> list[tuple[int, int, str]]:
    """One of 目的/方法/结果/结论 missing between two that were found, written straight before
    its sentence (``。结果14例患者``): the first sentence start in that stretch where it is."""
    written = {re.sub(r"[【】\[\]［］:：\s]", "", h[2]): h for h in headings}
    added = []
    for i, name in enumerate(_GLUED_ZH[1:-1], start=1):
        before, after = written.get(_GLUED_ZH[i - 1]), written.get(_GLUED_ZH[i + 1])
        if name in written or before is None or after is None:
            continue
        m = re.compile(rf"(?<=[。；])[ \t]*({name})").search(text, before[1], after[0])
        if m:
            added.append((m.start(1), m.end(1), name))
    return added


def _glued_zh_headings(text: str) -> list[tuple[int, int, str]]:
    """目的/方法/结果/结论 written straight before the sentence (``。方法选取80例``: bold lost in
    a PDF conversion), trusted only when at least three appear in this order at sentence
    starts; ``结果显示`` inside one section is then not a fourth heading."""
    found, after = [], 0
    for heading in _GLUED_ZH:
        m = re.compile(rf"(?:(?<=^)|(?<=[。；]))[ \t]*({heading})").search(text, after)
        if m:
            found.append((m.start(1), m.end(1), heading))
            after = m.end(1)
    return found if len(found) >= 3 else []


def split_sections(text: str, lang: str, base: int = 0, paragraphs: bool = False) -> list[Section]:
    """Sections of the abstract ``text`` (one language), offsets shifted by ``base``.

    Text before the first heading, or the whole text when there is none, becomes ``other``
    sections (one per paragraph when ``paragraphs``). A copyright trailer is left out. A
    section that holds only a registry id is labelled ``registration``; text after a
    registration sentence (a data statement) becomes an ``other`` section.
    """
    trailer = _TRAILER.search(text)
    end_all = trailer.start() if trailer else len(text)
    headings = [h for h in find_headings(text) if h[0] < end_all]
    sections: list[Section] = []
    first = headings[0][0] if headings else end_all
    sections += _plain(text, 0, first, lang, base, paragraphs)
    for i, (_, body, heading) in enumerate(headings):
        stop = headings[i + 1][0] if i + 1 < len(headings) else end_all
        sections += _headed(text, body, stop, lang, base, heading.strip())
    return sections


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _make(text: str, start: int, end: int, label: str, lang: str, base: int,
          heading: str | None) -> Section | None:
    start, end = _span(text, start, end)
    if start == end:
        return None
    body = text[start:end]
    if label == "other" and heading is None and _only_registration(body):
        label = "registration"
    return Section(label, lang, body, base + start, base + end, heading)


def _only_registration(body: str) -> bool:
    """True when ``body`` is nothing but registry ids and punctuation (``NCT03171194.``)."""
    ids = find_registrations(body)
    rest = re.sub(r"NCT\s?\d{8}|ChiCTR[-\w]+|EudraCT\s*[\d-]+|ISRCTN\s?\d{8}", "", body)
    return bool(ids) and not re.search(r"\w", rest)


def _plain(text: str, start: int, end: int, lang: str, base: int,
           paragraphs: bool) -> list[Section]:
    """``other`` sections for unheaded text: one, or one per line when ``paragraphs``."""
    if not paragraphs:
        made = _make(text, start, end, "other", lang, base, None)
        return [made] if made else []
    sections = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        made = _make(text, start + m.start(), start + m.end(), "other", lang, base, None)
        if made:
            sections.append(made)
    return sections


def _headed(text: str, start: int, end: int, lang: str, base: int,
            heading: str) -> list[Section]:
    """The section under ``heading``; a registration section stops after its first sentence,
    and what follows becomes an unheaded ``other`` section."""
    label = label_of(heading)
    if label == "registration":
        m = _SENTENCE_END.search(text, start, end)
        if m and text[m.end():end].strip():
            head = _make(text, start, m.end(), label, lang, base, heading)
            rest = _make(text, m.end(), end, "other", lang, base, None)
            return [s for s in (head, rest) if s]
    made = _make(text, start, end, label, lang, base, heading)
    return [made] if made else []
