"""Sentence segmentation of English and Chinese abstracts, with offsets.

English: a boundary follows ``.``, ``!`` or ``?`` (and any closing quotes or brackets) before
whitespace and a capital, digit or opening bracket; or a period glued to a capitalized word
(``therapy.Methods``). No boundary after abbreviations (``vs.``, ``et al.``, ``e.g.``,
``Fig.``), initials, or inside brackets. Chinese: a boundary follows 。！？； (with closing
quotes and brackets kept in the sentence), never inside brackets. Run-in headings
(``Background``, ``Methods:``, 【目的】, 结果：) become sentences of their own, and a line break
ends a sentence when the line ends with final punctuation or is a heading.
"""

from __future__ import annotations

import re

from summarizer.ingest.pubmed_xml import decoded_spans
from summarizer.ingest.sections import ZH_HEADINGS as ZH_SECTION_HEADINGS
from summarizer.schema import Record, Sentence
from summarizer.text.formulas import formula_end
from summarizer.text.script import HAN, HAN_CHARS

EN_HEADINGS = (
    "background", "backgrounds", "introduction", "objective", "objectives", "aim", "aims",
    "purpose", "context", "methods", "method", "materials and methods", "patients and methods",
    "methods and materials", "design", "setting", "settings", "participants", "patients",
    "interventions", "intervention", "measurements", "main outcome measures",
    "main outcomes and measures", "outcomes", "results", "findings", "conclusion",
    "conclusions", "interpretation", "discussion", "trial registration", "registration",
    "funding", "significance", "summary", "abstract",
)
# every heading that opens a section of a Chinese abstract, and those that open none
ZH_HEADINGS = (*(name for names in ZH_SECTION_HEADINGS.values() for name in names),
               "摘要", "前言", "引言", "讨论", "意义", "对象", "干预", "主要结局指标", "注册",
               "基金")
ABBREVIATIONS = {
    "vs", "v", "al", "e.g", "i.e", "eg", "ie", "cf", "dr", "mr", "mrs", "ms", "prof", "approx",
    "ca", "inc", "ltd", "co", "jr", "sr", "st", "ed", "eds", "resp", "incl", "dept", "univ",
    "viz",
}
BEFORE_NUMBER = {"no", "nos", "fig", "figs", "ref", "refs", "vol", "pp", "tab", "sec", "eq"}
_EN_NAMES = "(?i:" + "|".join(sorted(map(re.escape, EN_HEADINGS), key=len, reverse=True)) + ")"
_EN_HEADING_RE = re.compile(
    r"(?P<h>" + _EN_NAMES + r"\s*:|" + _EN_NAMES + r"(?=\.?\s+[A-Z0-9\"“]|\.\s+[(\[]))"
)
_ZH_HEADING_RE = re.compile(
    r"(?P<h>[【\[〔(（]\s*(?:" + "|".join(ZH_HEADINGS) + r")\s*[】\]〕)）]"
    r"|(?:" + "|".join(sorted(ZH_HEADINGS, key=len, reverse=True)) + r")\s*[:：]"
    r"|(?:" + "|".join(sorted(ZH_HEADINGS, key=len, reverse=True)) + r")(?=\s))\s*"
)
_CLOSERS = "\"'”’」』）)]】〕》"
_OPEN = {"(": ")", "（": "）", "[": "]", "【": "】"}
_CLOSE = set(_OPEN.values())
_EN_END = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*")
_ZH_END = re.compile(rf"(?:[。！？；!?]+|\.(?=[{HAN_CHARS}]))[" + re.escape(_CLOSERS) + r"]*")
_ZH_CHAR = HAN
# A bracket whose content was cut off with the rest of its sentence ("between the two groups (
# The patients ..."): a corpus that drops P values leaves it; the next sentence starts after it.
_CUT_BRACKET = re.compile(r"[(\[]\s{2,}(?=[A-Z])")
# ... and in Chinese: "差异有统计学意义( 应用股前外侧皮瓣…可取得良好疗效。", no closing bracket
_CUT_BRACKET_ZH = re.compile(rf"[(（][ \t]+(?=[{HAN_CHARS}])(?![^)）。]{{0,200}}[)）])")


def split_sentences(text: str, lang: str, offset: int = 0) -> list[Sentence]:
    """Sentences of ``text`` in ``lang`` ('en' or 'zh'); offsets are ``offset`` + positions in
    ``text``, so ``text[s.start - offset:s.end - offset] == s.text``. Headings are sentences
    whose ``section`` is the heading's canonical name."""
    out: list[Sentence] = []
    for start, end in _paragraphs(text):
        for a, b in _split_paragraph(text, start, end, lang):
            a, b = _trim(text, a, b)
            if b > a:
                out.append(Sentence(text[a:b], lang, a + offset, b + offset))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of text between line breaks that end a sentence: a blank line, or a line that
    ends with final punctuation, or a line that is a heading alone."""
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        line = text[start : m.start()].rstrip()
        if _ends_paragraph(line, text[m.end() :]):
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _ends_paragraph(line: str, rest: str) -> bool:
    last_line = line.rsplit("\n", 1)[-1].strip()
    if not last_line or not rest.strip() or rest.startswith("\n"):
        return True
    if last_line[-1] in ".!?。！？；:：" + _CLOSERS:
        return True
    return heading_label(last_line) is not None


def heading_label(text: str) -> str | None:
    """The heading name if ``text`` is only a heading (``Methods:``, 【目的】), else None."""
    bare = text.strip().strip(":：.【】[]〔〕()（） ").lower()
    if bare in EN_HEADINGS or bare in ZH_HEADINGS:
        return bare
    return None


def _split_paragraph(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]: run-in heading first, then punctuation boundaries."""
    spans, pos = [], start
    while pos < end:
        pos = _skip_space(text, pos, end)
        head = _heading_at(text, pos, end, lang)
        if head:
            spans.append((pos, head))
            pos = head
            continue
        stop = _next_boundary(text, pos, end, lang)
        spans.append((pos, stop))
        pos = stop
    return spans


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _heading_at(text: str, pos: int, end: int, lang: str) -> int | None:
    """End of a run-in heading starting at ``pos`` (followed by more text), else None."""
    regex = _EN_HEADING_RE if lang == "en" else _ZH_HEADING_RE
    m = regex.match(text, pos, end)
    if not m or m.end() >= end:
        return None
    if lang == "en" and not m["h"].endswith(":") and not m["h"][0].isupper():
        return None
    head = pos + len(m["h"])
    return head + 1 if lang == "en" and text[head : head + 1] == "." else head


def _next_boundary(text: str, pos: int, end: int, lang: str) -> int:
    """End of the sentence that starts at ``pos`` (``end`` when no boundary follows)."""
    regex = _EN_END if lang == "en" else _ZH_END
    depth = 0
    formula = pos  # end of the inline formula being read: no sentence ends inside one
    i = pos
    while i < end:
        ch = text[i]
        cut = _CUT_BRACKET if lang == "en" else _CUT_BRACKET_ZH
        if not depth and cut.match(text, i, end):
            return i + 1
        if ch == "$" and i >= formula:
            formula = formula_end(text, i, end) or formula
        if ch in _OPEN and _closes(text, i, end):
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        m = regex.match(text, i, end)
        if m and not depth and i >= formula and _is_boundary(text, pos, i, m.end(), end, lang):
            return m.end()
        i = m.end() if m else i + 1
    return end


# How far a bracket's close is looked for: an aside is short; a bracket a PDF conversion left
# open (``group (PR≥10%+ (204号 ki-67≤20% )248 cases``) must not hold the rest of the paragraph.
BRACKET_REACH = 250


def _closes(text: str, i: int, end: int) -> bool:
    """Whether the bracket at i is closed, brackets inside it balanced, within
    ``BRACKET_REACH`` characters of the paragraph (unbalanced ones are ignored)."""
    depth = 0
    for j in range(i, min(end, i + BRACKET_REACH)):
        if text[j] in _OPEN:
            depth += 1
        elif text[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return True
    return False


def _is_boundary(text: str, start: int, i: int, j: int, end: int, lang: str) -> bool:
    """Whether the final punctuation text[i:j] ends a sentence."""
    if j >= end:
        return True
    if lang == "zh":
        return True
    nxt = text[j]
    if not nxt.isspace():
        return _glued(text, start, i, j)
    k = _skip_space(text, j, end)
    if k >= end:
        return True
    follower = text[k]
    if text[i] == "." and _abbreviation(text, start, i, follower.isdigit()):
        return False
    return follower.isupper() or follower.isdigit() or follower in "([\"“'‘" or bool(
        _ZH_CHAR.match(follower))


# How far back a period's word is looked for: abbreviations are short, and a search over the
# whole sentence so far is quadratic on a long run of letters.
LOOKBACK = 64


def _glued(text: str, start: int, i: int, j: int) -> bool:
    """``therapy.Methods Six``: a period between a word (lower-case, or an acronym:
    ``LVRR.Multiple``, not ``Mt.Sinai``), a decimal or a number of three digits or more (not
    a list's ``1.Patients`` or ``Table 1.Characteristics``), a percentage, a bracket's or a
    formula's close (``0.001.Risk``, ``(P<0.01).The``, ``$6 0 \\%$ .Thecells``) and a
    capitalized word."""
    before = re.search(r"(?:[a-z]{2,}|[A-Z]{2,}|\d\.\d+|\d{3,}|%|[$)] ?)$",
                       text[max(start, i - LOOKBACK):i])
    after = re.match(r"[A-Z][a-z]+", text[j:])
    return bool(before and after and text[i] == "." and j == i + 1 and
                not _abbreviation(text, start, i))


def _abbreviation(text: str, start: int, i: int, before_digit: bool = False) -> bool:
    """Whether the period at ``i`` closes an abbreviation (``vs.``, ``et al.``, ``e.g.``), an
    initial (``J.``), or ``Fig.``/``No.`` before a number."""
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(start, i - LOOKBACK):i])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS or (before_digit and word in BEFORE_NUMBER):
        return True
    return len(word) == 1 and m.group(1).isupper()


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def segment_record(record: Record) -> dict[str, list[Sentence]]:
    """Sentences of each language of ``record``'s abstract: {'en': [...], 'zh': [...]}, with
    offsets into ``record.text`` (None for sections that could not be placed) and
    ``section`` set to the section label."""
    out: dict[str, list[Sentence]] = {}
    for lang in ("en", "zh"):
        sentences = []
        for section in record.sections(lang):
            base = section.start if section.start is not None else 0
            found = split_sentences(section.text, lang, base)
            # A section decoded from XML markup (``P &lt; 0.05``) is no verbatim slice: its
            # sentences' offsets are mapped back to the raw text they were read from.
            raw = decoded_spans(record, section, [(s.start - base, s.end - base) for s in found])
            for i, s in enumerate(found):
                if section.start is None:
                    s.start = s.end = None
                elif raw is not None:
                    s.start, s.end = raw[i] or (None, None)
                s.section = section.label
                sentences.append(s)
        if sentences:
            out[lang] = sentences
    return out
