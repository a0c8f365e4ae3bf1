"""PubMed XML with markup in abstracts: entities (``&lt;``, ``&#946;``, ``&#xe0;``), inline tags
(``<i>``, ``<u>``, ``<sub>``, ``<sup>``) and MathML are decoded, and every section is placed at
the raw XML it was read from. Real efetch files are in tests/ingest/real/pubmed-xml (sources and
licences in SOURCES.md); markup those files lack is tested on constructed records written in the
shapes efetch uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.ingest import read_file
from summarizer.ingest.pubmed_xml import markup_text, read_pubmed_xml, source_offsets
from summarizer.schema import Record

REAL = Path(__file__).parent / "real" / "pubmed-xml"

# file, PMIDs, first title, section labels of each record
FILES = [
    ("pubmed1.xml", ["12091962", "9997"], "The treatment of AIDS behind the walls",
     [[], ["other"]]),
    ("pubmed2.xml", ["11748933", "11700088"], "Is cryopreservation a homogeneous process?",
     [["other"], ["other"]]),
]


def records_of(name: str) -> list[Record]:
    items = read_file(REAL / name)
    assert all(isinstance(i, Record) for i in items), [getattr(i, "reason", i) for i in items]
    return items


@pytest.mark.parametrize("name, pmids, title, labels", FILES)
def test_real_file_records(name, pmids, title, labels):
    records = records_of(name)
    assert [r.pmid for r in records] == pmids
    assert records[0].title["en"].startswith(title)
    assert [[s.label for s in r.abstract] for r in records] == labels
    assert all(s.lang == "en" for r in records for s in r.abstract)


@pytest.mark.parametrize("name", [f[0] for f in FILES])
def test_every_section_is_placed_at_its_raw_xml(name):
    for record in records_of(name):
        assert not [w for w in record.warnings if w.kind == "unplaced"]
        for section in record.abstract:
            raw = record.text[section.start:section.end]
            assert markup_text(raw) == section.text, (record.id, section.label)
            if "<" not in raw and "&" not in raw:  # no markup: the slice itself
                assert raw == section.text
            offsets = source_offsets(record, section)
            assert len(offsets) == len(section.text)
            assert section.start == offsets[0][0] or raw[0] == "<"
        for w in record.warnings:
            assert w.start is None or record.text[w.start:w.end] == w.text


# An AbstractText as efetch writes it (constructed), decoded text in it, the raw XML it came from
DECODED = [
    (None, "in the fresh sample (P < 0.001).", "in the fresh sample (P &lt; 0.001)."),
    ("the telomerase reverse transcriptase (<i>TERT</i>) gene was studied.",
     "transcriptase (TERT) gene", "transcriptase (<i>TERT</i>) gene"),
    ("variants in linkage disequilibrium r<sup>2</sup>&lt;0.25) were kept.",
     "disequilibrium r²<0.25)", "disequilibrium r<sup>2</sup>&lt;0.25)"),
    ("risk rose (OR 2.78; p<sub>trend</sub>=0.048) with exposure.",
     "2.78; ptrend=0.048)", "2.78; p<sub>trend</sub>=0.048)"),
    ("a normal level (0.4-<u>&lt;</u>4.5 mIU/L) was seen.",
     "normal level (0.4-<4.5 mIU/L)", "normal level (0.4-<u>&lt;</u>4.5 mIU/L)"),
    ("speed was 15.0 ± 1.1 km·h<sup>-1</sup>; no one stopped.",
     "15.0 ± 1.1 km·h⁻¹;", "15.0 ± 1.1 km·h<sup>-1</sup>;"),
    ("the &quot;Minimum Lactate Equivalent&quot; (LE<sub>min</sub>) was used.",
     '"Minimum Lactate Equivalent" (LEₘᵢₙ)',
     "&quot;Minimum Lactate Equivalent&quot; (LE<sub>min</sub>)"),
    ("patients inhaled 200 &#956;g of budesonide and 10<sup>6</sup> cells/kg.",
     "200 μg of budesonide and 10⁶ cells/kg",
     "200 &#956;g of budesonide and 10<sup>6</sup> cells/kg"),
]


@pytest.mark.parametrize("abstract, decoded, raw", DECODED)
def test_markup_is_decoded_and_mapped_to_its_raw_span(abstract, decoded, raw):
    if abstract is None:
        record = records_of("pubmed2.xml")[0]  # real: &lt; inside an efetch abstract
    else:
        record = one_record(f"<AbstractText>{abstract}</AbstractText>")
    [section] = [s for s in record.abstract if decoded in s.text]
    at = section.text.index(decoded)
    offsets = source_offsets(record, section)[at:at + len(decoded)]
    assert record.text[offsets[0][0]:offsets[-1][1]] == raw
    assert markup_text(record.text[section.start:section.end]) == section.text


MATHML = ('maximal oxygen uptake (<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">'
          '<mml:msub><mml:mover><mml:mi>V</mml:mi><mml:mo>˙'
          '</mml:mo></mml:mover><mml:mrow><mml:mi>O</mml:mi><mml:mn>2</mml:mn></mml:mrow>'
          '</mml:msub></mml:math>) rose.')


def test_mathml_reads_as_text():
    record = one_record(f"<AbstractText>{MATHML}</AbstractText>")
    assert "maximal oxygen uptake (V̇O2) rose." in record.abstract_text("en")


def test_character_reference_in_an_affiliation():
    record = records_of("pubmed2.xml")[0]
    assert "Università degli Studi della Tuscia" in record.affiliations[0]


ARTICLE = ('<?xml version="1.0"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation>'
           "<PMID>1</PMID><Article><ArticleTitle>{title}</ArticleTitle><Abstract>{abstract}"
           "</Abstract></Article>{other}</MedlineCitation></PubmedArticle></PubmedArticleSet>\n")


def one_record(abstract: str, title: str = "Cells.", other: str = "") -> Record:
    [record] = read_pubmed_xml(ARTICLE.format(title=title, abstract=abstract, other=other), "a.xml")
    return record


# Constructed cases (no real file found with these): each AbstractText's decoded sections.
@pytest.mark.parametrize("abstract, sections", [
    ("<AbstractText>We gave 1&#215;10<sup>6</sup> cells/kg.</AbstractText>",
     [("other", "We gave 1×10⁶ cells/kg.")]),
    ("<AbstractText>At 10<sup>-6</sup> M, CO<sub>2</sub> rose.</AbstractText>",
     [("other", "At 10⁻⁶ M, CO₂ rose.")]),
    ("<AbstractText>Dose 10<sup>-1.5</sup> M.</AbstractText>", [("other", "Dose 10^-1.5 M.")]),
    ("<AbstractText>BACKGROUND: <b>P</b> &lt; 0.05 held. RESULTS: It worked <i>in vivo</i>."
     "</AbstractText>", [("background", "P < 0.05 held."), ("results", "It worked in vivo.")]),
    ("<AbstractText>&#946;-cells &#xe0; la carte &foo; <!-- note --><![CDATA[a<b]]>."
     "</AbstractText>",
     [("other", "β-cells à la carte  a<b.")]),  # &foo; (undeclared) is left out
])
def test_constructed_markup(abstract, sections):
    record = one_record(abstract)
    assert [(s.label, s.text) for s in record.abstract] == sections
    assert all(markup_text(record.text[s.start:s.end]) == s.text for s in record.abstract)


def test_a_journals_own_label_falls_back_on_nlms_category():
    # medline-c 26321012 (Am J Prev Med): the label says two things, NLM files it as METHODS
    record = one_record('<AbstractText Label="SETTING/PARTICIPANTS" NlmCategory="METHODS">We '
                        "randomized 123 adults.</AbstractText><AbstractText Label=\"KEY POINTS\" "
                        'NlmCategory="CONCLUSIONS">It helped.</AbstractText><AbstractText '
                        'Label="METHODS AND RESULTS" NlmCategory="RESULTS">Mortality was 10%.'
                        '</AbstractText><AbstractText Label="FUNDING" NlmCategory="BACKGROUND">'
                        'A grant.</AbstractText>')
    assert [(s.label, s.heading) for s in record.abstract] == [
        ("methods", "SETTING/PARTICIPANTS"), ("conclusions", "KEY POINTS"),
        ("results", "METHODS AND RESULTS"), ("other", "FUNDING")]


def test_title_markup():
    record = one_record("", title="CD4<sup>+</sup> T<sub>reg</sub> cells and CO<sub>2</sub>")
    assert record.title["en"] == "CD4⁺ Treg cells and CO₂"


@pytest.mark.parametrize("other, langs, warned", [
    ('<OtherAbstract Type="Publisher" Language="chi"><AbstractText Label="目的">探讨疗效。'
     "</AbstractText></OtherAbstract>", ["en", "zh"], False),
    ('<OtherAbstract Type="Publisher" Language="chi"><AbstractText>Abstract available from the '
     "publisher.</AbstractText></OtherAbstract>", ["en"], False),
    ('<OtherAbstract Type="Publisher" Language="spa"><AbstractText>Se trataron seis mujeres.'
     "</AbstractText></OtherAbstract>", ["en"], True),
])
def test_other_abstracts(other, langs, warned):
    record = one_record("<AbstractText>Six women were treated.</AbstractText>", other=other)
    assert [s.lang for s in record.abstract] == langs
    skipped = [w for w in record.warnings if w.kind == "parse"]
    assert bool(skipped) == warned
    assert all(record.text[w.start:w.end] == w.text for w in skipped)


def test_truncation_warning_of_a_decoded_section_points_at_its_raw_tail():
    record = one_record("<AbstractText>Levels of CO<sub>2</sub> &amp; the effect of "
                        "10<sup>6</sup> cells was</AbstractText>")
    [warning] = [w for w in record.warnings if w.kind == "truncated"]
    assert warning.text == record.text[warning.start:warning.end]
    assert warning.text.endswith("&amp; the effect of 10<sup>6</sup> cells was")
