"""Readability of the lay summaries of the seed studies, against human-written references.

English: Flesch-Kincaid grade (textstat 0.7.8) of each seed study's lay_en summary, compared with
the Cochrane plain-language summaries written by people (data/summaries/cochrane_pls_val,
val.target; the abstracts they summarise, val.source, for scale). Chinese: mean sentence length
in characters and share of words outside jieba's 5,000 most frequent
(summarizer.summarize.readability) of each lay_zh summary, compared with the Chinese side of the
dev alignment data (WMT Medline en→zh abstracts and ParaMed NEJM articles), per document.

Usage: python benchmarks/readability.py [--data ../shared/data] [--studies OUT/studies.jsonl]
Without --studies the seed studies are read from corpus/ (ingest, group, extract facts).
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_studies() -> list[dict]:
    """The seed studies of corpus/ as studies.jsonl lines, facts extracted (no alignment)."""
    from summarizer.group import group_records
    from summarizer.ingest import read_paths
    from summarizer.pipeline import extract_study, study_line
    from summarizer.schema import Record

    paths = sorted((ROOT / "corpus").glob("0*.txt"))
    records = [r for r in read_paths(paths) if isinstance(r, Record)]
    lines = []
    for study in group_records(records):
        line = study_line(study)
        line.update(extract_study(study))
        lines.append(line)
    return lines


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
    parser.add_argument("--studies", type=Path, default=None)
    args = parser.parse_args()

    from summarizer.summarize.readability import FKGL_TARGET, ZH_TARGET, fkgl, zh_readability

    studies = ([json.loads(line) for line in args.studies.read_text("utf-8").splitlines()
                if line.strip()] if args.studies else seed_studies())
    lay = lay_summaries(studies)
    seed_fkgl = {sid: round(fkgl(t["en"]), 2) for sid, t in lay.items()}
    seed_zh = {sid: zh_readability(t["zh"]) for sid, t in lay.items()}
    pls = fkgl_of_lines(args.data / "summaries/cochrane_pls_val/val.target")
    abstracts = fkgl_of_lines(args.data / "summaries/cochrane_pls_val/val.source")
    dev = {name: [zh_readability(d) for d in docs]
           for name, docs in zh_documents(args.data).items()}
    print(json.dumps({
        "seed_lay_en_fkgl": seed_fkgl,
        "seed_lay_en_fkgl_max": max(seed_fkgl.values()),
        "fkgl_target": FKGL_TARGET,
        "cochrane_pls_fkgl_mean": round(statistics.mean(pls), 2),
        "cochrane_pls_fkgl_median": round(statistics.median(pls), 2),
        "cochrane_abstract_fkgl_mean": round(statistics.mean(abstracts), 2),
        "cochrane_pls_n": len(pls),
        "seed_lay_zh": {sid: {k: m[k] for k in ("mean_sentence_chars", "rare_word_share")}
                        for sid, m in seed_zh.items()},
        "zh_target": ZH_TARGET,
        "dev_zh_wmt_median": medians(dev["wmt"]), "dev_zh_wmt_docs": len(dev["wmt"]),
        "dev_zh_paramed_median": medians(dev["paramed"]),
        "dev_zh_paramed_docs": len(dev["paramed"]),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
