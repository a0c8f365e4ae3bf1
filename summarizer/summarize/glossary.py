"""The bilingual lay glossary: explain jargon on first use, lint lay text, translate fact phrases.

The glossary is ``summarizer/data/lay_glossary.tsv`` (curated here, CC0): English variants,
a plain-English explanation, Chinese variants, a plain-Chinese explanation, and whether the
term is jargon (``lay``: 'yes' in both languages, 'en' in English only) or a plain word kept
only to translate fact phrases into Chinese ('no').
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from summarizer.errors import InputError
from summarizer.text.lexicon import whole_words
from summarizer.text.script import HAN, HAN_CHARS

GLOSSARY = "lay_glossary.tsv"
OPEN = {"en": " (", "zh": "（"}
CLOSE = {"en": ")", "zh": "）"}
# Spans never touched by explain() nor linted: inline code, links' targets, bare URLs, comments,
# *emphasis* (titles quoted as written), 【原文：…】 and quotes of the source ("…", “…”): a
# quote is never altered, so a gloss never goes inside one.
MASK = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|https?://\S+|<!--.*?-->|\*[^*\n]+\*"
                  r"|【原文：[^】]*】|“[^”\n]*”|\"[^\"\n]*\"", re.S)
ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9+-]*[A-Z][A-Za-z0-9+-]*(?![A-Za-z0-9])")
# Not abbreviations to explain: registry ids and Roman numerals (phase III, class IV).
IDENTIFIER = re.compile(r"^(NCT\d+|ChiCTR[\w-]+|EudraCT[\w-]*|ISRCTN\d+|PMID|DOI|[IVX]+)$")
CJK = HAN  # one Han character (the text layer's)
ZH_TIME = {"day": "天", "week": "周", "month": "个月", "year": "年"}
ZH_GLUE = {"and": "和", "or": "或", "of": "", "the": "", "a": "", "an": "", "with": "", "in": ""}


@dataclass(frozen=True)
class Term:
    """One glossary row; ``en``/``zh`` hold the variants, the first is the preferred form."""

    en: tuple[str, ...]
    plain_en: str
    zh: tuple[str, ...]
    plain_zh: str
    lay: str

    def jargon(self, lang: str) -> bool:
        """True when a lay reader of ``lang`` needs this term explained."""
        return self.lay == "yes" or (self.lay == "en" and lang == "en")

    def plain(self, lang: str) -> str:
        return self.plain_en if lang == "en" else self.plain_zh


@functools.lru_cache(maxsize=1)
def load_glossary() -> tuple[Term, ...]:
    """All rows of the packaged glossary, in file order."""
    text = resources.files("summarizer.data").joinpath(GLOSSARY).read_text(encoding="utf-8")
    terms = []
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 5 or cells[4] not in ("yes", "en", "no"):
            raise InputError(GLOSSARY, "expected 5 tab-separated cells ending in yes|en|no; "
                             "fix the row", where=f"row {number}")
        en, plain_en, zh, plain_zh, lay = cells
        terms.append(Term(tuple(en.split("|")), plain_en, tuple(zh.split("|")), plain_zh, lay))
    return tuple(terms)


def starts_word(variant: str) -> bool:
    """True when a variant starts with an ASCII letter or digit, so it matches only where a
    word starts (``matcher`` tests that once for all such variants)."""
    return variant[:1].isascii() and variant[:1].isalnum()


def variant_pattern(variant: str) -> str:
    """A regex for one variant: an ASCII word boundary at an ASCII end (the one at an ASCII
    start is ``matcher``'s); case-insensitive unless the variant has a capital after its first
    letter (an acronym: 'SLE', 'CI', 'ClinicalTrials')."""
    body = re.escape(variant)
    if variant[-1:].isascii() and variant[-1:].isalnum():
        body = body + r"(?![A-Za-z0-9-])"
    return body if any(c.isupper() for c in variant[1:]) else f"(?i:{body})"


@functools.lru_cache(maxsize=4)
def matcher(lang: str, lay_only: bool) -> tuple[re.Pattern, dict[str, Term]]:
    """One regex over every variant (longest first) and the map variant (lower) → Term."""
    by_variant: dict[str, Term] = {}
    for term in load_glossary():
        if lay_only and not term.jargon(lang):
            continue
        for v in term.en if lang == "en" else term.zh:
            by_variant.setdefault(v.lower(), term)
    ordered = sorted(by_variant, key=len, reverse=True)
    variants = {v.lower(): v for t in load_glossary() for v in (t.en if lang == "en" else t.zh)}
    # Variants that start a word are tried only where a word starts: testing the boundary
    # once, not in each of hundreds of alternatives, makes English prose ~7x faster to scan.
    # No position can match both groups, so the longest-first order still decides.
    words = "|".join(variant_pattern(variants[v]) for v in ordered if starts_word(v))
    others = "|".join(variant_pattern(variants[v]) for v in ordered if not starts_word(v))
    pattern = "|".join(filter(None, [words and rf"(?<![A-Za-z0-9-])(?:{words})", others]))
    return re.compile(pattern), by_variant


def masked(text: str) -> list[tuple[int, int]]:
    """(start, end) of spans to leave alone (code, link targets, URLs, comments)."""
    return [m.span() for m in MASK.finditer(text)]


# What ends a Chinese medicine's name (胶囊 capsules, 注射液 injection, 颗粒 granules …).
ZH_PRODUCT = re.compile(r"胶囊|片(?![段刻面])|注射液|颗粒|口服液|丸|软膏|乳膏|冲剂|滴眼液|喷雾剂")


def prose_matches(text: str, lang: str) -> list[tuple[re.Match, Term]]:
    """Jargon matches outside headings and masked spans, in text order."""
    pattern, by_variant = matcher(lang, True)
    skip = masked(text) + [m.span() for m in re.finditer(r"(?m)^#.*$", text)]
    out = []
    for m in pattern.finditer(text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        # a Chinese term inside a longer word is not that term: 生存 of 生存率; nor is one in
        # a medicine's name: 血小板 of 升血小板胶囊
        if lang == "zh" and (whole_words(text, *m.span()) != m.span()
                             or ZH_PRODUCT.match(text, m.end())):
            continue
        out.append((m, by_variant[m.group(0).lower()]))
    return out


def explained_at(text: str, end: int) -> bool:
    """True when the text at ``end`` opens an explanation in brackets: '(' or '（' followed by
    words, not by a number ('MCR (13/40, 32.5%)' is not explained)."""
    return re.match(r" ?[(（]\s*[^\d\s]", text[end:end + 4]) is not None


def runs(text: str, lang: str) -> list[list[tuple[re.Match, Term]]]:
    """Jargon matches grouped into runs of adjacent terms ('umbilical cord' + 'mesenchymal
    stromal cells'), which are explained together after the run's last term."""
    out: list[list[tuple[re.Match, Term]]] = []
    for m, term in prose_matches(text, lang):
        if out and re.fullmatch(r"[\s-]*", text[out[-1][-1][0].end():m.start()]):
            out[-1].append((m, term))
        else:
            out.append([(m, term)])
    return out


def explain(text: str, lang: str) -> str:
    """Add plain explanations in brackets after the first use of each jargon term; adjacent
    terms share one bracket ('term: plain; term: plain'). A run already followed by brackets
    is taken as explained. Used as a Jinja filter: ``{% filter explain("en") %}``."""
    seen: set[Term] = set()
    out, last = [], 0
    for run in runs(text, lang):
        new = [(m, t) for m, t in run if t not in seen]
        seen.update(t for _, t in run)
        end = run[-1][0].end()
        if not new or explained_at(text, end):
            continue
        if len(run) == 1:
            note = new[0][1].plain(lang)
        else:
            colon, sep = (": ", "; ") if lang == "en" else ("：", "；")
            note = sep.join(f"{m.group(0)}{colon}{t.plain(lang)}" for m, t in new)
        out.append(text[last:end] + OPEN[lang] + note + CLOSE[lang])
        last = end
    return "".join(out) + text[last:]


# "umbilical cord (UC)": the words before the bracket spell the abbreviation out.
DEFINED_BEFORE = re.compile(rf"[A-Za-z{HAN_CHARS}]{{2,}}\s*[(（]$")


def lint_lay_summary(text: str, lang: str) -> list[str]:
    """Problems a lay reader would hit, one message each: jargon not explained in brackets at
    its first use (a run of adjacent terms may share one bracket), and abbreviations that are
    neither in the glossary nor explained (in brackets after it, or spelled out before it:
    ``umbilical cord (UC)``)."""
    problems, seen = [], set()
    for run in runs(text, lang):
        explained = explained_at(text, run[-1][0].end())
        for m, term in run:
            if term not in seen and not explained:
                problems.append(f"line {line_of(text, m.start())}: {m.group(0)!r} is not "
                                "explained at its first use")
            seen.add(term)
    known = {v.lower() for t in load_glossary() for v in t.en + t.zh}
    skip = masked(text) + [m.span() for m in re.finditer(r"(?m)^#.*$", text)]
    reported = set()
    for m in ACRONYM.finditer(text):
        word = m.group(0).rstrip("-+")
        if (word.lower() in known or IDENTIFIER.match(word) or word in reported
                or any(a <= m.start() < b for a, b in skip) or explained_at(text, m.end())
                or DEFINED_BEFORE.search(text, 0, m.start()) and text[m.end():m.end() + 1]
                in ")）"):
            continue
        reported.add(word)
        problems.append(f"line {line_of(text, m.start())}: abbreviation {word!r} is not "
                        "explained")
    return problems


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def to_zh(phrase: str | None, strict: bool = False) -> str | None:
    """Translate a short English fact phrase ('umbilical cord mesenchymal stromal cells',
    'SRI-4 at 20 weeks', 'days 0 and 7') with the glossary; a phrase with any word the glossary
    does not cover is kept in English after the Chinese of its head term, marked
    原文 ('the original'), never half-translated; ``strict``: None instead (the fact cannot
    be said in Chinese)."""
    if phrase is None or CJK.search(phrase):
        return phrase
    parts = re.split(r"\s+of\s+", phrase.strip())
    if len(parts) == 2:  # 'severity of radiation dermatitis': 放射性皮炎的严重程度
        said = [translate_pieces(part) for part in reversed(parts)]
        if all(said):
            return join_zh([*said[0], "的", *said[1]])
    pieces = translate_pieces(phrase)
    if pieces is not None and len(pieces) > 1 and pieces[-1].endswith("时"):
        return join_zh([pieces[-1], "的", *pieces[:-1]])  # 'SRI-4 at 20 weeks': 第 20 周时的 SRI-4
    if pieces is not None:
        return join_zh(pieces)
    if strict:
        return None
    head = head_term(phrase)
    return f"{head}【原文：{phrase}】" if head else phrase


def translate_pieces(phrase: str) -> list[str] | None:
    """The Chinese pieces of ``phrase`` in order, or None when a word is not covered."""
    pattern, by_variant = matcher("en", False)
    found = [(m, by_variant[m.group(0).lower()].zh[0]) for m in pattern.finditer(phrase)]
    found += [(m, zh(m)) for rx, zh in PHRASES for m in rx.finditer(phrase)]
    pieces, pos = [], 0
    for m, piece in sorted(found, key=lambda f: (f[0].start(), -f[0].end())):
        if m.start() < pos:
            continue
        if not gap_ok(phrase[pos:m.start()], pieces):
            return None
        if not pieces or pieces[-1] != piece:  # 'major clinical response (MCR)': once
            pieces.append(piece)
        pos = m.end()
    if not gap_ok(phrase[pos:], pieces):
        return None
    # a comma before a count or a time ('once weekly, 3 doses') is a clause's, not a list's
    return ["，" if p == "、" and i + 1 < len(pieces) and re.match(r"[共第经在\d]", pieces[i + 1])
            else p for i, p in enumerate(pieces)]


def gap_ok(gap: str, pieces: list[str]) -> bool:
    """A gap between known terms may hold only glue words ('and', 'of'); their Chinese is
    appended to ``pieces``."""
    glued = False
    for word in re.findall(r"[^\s,;:()/.\"-]+", gap):  # stray full stops and quotes are no words
        if word.lower() not in ZH_GLUE:
            return False
        if ZH_GLUE[word.lower()]:
            pieces.append(ZH_GLUE[word.lower()])
            glued = True
    if "," in gap and pieces and not glued:  # a list: 'anxiety, depression' 焦虑、抑郁
        pieces.append("、")
    return True


def time_zh(m: re.Match) -> str:
    """'at 20 weeks' → '第 20 周时', 'after 12 months' → '经过 12 个月', '20 weeks' → '20 周'."""
    unit = ZH_TIME[m.group(3).lower()]
    if (m.group(1) or "").lower() in ("at", "by"):
        return f"{'到' if m.group(1).lower() == 'by' else ''}第 {m.group(2)} {unit}时"
    prefix = {"after": "经过 ", "during": "在 "}.get((m.group(1) or "").lower(), "")
    return f"{prefix}{m.group(2)} {unit}"


# Number phrases of fact strings, as (regex, Chinese) pairs; the numbers are kept as written.
PHRASES = [
    (re.compile(r"(?i)\b(?:(at|by|after|for|during)\s+)?(\d+(?:[.·]\d+)?)\s*"
                r"(day|week|month|year)s?\b"), time_zh),
    (re.compile(r"(?i)\bdays?\s+(\d+)\s+and\s+(\d+)\b"),
     lambda m: f"第 {m.group(1)} 天和第 {m.group(2)} 天"),
    (re.compile(r"(?i)\b(\d+)\s+(?:doses|infusions|injections|times)\b"),
     lambda m: f"共 {m.group(1)} 次"),
    (re.compile(r"(?i)\(?\brange\s+(\d+(?:[.·]\d+)?)\s*[-–]\s*(\d+(?:[.·]\d+)?)\)?"),
     lambda m: f"（范围 {m.group(1)}–{m.group(2)}）"),
]


def join_zh(pieces: list[str]) -> str:
    """Concatenate Chinese pieces, with a space between Chinese and Latin letters or digits."""
    out = ""
    for piece in pieces:
        if out and piece and (out[-1].isascii() != piece[0].isascii()
                              or (out[-1].isalnum() and piece[0].isalnum() and out[-1].isascii())):
            out += " "
        out += piece
    return out


EN_UNIT = {"天": "days", "周": "weeks", "个月": "months", "月": "months", "年": "years"}
ZH_PHRASES = [
    (re.compile(r"第\s*(\d+)\s*天(?:和|、|及)第\s*(\d+)\s*天"),
     lambda m: f"days {m.group(1)} and {m.group(2)}"),
    (re.compile(r"(\d+(?:[.·]\d+)?)\s*(天|周|个月|月|年)"),
     lambda m: f"{m.group(1)} {EN_UNIT[m.group(2)]}"),
]
EN_GLUE = {"和": "and", "或": "or", "及": "and", "与": "and", "的": "", "、": ",", "，": ","}


def to_en(phrase: str | None, strict: bool = False) -> str | None:
    """Translate a short Chinese fact phrase ('脐带间充质干细胞', '类风湿关节炎', '24 周') into
    English with the glossary; a phrase with Chinese the glossary does not cover becomes the
    English of its last known term followed by the original in brackets, or stays as it is;
    ``strict``: None instead (the fact cannot be said in English)."""
    if phrase is None or not CJK.search(phrase):
        return phrase
    pattern, by_variant = matcher("zh", False)
    found = [(m, by_variant[m.group(0).lower()].en[0]) for m in pattern.finditer(phrase)]
    found += [(m, en(m)) for rx, en in ZH_PHRASES for m in rx.finditer(phrase)]
    pieces, pos, covered = [], 0, True
    for m, piece in sorted(found, key=lambda f: (f[0].start(), -f[0].end())):
        if m.start() < pos:
            continue
        covered &= en_gap(phrase[pos:m.start()], pieces)
        if not pieces or pieces[-1] != piece:
            pieces.append(piece)
        pos = m.end()
    covered &= en_gap(phrase[pos:], pieces)
    if covered and pieces:
        return re.sub(r"\s+([,])", r"\1", " ".join(p for p in pieces if p))
    if strict:
        return None
    known = [p for p in pieces if p and p not in EN_GLUE.values()]
    return f"{known[-1]} [Chinese original: {phrase}]" if known else phrase


def en_gap(gap: str, pieces: list[str]) -> bool:
    """A gap between known Chinese terms may hold glue (和, 的), spaces, and Latin text kept
    as written; appends their English to ``pieces``; False when Chinese is left over."""
    for token in re.findall(rf"[{HAN_CHARS}]|[^\s{HAN_CHARS}]+", gap):
        if token in EN_GLUE:
            pieces.append(EN_GLUE[token])
        elif CJK.match(token):
            return False
        else:
            pieces.append(token)
    return True


HEAD_BREAK = re.compile(r"\s+(?:to|in|of|with|after|at|by|for|during|who|that|receiving|"
                        r"refractory|resistant)\b|\s*\(")


def head_term(phrase: str) -> str | None:
    """The Chinese of the phrase's head: the last glossary term of the first segment (cut at
    prepositions, 'refractory', brackets) that holds one ('severe SLE refractory to ...' →
    SLE), or None."""
    pattern, by_variant = matcher("en", False)
    for segment in HEAD_BREAK.split(phrase):
        found = list(pattern.finditer(segment))
        if found:
            return by_variant[found[-1].group(0).lower()].zh[0]
    return None
