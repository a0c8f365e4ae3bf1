"""Every reader on the format samples in corpus/samples: fields right, offsets hold."""

from __future__ import annotations

import pytest

from summarizer.ingest import detect_format, read_file, read_paths
from summarizer.ingest.decode import decode_bytes
from summarizer.schema import Record

# file, record index, format, title (en or zh, start), doi, pmid, registrations, year, n authors
CASES = [
    ("ris_bilingual.ris", 0, "ris", "Bone marrow mesenchymal stromal cells",
     "10.1016/j.ekir.2023.01.017", None, ["NCT04522901"], 2023, 3),
    ("ris_bilingual.ris", 1, "ris", "脐带间充质干细胞治疗难治性类风湿关节炎",
     "10.3760/cma.j.cn141217-20210305-00091", None, ["ChiCTR2000038211"], 2021, 3),
    ("pubmed_medline.nbib", 0, "medline", "Adipose-derived stromal vascular fraction",
     "10.1016/j.joca.2022.08.011", "36190021", ["ISRCTN48213577"], 2022, 2),
    ("pubmed_medline.nbib", 1, "medline", "Umbilical cord mesenchymal stem cells in severe",
     "10.1186/s13287-022-03055-x", "35877410", ["NCT04339660"], 2022, 1),
    ("pubmed_article.xml", 0, "pubmed-xml", "Human umbilical cord mesenchymal stem cells for",
     "10.1097/cm9.0000000000002741", "37712045", ["ChiCTR-IPR-17011234"], 2023, 2),
    ("cnki_gbk.txt", 0, "estudy", "骨髓间充质干细胞移植治疗系统性硬化症",
     "10.3760/cma.j.issn.0578-1426.2019.06.005", None, [], 2019, 3),
    ("cnki_gbk.txt", 1, "estudy", "脐带间充质干细胞治疗原发性干燥综合征",
     "10.3969/j.issn.1000-484x.2020.14.011", None, ["ChiCTR1900027463"], 2020, 2),
    ("records.jsonl", 0, "jsonl", "Autologous CD34+ cell therapy for refractory angina",
     "10.1093/eurheartj/ehab512", "34601217", ["NCT03948152"], 2021, 2),
    ("records.jsonl", 1, "jsonl", "Allogeneic MSCs in acute graft-versus-host disease",
     "10.3324/haematol.2019.228817", None, ["EudraCT 2016-003251-18"], 2020, 2),
]


@pytest.fixture(scope="module")
def samples(corpus_dir):
    """{(file name, index): Record} of every sample file."""
    records = {}
    for path in sorted((corpus_dir / "samples").iterdir()):
        for item in read_file(path):
            assert isinstance(item, Record), item
            records[(path.name, item.index)] = item
    return records


@pytest.mark.parametrize("name, index, fmt, title, doi, pmid, registrations, year, n_authors",
                         CASES)
def test_sample_fields(samples, name, index, fmt, title, doi, pmid, registrations, year,
                       n_authors):
    record = samples[(name, index)]
    assert record.format == fmt and record.id == f"{name}#{index}"
    assert (record.title["en"] or record.title["zh"]).startswith(title)
    assert (record.doi, record.pmid, record.registrations, record.year) == (
        doi, pmid, registrations, year)
    assert len(record.authors) == n_authors


def test_samples_cover_every_reader(samples):
    assert sorted({r.format for r in samples.values()}) == [
        "estudy", "jsonl", "medline", "pubmed-xml", "ris"]
    assert len(samples) == len(CASES)


def test_sample_offsets_hold(samples, corpus_dir):
    for record in samples.values():
        assert len(record.normalized) == len(record.text)
        assert record.abstract, record.id
        for span in record.abstract + [w for w in record.warnings if w.start is not None]:
            assert record.text[span.start:span.end] == span.text, record.id
        data = (corpus_dir / "samples" / record.source).read_bytes()
        decoded, _ = decode_bytes(data, record.source)
        assert decoded[record.offset:record.offset + len(record.text)] == record.text
        assert decoded.count("\n", 0, record.offset) + 1 == record.line


@pytest.mark.parametrize("name, index, lang, labels", [
    ("ris_bilingual.ris", 0, "en",
     ["background", "methods", "results", "conclusions", "registration"]),
    ("ris_bilingual.ris", 1, "zh",
     ["objective", "methods", "results", "conclusions", "registration"]),
    ("pubmed_medline.nbib", 0, "en",
     ["objective", "methods", "results", "conclusions", "registration"]),
    ("pubmed_article.xml", 0, "en", ["background", "methods", "results", "conclusions"]),
    ("pubmed_article.xml", 0, "zh", ["background", "methods", "results", "conclusions"]),
    ("cnki_gbk.txt", 0, "zh", ["objective", "methods", "results", "conclusions"]),
    ("records.jsonl", 0, "zh", ["background", "methods", "results", "conclusions"]),
    ("records.jsonl", 1, "en", ["other"]),
])
def test_sample_sections(samples, name, index, lang, labels):
    assert [s.label for s in samples[(name, index)].sections(lang)] == labels


@pytest.mark.parametrize("name, index, kinds", [
    ("pubmed_medline.nbib", 1, ["lost-exponent"] * 3 + ["truncated"]),
    ("cnki_gbk.txt", 0, ["lost-exponent", "traditional", "encoding"]),
    ("ris_bilingual.ris", 1, ["lost-exponent"]),
])
def test_sample_warnings(samples, name, index, kinds):
    assert [w.kind for w in samples[(name, index)].warnings] == kinds


def test_format_is_told_from_content_not_extension(corpus_dir, tmp_path):
    for path in sorted((corpus_dir / "samples").iterdir()):
        renamed = tmp_path / f"{path.stem}.dat"
        renamed.write_bytes(path.read_bytes())
        assert read_file(renamed)[0].format == read_file(path)[0].format


def test_forced_format_overrides_detection(corpus_dir):
    item = read_file(corpus_dir / "samples" / "ris_bilingual.ris", fmt="text")[0]
    assert item.format == "text"


def test_ingest_dump_reads_back_unchanged(corpus_dir, tmp_path):
    from summarizer.ingest import ingest

    out = tmp_path / "records.jsonl"
    report = ingest([corpus_dir], output=out)
    assert (report.n_records, report.n_quarantined) == (14, 0)
    again = [r.to_dict() for r in read_paths([out])]
    first = [r.to_dict() for r in read_paths([corpus_dir])]
    assert again == first
    assert detect_format(out.read_text(encoding="utf-8")) == "jsonl"
