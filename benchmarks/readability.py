"""Readability and language of the lay summaries, on the seeds, the dev abstracts and the real
dev exports, against human-written references.

Sets: ``seeds`` (corpus/), ``dev`` (the 50 WMT Medline and 6 ParaMed NEJM bilingual abstracts,
pasted as a user would, read by benchmarks/facts_eval.py's loaders), ``dev-zh`` (their Chinese
sides alone, as CNKI and Wanfang users have them: the English summary is told from Chinese
facts), ``realworld`` (every
record of ../shared/realworld-dev by its detected reader); each record is one study, facts
extracted with patterns only. Per set: English lay summaries' Flesch-Kincaid grade (textstat
0.7.8; n at or under the target of 8, max, median), Chinese lay summaries' mean sentence length
in characters (n at or under 25), and how many summaries hold the other language (Chinese
characters in English; an English phrase, two words or more, in Chinese, outside code spans
and links). References: the Cochrane plain-language summaries written by people
(data/summaries/cochrane_pls_val) and the Chinese side of the dev alignment data.

Usage: python benchmarks/readability.py [--data ../shared/data] [--set seeds|dev|dev-zh|realworld]
       [--studies OUT/studies.jsonl] [--show]
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def study_lines(records: list) -> list[dict]:
    """One studies.jsonl line per record (facts extracted, no alignment, no tagger)."""
    from summarizer.group import group_records
    from summarizer.pipeline import extract_study, study_line

    lines = []
    for record in records:
        for study in group_records([record]):
            line = study_line(study)
            line.update(extract_study(study, None))
            lines.append(line)
    return lines


def set_records(name: str, shared: Path) -> list:
    """The records of a set (see the module docstring)."""
    from summarizer.ingest import read_paths
    from summarizer.schema import Record

    if name == "seeds":
        paths = sorted((ROOT / "corpus").glob("0*.txt"))
        return [r for r in read_paths(paths) if isinstance(r, Record)]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import facts_eval

    if name == "dev":
        return [*facts_eval.wmt_records(shared).values(),
                *facts_eval.paramed_records(shared).values()]
    if name == "dev-zh":
        return [*facts_eval.wmt_records(shared, ("zh",)).values(),
                *facts_eval.paramed_records(shared, ("zh",)).values()]
    return list(facts_eval.realworld_records(shared).values())


def other_language(text: str, lang: str, study_id: str = "") -> bool:
    """Whether a summary holds words of the other language (``view.other_language``), outside
    its signature, code spans, links and the study's id (a name)."""
    from summarizer.summarize.view import other_language as holds_other

    body = re.sub(r"<!--.*?-->|`[^`]*`|\]\([^)]*\)", "", text.replace(study_id, ""), flags=re.S)
    return holds_other(body, lang)


def lay_summaries(studies: list[dict]) -> dict[str, dict[str, str]]:
    """{study_id: {'en': lay_en text, 'zh': lay_zh text}}, rendered in a temporary folder."""
    from summarizer.summarize import write_summaries

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for study in studies:
            paths = write_summaries(study, Path(tmp))
            out[study["study_id"]] = {lang: (Path(tmp) / paths[f"lay_{lang}"]).read_text("utf-8")
                                      for lang in ("en", "zh")}
    return out


def fkgl_of_lines(path: Path) -> list[float]:
    """FKGL of each line of a text file (one document a line)."""
    import textstat

    return [textstat.flesch_kincaid_grade(line) for line in path.read_text("utf-8").splitlines()
            if line.strip()]


def zh_documents(data: Path) -> dict[str, list[str]]:
    """Chinese dev documents: {'wmt': [...], 'paramed': [...]}, one string per document."""
    docs: dict[str, list[str]] = {"wmt": [], "paramed": []}
    wmt = defaultdict(list)
    for line in (data / "align/wmt_medline_en2zh/medline_en2zh_zh.txt").read_text(
            "utf-8").splitlines():
        doc, _, sentence = line.split("\t", 2)
        wmt[doc].append(sentence)
    docs["wmt"] = ["\n".join(s) for _, s in sorted(wmt.items())]
    for path in sorted((data / "align/paramed_nejm_dev").glob("doc*.zh")):
        lines = [line.replace(" ", "") for line in path.read_text("utf-8").splitlines()]
        docs["paramed"].append("\n".join(lines))
    return docs


def medians(measures: list[dict[str, float]]) -> dict[str, float]:
    keys = ("mean_sentence_chars", "rare_word_share")
    return {k: round(statistics.median(m[k] for m in measures), 4) for k in keys}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--set", choices=("seeds", "dev", "dev-zh", "realworld"),
                        action="append")
    parser.add_argument("--studies", type=Path, default=None)
    parser.add_argument("--show", action="store_true", help="print each summary's figures")
    args = parser.parse_args()

    from summarizer.summarize.readability import FKGL_TARGET, ZH_TARGET, fkgl, zh_readability

    sets: dict[str, list[dict]] = {}
    if args.studies:
        sets["studies"] = [json.loads(line) for line in
                           args.studies.read_text("utf-8").splitlines() if line.strip()]
    for name in args.set or ([] if args.studies else ["seeds", "dev", "dev-zh", "realworld"]):
        sets[name] = study_lines(set_records(name, args.data.parent))
    figures: dict[str, object] = {}
    for name, studies in sets.items():
        seen: dict[str, int] = {}
        for study in studies:  # WMT and ParaMed both number their documents doc1, doc2, ...
            seen[study["study_id"]] = seen.get(study["study_id"], 0) + 1
            if seen[study["study_id"]] > 1:
                study["study_id"] += f"-{seen[study['study_id']]}"
        lay = lay_summaries(studies)
        en = {sid: round(fkgl(t["en"]), 2) for sid, t in lay.items()}
        zh = {sid: zh_readability(t["zh"])["mean_sentence_chars"] for sid, t in lay.items()}
        mixed = {lang: sorted(sid for sid, t in lay.items()
                              if other_language(t[lang], lang, sid))
                 for lang in ("en", "zh")}
        if args.show:
            for sid in lay:
                print(name, sid, en[sid], zh[sid], *(f"{lang}-mixed" for lang in mixed
                                                     if sid in mixed[lang]), file=sys.stderr)
        figures[name] = {
            "summaries": len(lay),
            "en_fkgl_ok": sum(v <= FKGL_TARGET for v in en.values()),
            "en_fkgl_max": max(en.values()), "en_fkgl_median": statistics.median(en.values()),
            "zh_sentence_ok": sum(v <= ZH_TARGET["mean_sentence_chars"] for v in zh.values()),
            "zh_sentence_max": max(zh.values()),
            "en_with_chinese": len(mixed["en"]), "zh_with_english": len(mixed["zh"]),
        }
    pls = fkgl_of_lines(args.data / "summaries/cochrane_pls_val/val.target")
    abstracts = fkgl_of_lines(args.data / "summaries/cochrane_pls_val/val.source")
    dev = {name: [zh_readability(d) for d in docs]
           for name, docs in zh_documents(args.data).items()}
    print(json.dumps({
        **figures, "fkgl_target": FKGL_TARGET, "zh_target": ZH_TARGET,
        "cochrane_pls_fkgl_median": round(statistics.median(pls), 2),
        "cochrane_abstract_fkgl_mean": round(statistics.mean(abstracts), 2),
        "cochrane_pls_n": len(pls),
        "dev_zh_wmt_median": medians(dev["wmt"]),
        "dev_zh_paramed_median": medians(dev["paramed"]),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
