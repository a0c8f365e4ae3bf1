"""The five seed documents: one-line RIS, pasted bilingual text, a plain study report, a news
article and a CNKI export."""

from __future__ import annotations

import pytest

from summarizer.schema import Record


def test_every_seed_reads_as_one_record_with_offsets_that_hold(seed_records):
    assert sorted(seed_records) == ["000", "001", "002", "003", "004"]
    for record in seed_records.values():
        assert isinstance(record, Record)
        assert len(record.normalized) == len(record.text)
        for span in record.abstract + [w for w in record.warnings if w.start is not None]:
            assert record.text[span.start:span.end] == span.text


@pytest.mark.parametrize("seed, fmt, kind, doi, registrations", [
    ("000", "ris", "article", "10.1136/lupus-2022-000704", ["NCT03171194"]),
    ("001", "text", "article", "10.1136/lupus-2022-000704", ["NCT03171194"]),
    ("002", "text", "article", None, []),
    ("003", "text", "news", None, []),
    ("004", "cnki", "article", "10.1016/s2665-9913(24)00298-4",
     ["NCT03562065", "EudraCT 2017-001400-29"]),
])
def test_seed_format_kind_and_identifiers(seed_records, seed, fmt, kind, doi, registrations):
    record = seed_records[seed]
    assert (record.format, record.kind, record.doi, record.registrations) == (
        fmt, kind, doi, registrations)
    assert record.source == record.id.split("#")[0] and record.id.endswith("#0")


@pytest.mark.parametrize("seed, lang, labels, headings", [
    ("000", "en", ["background", "methods", "results", "conclusions", "registration", "other"],
     ["Background", "Methods", "Results", "Conclusion", "Trial registration number", None]),
    ("001", "en", ["other"] * 4 + ["registration"], [None] * 5),
    ("001", "zh", ["other"] * 4 + ["registration"], [None] * 5),
    ("004", "en", ["background", "methods", "results", "conclusions"],
     ["Background", "Methods", "Findings", "Interpretation"]),
])
def test_seed_sections(seed_records, seed, lang, labels, headings):
    sections = seed_records[seed].sections(lang)
    assert [s.label for s in sections] == labels
    assert [s.heading for s in sections] == headings


def test_one_line_ris_fields_and_run_in_headings(seed_records):
    record = seed_records["000"]
    assert record.title["en"].startswith("Safety, immunological effects and clinical response")
    assert record.journal == "Lupus Science & Medicine" and record.year == 2022
    assert record.authors[0] == "Diane L Kamen" and len(record.authors) == 10
    methods = record.sections("en")[1]
    assert methods.text.startswith("Six women") and record.text[methods.start - 8:methods.start] \
        == "Methods "
    assert record.text[methods.start - 9] == "."  # "therapy.Methods": no space after the period


def test_pasted_bilingual_text(seed_records):
    record = seed_records["001"]
    assert record.journal == "Lupus Sci Med" and len(record.affiliations) == 2
    assert record.sections("zh")[0].text.startswith("在中国的一家中心")
    exponents = [w for w in record.warnings if w.kind == "lost-exponent"]
    assert [(record.text[w.start:w.end + 8]) for w in exponents] == ["1×10 MSCs/kg"] * 2
    assert exponents[0].start == record.text.index("1×10 MSCs/kg")
    assert record.sections("en")[1].start < exponents[0].start < record.sections("en")[1].end
    assert record.sections("zh")[1].start < exponents[1].start < record.sections("zh")[1].end


def test_plain_report_title_and_source_note(seed_records):
    record = seed_records["002"]
    assert record.title["en"].endswith("A multicenter clinical study")
    assert all("From: Bioon" not in s.text for s in record.abstract)


def test_news_stray_characters(seed_records):
    record = seed_records["003"]
    stray = [w for w in record.warnings if w.kind == "stray-character"]
    assert [record.normalized[w.start:w.start + 5] for w in stray] == [
        "Among", "Among", "At 24", "A Pha"]


def test_cnki_export(seed_records):
    record = seed_records["004"]
    assert record.title["en"].startswith("Allogeneic umbilical cord-derived mesenchymal")
    assert record.authors[:2] == ["Farge, Dominique", "Biard, Lucie"]
    assert len(record.authors) == 19 and len(record.affiliations) == 16
    assert record.keywords == ["STEM-CELLS"]
    exponents = [w.text for w in record.warnings if w.kind == "lost-exponent"]
    assert exponents.count("1 x 106") == 2 and len(exponents) == 10
    markup = [w for w in record.warnings if w.kind == "markup"]
    assert [(w.text, w.message) for w in markup] == [
        ("12<middle dot>4", "'12<middle dot>4' is probably 12·4 = 12.4")]
    assert "Copyright" not in record.sections("en")[-1].text
