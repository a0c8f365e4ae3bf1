"""Facts read from both languages of bilingual abstracts agree? Print one JSON line.

    python benchmarks/facts_bilingual.py [--data ../shared/data/align/wmt_medline_en2zh]

Each WMT Medline abstract (English original, Chinese translation) becomes one record with an
English and a Chinese section and goes through ``extract_facts`` (patterns only). A translation
states the same facts, so every fact path cited in both languages is an agreement, every
conflict between the languages is a false alarm or a translation error, and a fact cited in one
language only is a miss of the other language's patterns (or an omission in the translation).
Facts that are wording (names, population text, outcome names, adverse-event text) are not
counted: each language states them in its own words.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from summarizer.extract.facts import extract_facts
from summarizer.schema import Record, Section, Study

ROOT = Path(__file__).resolve().parents[1]
WORDING = ("participants.text", "participants.condition", ".name", "adverse_events.text",
           "outcomes")


def abstracts(data: Path) -> dict[str, dict[str, str]]:
    """doc id → {"en": text, "zh": text} from the sentence-per-line files."""
    docs: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"en": [], "zh": []})
    for lang in ("en", "zh"):
        path = data / f"medline_en2zh_{lang}.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            doc, _, sentence = line.split("\t", 2)
            docs[doc][lang].append(sentence)
    return {doc: {"en": " ".join(s["en"]), "zh": "".join(s["zh"])} for doc, s in docs.items()}


def bilingual_record(doc: str, en: str, zh: str) -> Record:
    text = f"{en}\n\n{zh}"
    return Record(id=doc, source=doc, format="text", index=0, text=text,
                  abstract=[Section("other", "en", en, 0, len(en)),
                            Section("other", "zh", zh, len(en) + 2, len(text))])


def score(data: Path) -> dict[str, object]:
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    docs = abstracts(data)
    for doc, sides in docs.items():
        out = extract_facts(Study(doc, [bilingual_record(doc, sides["en"], sides["zh"])]))
        for path, provenance in out.provenance.items():
            if any(w in path for w in WORDING):
                continue
            langs = {p["lang"] for p in provenance}
            counts["both" if langs == {"en", "zh"} else f"only_{langs.pop()}"] += 1
        counts["conflicts"] += len(out.conflicts)
    return {"data": data.name, "docs": len(docs), "facts_in_both": counts["both"],
            "conflicts": counts["conflicts"], "facts_only_en": counts["only_en"],
            "facts_only_zh": counts["only_zh"],
            "seconds": round(time.perf_counter() - start, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/align/wmt_medline_en2zh")
    print(json.dumps(score(parser.parse_args().data)))


if __name__ == "__main__":
    main()
