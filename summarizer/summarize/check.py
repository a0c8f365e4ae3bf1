"""Faithfulness: every number of a summary must be a fact of its study or computed from facts.

``provenance_document`` is what ``write_summaries`` writes next to each summary
(``*.provenance.json``); ``check_summary`` re-verifies a summary file, one a person may have
edited, against its study.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.summarize import view
from summarizer.summarize.numbers import Mention, Support, numbers_in_summary

CLAIM_PATHS = ("facts.design.phase", "facts.design.tags", "facts.participants.n_enrolled",
               "facts.participants.n_screened", "facts.participants.sex",
               "facts.participants.age", "facts.participants.condition", "facts.comparator",
               "facts.adverse_events", "facts.follow_up", "facts.setting")
LIST_PATHS = ("facts.interventions", "facts.outcomes", "facts.results", "facts.comparisons",
              "facts.outcome_values")


@dataclass
class CheckResult:
    """The numbers of one summary: ``numbers`` each with the facts that support it,
    ``unsupported`` those no fact supports ({'text', 'line', 'column', 'start', 'end'})."""

    summary: str
    study_id: str
    numbers: list[dict[str, Any]] = field(default_factory=list)
    unsupported: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unsupported

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def messages(self) -> list[str]:
        """One line per unsupported number: 'FILE:LINE:COL: unsupported number '7''."""
        return [f"{self.summary}:{u['line']}:{u['column']}: unsupported number {u['text']!r}"
                " (not a fact of study " + self.study_id + " nor computed from its facts)"
                for u in self.unsupported]


def provenance_for(study: dict, path: str) -> list[dict[str, Any]]:
    """Source spans of a fact: its own provenance entries, else its nearest ancestor's, else
    those of its parts ('facts.results[0]' → entries under 'facts.results[0].numerator')."""
    table = study.get("provenance") if isinstance(study.get("provenance"), dict) else {}
    key = path
    while key:
        if table.get(key):
            return list(table[key])
        key = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
    return [e for k in sorted(table) if k.startswith((path + ".", path + "["))
            for e in table[k]]


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def number_entry(text: str, mention: Mention, found: list[Support]) -> dict:
    """One number of a summary: where it is, its value, and the facts it comes from."""
    line, column = position(text, mention.start)
    return {"text": mention.text, "start": mention.start, "end": mention.end,
            "line": line, "column": column, "value": mention.value,
            "facts": [{"path": s.path, "how": s.how} for s in unique(found)]}


def unique(found: list[Support]) -> list[Support]:
    """The supports worth citing, without repeats of the same (path, how): those from
    ``facts`` when there are any, else those from conflicts, warnings or links."""
    facts = [s for s in found if s.path.startswith("facts.")]
    seen, out = set(), []
    for s in facts or found:
        if (s.path, s.how) not in seen:
            seen.add((s.path, s.how))
            out.append(s)
    return out


def claims(study: dict) -> list[str]:
    """The paths of the non-empty facts a summary is built from."""
    paths = [p for p in CLAIM_PATHS if view.get(study, p) not in (None, "", [], {})]
    for base in LIST_PATHS:
        paths += [f"{base}[{i}]" for i, _ in enumerate(view.as_list(view.get(study, base)))]
    return paths + [f"conflicts[{i}]" for i, _ in enumerate(view.as_list(study.get("conflicts")))]


def visible_text(text: str, html: bool) -> str:
    """The text whose numbers count: for HTML, tags, styles and scripts blanked to spaces
    (so offsets, lines and columns still point into the file)."""
    if not html:
        return text
    blank = re.compile(r"<(style|script)\b.*?</\1>|<!--.*?-->|<[^>]*>", re.S | re.I)
    return blank.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def check_text(text: str, study: dict, name: str, html: bool = False,
               known: list[Support] | None = None) -> CheckResult:
    """Check the numbers of a summary's text against ``study`` (``known``: its supports, when
    already computed)."""
    result = CheckResult(summary=name, study_id=str(study.get("study_id")))
    seen = visible_text(text, html)
    for mention, found in numbers_in_summary(seen, study, known):
        entry = number_entry(seen, mention, found)
        result.numbers.append(entry)
        if not found:
            result.unsupported.append({k: entry[k] for k in
                                       ("text", "line", "column", "start", "end")})
    return result


def provenance_document(text: str, study: dict, name: str, signature: str,
                        known: list[Support] | None = None) -> dict[str, Any]:
    """What ``*.provenance.json`` holds: ``numbers`` (each with the fact paths it comes from
    and how it was computed), ``claims`` (the fact paths the summary is built from),
    ``provenance`` (fact path → source spans {source, record, start, end, lang}, each path
    once), ``unsupported`` numbers, and the summary's signature."""
    result = check_text(text, study, name, known=known)
    used = claims(study)
    paths = sorted({f["path"] for n in result.numbers for f in n["facts"]} | set(used))
    return {"summary": name, "study_id": result.study_id, "signature": signature,
            "numbers": result.numbers, "unsupported": result.unsupported, "claims": used,
            "provenance": {p: provenance_for(study, p) for p in paths}}


def check_summary(summary_path: Path, study: dict) -> CheckResult:
    """Verify a summary file (.md or .html) against its study: every number must be supported."""
    summary_path = Path(summary_path)
    try:
        text = summary_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as ex:
        raise InputError(str(summary_path), f"cannot read the summary ({ex}); "
                         "pass a UTF-8 .md or .html summary") from ex
    return check_text(text, study, str(summary_path), html=summary_path.suffix == ".html")


def folder_name(study_id: str) -> str:
    """The folder of a study under ``studies/``: its id made file-system-safe (as the
    pipeline names it: '10.1136/x' → '10.1136_x')."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in study_id)


def find_study(summary_path: Path, studies_jsonl: Path | None = None) -> dict:
    """The study of a summary at ``OUT/studies/<id>/<name>``: read from ``studies_jsonl``
    (default ``OUT/studies.jsonl``), picked by the summary's folder name."""
    summary_path = Path(summary_path)
    folder = summary_path.resolve().parent
    jsonl = Path(studies_jsonl) if studies_jsonl else folder.parent.parent / "studies.jsonl"
    if not jsonl.is_file():
        raise InputError(str(jsonl), "no studies.jsonl here; pass it with --study FILE")
    with jsonl.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                study = json.loads(line)
            except json.JSONDecodeError as ex:
                raise InputError(str(jsonl), f"not JSON ({ex.msg}); fix or regenerate the file",
                                 where=f"line {number}") from ex
            if folder_name(str(study.get("study_id"))) == folder.name:
                return study
    raise InputError(str(jsonl), f"no study with id {folder.name!r} (the summary's folder "
                     "name); pass the right file with --study")


def check_summary_file(summary_path: Path, studies_jsonl: Path | None = None) -> CheckResult:
    """``summarizer check-summary``: find the summary's study, then ``check_summary``."""
    return check_summary(summary_path, find_study(summary_path, studies_jsonl))
