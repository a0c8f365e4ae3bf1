"""Numbers in text, and the numbers a study supports (its facts and what is computed from them).

A number in a summary is *supported* when it equals, to the precision it is written with, a
number of the study's facts (including numbers written inside fact strings, such as the '20' of
'SRI-4 at 20 weeks') or a figure computed from them (a percentage n/d, a dose in millions).
Numbers are read by the text layer (``summarizer.text.numbers``): '83.3', '12·4', '1,000',
'1×10⁶', '1 x 10^6', '2 million', '100 万', 'five', '五'. Only numbers written in digits are
checked: those written as words ('five', '一') are found but neither checked nor used as support
(the templates write digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarizer.summarize import view
from summarizer.text.literal import occurrences
from summarizer.text.numbers import find_numbers as read_numbers

SKIPPED_STUDY_KEYS = ("summaries", "alignments", "records", "provenance")
# Leaves that are names or offsets, not data: their digits support nothing.
NAME_KEYS = ("source", "sources", "record", "field", "kind", "start", "end", "registrations")


@dataclass(frozen=True)
class Mention:
    """A number as written in a text: ``text[start:end] == self.text``; ``decimals`` is the
    precision it claims, as a power of ten: 1 for '83.3', 0 for '83', -3 for '1.235×10⁶'
    (thousands), -6 for '2 million'; ``spelled``: written in words ('five', '五')."""

    text: str
    start: int
    end: int
    value: float
    decimals: int
    spelled: bool = False


@dataclass(frozen=True)
class Support:
    """A number the study supports: ``path`` is the fact it comes from ('facts.results[0]'),
    ``how`` says how it was computed ('' when it is the fact itself)."""

    value: float
    path: str
    how: str = ""


def find_numbers(text: str) -> list[Mention]:
    """Every number in ``text``, in order (a range '26–57' gives two), as the text layer reads
    it, with the precision it is written with."""
    return [Mention(n.text, n.start, n.end, float(n.value), n.places - (n.power or 0),
                    n.spelled) for n in read_numbers(text)]


def walk(obj: Any, path: str) -> list[tuple[str, Any]]:
    """(dotted path, leaf) for every leaf of a JSON-like value ('facts.results[0].ci[1]')."""
    if isinstance(obj, dict):
        return [leaf for k, v in obj.items() for leaf in walk(v, f"{path}.{k}" if path else k)]
    if isinstance(obj, list):
        return [leaf for i, v in enumerate(obj) for leaf in walk(v, f"{path}[{i}]")]
    return [(path, obj)]


def stated(study: dict) -> list[Support]:
    """Numbers the study states: numeric leaves, and digits inside its strings (not those
    inside file names or identifiers quoted in them)."""
    out = []
    for key in study:
        if key in SKIPPED_STUDY_KEYS or key in ("sources", "identifiers", "study_id"):
            continue
        for path, leaf in walk(study[key], key):
            if isinstance(leaf, bool) or last_key(path) in NAME_KEYS:
                continue
            if isinstance(leaf, (int, float)):  # text shows no sign: '-2' reads as 2
                out.append(Support(abs(float(leaf)), parent(path)))
            elif isinstance(leaf, str):
                out += [Support(m.value, parent(path)) for m in numbers_outside(leaf, study)]
    return out


def last_key(path: str) -> str:
    """'conflicts[0].values[1].sources[0]' → 'sources'."""
    return re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]


def parent(path: str) -> str:
    """The fact a leaf belongs to: 'facts.results[0].ci[1]' → 'facts.results[0]',
    'facts.participants.n_enrolled' stays (a scalar fact is its own fact)."""
    m = re.match(r"(facts\.(?:interventions|results|outcomes)\[\d+\])", path)
    if m:
        return m.group(1)
    return re.sub(r"\[\d+\]$", "", path)


def computed(study: dict) -> list[Support]:
    """Figures computed from facts: percentages of results and of sex counts, people without
    the result (d − n), doses in millions and in 万 (10⁴)."""
    out = []
    for r in view.results(study):
        if r["n"] is not None and r["d"]:
            out.append(Support(100 * r["n"] / r["d"], r["path"], "100 × numerator / denominator"))
            out.append(Support(r["d"] - r["n"], r["path"], "denominator − numerator"))
    n = view.as_int(view.get(study, "facts.participants.n_enrolled"))
    sex = view.sex_counts(study)
    for key in ("female", "male"):
        if sex[key] is not None and n:
            out.append(Support(100 * sex[key] / n, "facts.participants.sex",
                               f"100 × {key} / n_enrolled"))
    for item in view.interventions(study):
        for i, dose in enumerate(item["doses"]):
            if dose["value"] is not None:
                path = f"{item['path']}.dose[{i}]"
                out.append(Support(dose["value"] / 1e6, path, "dose value / 10⁶ (million)"))
                out.append(Support(dose["value"] / 1e4, path, "dose value / 10⁴ (万)"))
    return out


def supports(study: dict) -> list[Support]:
    """Every number the study supports, stated or computed."""
    return stated(study) + computed(study)


def matches(mention: Mention, support: Support) -> bool:
    """True when the mention is ``support.value`` rounded to the mention's precision
    ('83' for 83.3; '1.235×10⁶' for 1234567; '2 million' for 2000000)."""
    tolerance = 0.5 * 10.0 ** -mention.decimals
    return abs(mention.value - support.value) <= tolerance * (1 + 1e-9) + 1e-9


def literal_spans(text: str, study: dict) -> list[tuple[int, int]]:
    """Spans of ``text`` that are names, not numbers: identifiers, source file names (the
    study's and anything named like a file), the study id, URLs and HTML comments (the
    signature line)."""
    names = [str(study.get("study_id") or "")] + view.sources(study)
    ids = study.get("identifiers") if isinstance(study.get("identifiers"), dict) else {}
    names += [str(x) for v in ids.values() for x in view.as_list(v)]
    names += [str(link.get("source")) for link in view.as_list(study.get("links"))
              if isinstance(link, dict) and link.get("source")]
    spans = [m.span() for m in re.finditer(r"https?://\S+|<!--.*?-->|[\w.-]+\.(?:txt|ris|nbib|"
                                            r"xml|jsonl?|csv|tsv|enw|bib)\b", text, re.S)]
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        spans += list(occurrences(name, text))
    return spans


def numbers_outside(text: str, study: dict) -> list[Mention]:
    """The numbers of ``text`` written in digits that are not inside names
    (``literal_spans``)."""
    skip = literal_spans(text, study)
    return [m for m in find_numbers(text)
            if not m.spelled and not any(a <= m.start < b for a, b in skip)]


def numbers_in_summary(text: str, study: dict, known: list[Support] | None = None
                       ) -> list[tuple[Mention, list[Support]]]:
    """Each number of a summary with the supports it matches ([] = unsupported);
    ``known``: ``supports(study)`` when the caller already has it."""
    known = supports(study) if known is None else known
    return [(m, [s for s in known if matches(m, s)]) for m in numbers_outside(text, study)]
