"""How the PICO tagger carries over to Chinese: tag both sides of the WMT Medline en-zh
abstracts and compare, bead by bead of the gold sentence alignment, which span types each side
has. Prints one JSON line; ``--examples FILE`` also writes a few tagged bead pairs (Markdown).

    python benchmarks/pico_zh_agreement.py [--data ../shared/data/align/wmt_medline_en2zh]

Per label (C counted as I): ``agreement`` = share of beads where both or neither side has the
label; ``overlap`` = 2 * both / (beads with it in en + beads with it in zh); ``kappa`` =
Cohen's kappa of the two sides' yes/no.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("P", "I", "O")


def read_side(path: Path) -> dict[str, list[str]]:
    """``docID<TAB>sentID<TAB>sentence`` lines -> {doc: sentences in sentID order}."""
    docs: dict[str, list[tuple[int, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc, number, text = line.split("\t", 2)
            docs.setdefault(doc, []).append((int(number), text.strip()))
    return {d: [t for _, t in sorted(v)] for d, v in docs.items()}


def read_beads(path: Path) -> list[tuple[str, list[int], list[int]]]:
    """gold.align.tsv -> [(doc, en sentence indices, zh sentence indices)], 0-based."""
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc, zh, en = (line.split("\t") + [""])[:3]
            ids = [[int(x) - 1 for x in side.split(",") if x.strip()] for side in (en, zh)]
            beads.append((doc, ids[0], ids[1]))
    return beads


def labels_per_sentence(sentences: list[str], lang: str) -> list[set[str]]:
    """Tag the abstract as one text; -> for each sentence the labels of spans starting in it
    (C folded into I)."""
    from summarizer.extract.tagger import tag_text

    joiner = " " if lang == "en" else ""
    starts, text = [], ""
    for sentence in sentences:
        starts.append(len(text))
        text += sentence + joiner
    found: list[set[str]] = [set() for _ in sentences]
    for span in tag_text(text, lang):
        index = max(k for k, s in enumerate(starts) if s <= span.start)
        found[index].add("I" if span.label == "C" else span.label)
    return found


def agreement(pairs: list[tuple[set[str], set[str]]]) -> dict[str, dict[str, float]]:
    """Bead label sets [(en, zh)] -> per label agreement, overlap and kappa."""
    out = {}
    for label in LABELS:
        en = [label in a for a, _ in pairs]
        zh = [label in b for _, b in pairs]
        n = len(pairs)
        both = sum(a and b for a, b in zip(en, zh, strict=True))
        agree = sum(a == b for a, b in zip(en, zh, strict=True)) / n
        p_en, p_zh = sum(en) / n, sum(zh) / n
        chance = p_en * p_zh + (1 - p_en) * (1 - p_zh)
        out[label] = {"en_beads": sum(en), "zh_beads": sum(zh), "both": both,
                      "agreement": round(agree, 3),
                      "overlap": round(2 * both / max(sum(en) + sum(zh), 1), 3),
                      "kappa": round((agree - chance) / (1 - chance), 3) if chance < 1 else 1.0}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/align/wmt_medline_en2zh")
    parser.add_argument("--examples", type=Path, default=None)
    args = parser.parse_args()
    en = read_side(args.data / "medline_en2zh_en.txt")
    zh = read_side(args.data / "medline_en2zh_zh.txt")
    tags = {(doc, lang): labels_per_sentence(side[doc], lang)
            for lang, side in (("en", en), ("zh", zh)) for doc in side}
    pairs, shown = [], []
    for doc, en_ids, zh_ids in read_beads(args.data / "gold.align.tsv"):
        if en_ids and zh_ids and doc in en and doc in zh:
            a = set().union(*(tags[doc, "en"][k] for k in en_ids))
            b = set().union(*(tags[doc, "zh"][k] for k in zh_ids))
            pairs.append((a, b))
            shown.append((doc, en_ids, zh_ids))
    print(json.dumps({"benchmark": "pico_zh_agreement", "abstracts": len(en),
                      "beads": len(pairs), "per_label": agreement(pairs)}))
    if args.examples:
        write_examples(args.examples, en, zh, shown[:6])


def write_examples(path: Path, en: dict, zh: dict, beads: list) -> None:
    """A few bead pairs with their spans, as Markdown, for the model card."""
    from summarizer.extract.tagger import tag_text

    lines = []
    for doc, en_ids, zh_ids in beads:
        for lang, side, ids in (("en", en, en_ids), ("zh", zh, zh_ids)):
            text = (" " if lang == "en" else "").join(side[doc][k] for k in ids)
            spans = "; ".join(f"{s.label}: {s.text}" for s in tag_text(text, lang))
            lines.append(f"- {doc} {lang}: {text}\n  - spans: {spans or '(none)'}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
