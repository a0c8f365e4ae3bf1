"""Is a fact's Chinese wording taken from the Chinese sentence aligned to its English one?
Print one JSON line.

    python benchmarks/wording_eval.py [--data ../shared/data/align/wmt_medline_en2zh]
                                      [--no-tagger]

Each WMT Medline abstract (English original, Chinese translation, each side one paragraph)
is aligned by the project's aligner (``--no-align``: none; the wording then comes from the
sentence at the same place) and goes through ``extract_facts`` with the trained PICO tagger
(``--no-tagger``: patterns only).
For every worded fact (``facts.wording``: condition, intervention, exposure, comparator) with
both an English and a Chinese wording, the sentences the two wordings were read from are
looked up in the gold bead alignment: ``aligned`` counts pairs whose sentences share a bead.
``en_only``: worded facts with no Chinese wording found.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from summarizer.extract.facts import extract_facts
from summarizer.schema import Record, Section, Study

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from qa_eval import documents  # noqa: E402  (the dev sets' readers)


def gold_beads(data: Path) -> dict[str, set[tuple[int, int]]]:
    """doc → {(en sentence number, zh sentence number)} of the gold beads (1-based)."""
    pairs: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for line in (data / "gold.align.tsv").read_text("utf-8").splitlines():
        doc, zh, en = (line.split("\t") + ["", ""])[:3]
        for z in filter(None, zh.split(",")):
            for e in filter(None, en.split(",")):
                pairs[doc].add((int(e), int(z)))
    return pairs


def record_of(doc: str, sides: dict[str, list[str]]) -> tuple[Record, dict[str, list[int]]]:
    """The record (English paragraph, blank line, Chinese paragraph) and, per language, the
    offset where each sentence starts."""
    starts: dict[str, list[int]] = {"en": [], "zh": []}
    text = ""
    for lang, joiner in (("en", " "), ("zh", "")):
        if lang == "zh":
            text += "\n\n"
        for i, sentence in enumerate(sides[lang]):
            if i:
                text += joiner
            starts[lang].append(len(text))
            text += sentence
    en_end = starts["zh"][0] - 2
    record = Record(id=doc, source=doc, format="text", index=0, text=text,
                    abstract=[Section("other", "en", text[:en_end], 0, en_end),
                              Section("other", "zh", text[en_end + 2:], en_end + 2, len(text))])
    return record, starts


def sentence_number(starts: list[int], offset: int) -> int:
    """1-based number of the sentence holding ``offset``."""
    return sum(1 for s in starts if s <= offset)


def score(data: Path, tagger, align: bool, show: bool = False) -> dict[str, object]:
    counts: Counter[str] = Counter()
    beads = gold_beads(data)
    started = time.perf_counter()
    encoder = None
    if align:
        from summarizer.models import load_encoder

        encoder = load_encoder()
    for doc, sides in documents(data).items():
        record, starts = record_of(doc, sides)
        alignments = {}
        if encoder is not None:
            from summarizer.align import align_record

            alignments = {record.id: align_record(record, encoder)}
        out = extract_facts(Study(doc, [record]), tagger, alignments)
        for path, words in out.facts.wording.items():
            if not words["zh"] or not words["en"]:
                counts["en_only" if words["en"] else "zh_only"] += 1
                continue
            en = [p for p in out.provenance[f"facts.{path}"] if p["lang"] == "en"]
            zh = out.provenance[f"wording.{path}.zh"]
            if not en:
                continue
            counts["both"] += 1
            if show:
                print(f"{doc} {path}: {words['en']!r} = {words['zh']!r}", file=sys.stderr)
            pair = (sentence_number(starts["en"], en[0]["start"]),
                    sentence_number(starts["zh"], zh[0]["start"]))
            counts["aligned"] += pair in beads[doc]
    both = counts["both"] or 1
    return {"data": data.name, "tagger": tagger is not None, "aligner": align,
            "facts_with_both": counts["both"],
            "aligned": counts["aligned"], "aligned_share": round(counts["aligned"] / both, 3),
            "en_only": counts["en_only"], "zh_only": counts["zh_only"],
            "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/align/wmt_medline_en2zh")
    parser.add_argument("--no-tagger", action="store_true")
    parser.add_argument("--no-align", action="store_true")
    parser.add_argument("--show", action="store_true", help="print each worded fact")
    args = parser.parse_args()
    tagger = None
    if not args.no_tagger:
        from summarizer.extract.tagger import tag_text as tagger
    print(json.dumps(score(args.data, tagger, not args.no_align, args.show)))


if __name__ == "__main__":
    main()
