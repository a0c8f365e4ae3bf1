"""MEDLINE (PubMed format): abstracts over indented continuation lines are verbatim slices of
the record text; ``OAB`` abstracts are read in the language their ``OABL`` names (Chinese and
English), others are left out with a warning. Real exports are in tests/ingest/real/medline
(sources and licences in SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.ingest import read_file
from summarizer.ingest.medline import read_medline
from summarizer.schema import Record

REAL = Path(__file__).parent / "real" / "medline"

# file, PMIDs, first title, section labels of each record
FILES = [
    ("pubmed_result1.txt", ["12230038"], "The Bio* toolkits--a brief overview.", [["other"]]),
    ("pubmed_result2.txt", ["16403221", "16377612", "14871861", "14630660"],
     "A high level interface to SCOP and ASTRAL",
     [["background", "results", "conclusions"], ["other"], ["other"], ["other"]]),
]


def records_of(name: str) -> list[Record]:
    """The Records of a real MEDLINE file (test_real_exports checks that nothing else is
    in it)."""
    return [i for i in read_file(REAL / name) if isinstance(i, Record)]


@pytest.mark.parametrize("name, pmids, title, labels", FILES)
def test_medline_sections_by_record(name, pmids, title, labels):
    records = records_of(name)
    assert ([r.pmid for r in records], [[s.label for s in r.abstract] for r in records]) == (
        pmids, labels)
    assert records[0].title["en"].startswith(title)


@pytest.mark.parametrize("name", [f[0] for f in FILES])
def test_every_section_is_a_verbatim_slice(name):
    for record in records_of(name):
        assert record.abstract and all(s.lang == "en" for s in record.abstract)
        for span in record.abstract + [w for w in record.warnings if w.start is not None]:
            assert record.text[span.start:span.end] == span.text, record.id
        assert not [w for w in record.warnings if w.kind in ("unplaced", "truncated")]


def test_continuation_lines_stay_in_the_slice():
    """The six-space indent of continuation lines is part of the section (offsets hold);
    read with whitespace collapsed, the text is the abstract as written."""
    background = records_of("pubmed_result2.txt")[0].abstract[0]
    assert "involves\n      the construction" in background.text
    assert " ".join(background.text.split()).startswith(
        "Benchmarking algorithms in structural bioinformatics often involves the construction")


# Constructed records (no public MEDLINE export with OAB/OABL was found): one real-looking
# record whose AB is followed by the OAB/OABL lines given.
RECORD = """PMID- 31000001
TI  - Umbilical cord mesenchymal stem cells in lupus nephritis.
AB  - OBJECTIVE: To test umbilical cord cells. RESULTS: Five of six patients
      responded at 20 weeks.
{other}LA  - chi
"""
ZH_OAB = ("OAB - 目的：探讨脐带间充质干细胞治疗狼疮性肾炎的疗效。方法：纳入6例患者。\n"
          "      结果：6例中5例有效。结论：安全有效。\n")


@pytest.mark.parametrize("other, sections, warned", [
    (ZH_OAB + "OABL- chi\n",
     [("en", "objective"), ("en", "results"), ("zh", "objective"), ("zh", "methods"),
      ("zh", "results"), ("zh", "conclusions")], []),
    (ZH_OAB.replace("OAB - 目的：", "OAB - ") + "OABL- zho\n",
     [("en", "objective"), ("en", "results"), ("zh", "other"), ("zh", "methods"),
      ("zh", "results"), ("zh", "conclusions")], []),
    (ZH_OAB, [("en", "objective"), ("en", "results"), ("zh", "objective"), ("zh", "methods"),
              ("zh", "results"), ("zh", "conclusions")], []),  # no OABL: Chinese by script
    ("OAB - OBJETIVO: Evaluar las celulas del cordon umbilical.\nOABL- spa\n",
     [("en", "objective"), ("en", "results")], ["OAB abstract in language 'spa' not read"]),
    ("OAB - Publisher: Abstract available from the publisher.\nOABL- chi\n",
     [("en", "objective"), ("en", "results")], []),
    ("OAB - OBJETIVO: Avaliar.\nOABL- por\n" + ZH_OAB + "OABL- chi\n",
     [("en", "objective"), ("en", "results"), ("zh", "objective"), ("zh", "methods"),
      ("zh", "results"), ("zh", "conclusions")], ["OAB abstract in language 'por' not read"]),
])
def test_other_language_abstracts(other, sections, warned):
    [record] = read_medline(RECORD.format(other=other), "oab.nbib")
    assert [(s.lang, s.label) for s in record.abstract] == sections
    assert all(record.text[s.start:s.end] == s.text for s in record.abstract)
    warnings = [w for w in record.warnings if w.kind == "parse"]
    assert [w.message.split(":")[0] for w in warnings] == warned
    assert all(record.text[w.start:w.end] == w.text for w in warnings)
    assert record.languages == sorted({lang for lang, _ in sections})


def test_chinese_oab_sections_read_across_the_line_break():
    [record] = read_medline(RECORD.format(other=ZH_OAB + "OABL- chi\n"), "oab.nbib")
    methods = [s for s in record.sections("zh") if s.label == "methods"]
    assert [s.text for s in methods] == ["纳入6例患者。"]
    assert record.sections("zh")[2].text == "6例中5例有效。"
