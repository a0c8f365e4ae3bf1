"""Real export files (tests/ingest/real, copies of shared/realworld-dev with their licences in
SOURCES.md): each read with the right format, number of records, titles, abstract languages
and identifiers; every section placed in the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.ingest import detect_format, read_file
from summarizer.ingest.decode import decode_bytes
from summarizer.ingest.pubmed_xml import markup_text
from summarizer.schema import Record

REAL = Path(__file__).parent / "real"

# file, format, abstract languages of each record ("-": none), first title, PMIDs
CASES = [
    ("pubmed-xml/pubmed1.xml", "pubmed-xml", ["-", "en"], "The treatment of AIDS behind",
     ["12091962", "9997"]),
    ("pubmed-xml/pubmed2.xml", "pubmed-xml", ["en", "en"], "Is cryopreservation a homogeneous",
     ["11748933", "11700088"]),
    ("medline/pubmed_result1.txt", "medline", ["en"], "The Bio* toolkits", ["12230038"]),
    ("medline/pubmed_result2.txt", "medline", ["en"] * 4, "A high level interface to SCOP",
     ["16403221", "16377612", "14871861", "14630660"]),
    ("ris/embase.ris", "ris", ["en"] * 6, "Duplication cysts: Diagnosis", [None] * 6),
    ("ris/ovid_psycinfo.ris", "ris", ["en"] * 6, "The influence of self-criticism", [None] * 6),
    ("cnki/ChineseColon.net", "noteexpress", ["zh"], "软组织肉瘤诊治中国专家共识", [None]),
    ("cnki/withLineBreakInAddress.net", "noteexpress", ["zh"], "基于公共行政理念的政府公共关系",
     [None]),
    ("bilingual/ChinaXiv-201712.00609V1.md", "paper", ["en+zh"], "预防鼻咽癌患者放射性皮炎",
     [None]),
    ("wos/example_wos.ris", "wos", ["en", "en"], "Interactions stabilizing the structure",
     ["15170338", "15170339"]),
    # Labels run on after the line before them, as the PDF conversion left them:
    # ``广州510515摘要：`` (a column heading ``# 技术方法`` above the title); ``【摘要】`` and
    # ``【主题词】``; ``[摘要］`` after an e-mail address and a DOI glued to the authors; no
    # English abstract at all.
    ("paper/ChinaXiv-201712.00036V1.md", "paper", ["en+zh"], "胶质母细胞瘤病理取材方式", [None]),
    ("paper/ChinaXiv-201810.00294V1.md", "paper", ["en+zh"], "孕激素受体及Ki-67组合", [None]),
    ("paper/ChinaXiv-202208.00020V1.md", "paper", ["en+zh"], "深髓静脉征与脑小血管病", [None]),
    ("paper/ChinaXiv-201712.00429V1.md", "paper", ["zh"], "闭合复位经皮空心加压螺钉", [None]),
]


def expected_counts() -> dict[str, int]:
    """Record counts from expected.tsv (as shared/realworld-dev gives them)."""
    lines = (REAL / "expected.tsv").read_text(encoding="utf-8").splitlines()
    return {path: int(n) for path, n in (line.split("\t") for line in lines if line)}


def records_of(name: str) -> list[Record]:
    items = read_file(REAL / name)
    assert all(isinstance(i, Record) for i in items), [getattr(i, "reason", i) for i in items]
    return items


def test_every_real_file_has_a_case():
    assert sorted(c[0] for c in CASES) == sorted(expected_counts())


@pytest.mark.parametrize("name, fmt, langs, title, pmids", CASES)
def test_real_export_is_read_record_by_record(name, fmt, langs, title, pmids):
    text, _ = decode_bytes((REAL / name).read_bytes(), name)
    assert detect_format(text) == fmt
    records = records_of(name)
    assert len(records) == expected_counts()[name] == len(langs)
    assert ["+".join(sorted({s.lang for s in r.abstract})) or "-" for r in records] == langs
    first = records[0].title
    assert (first["zh"] or first["en"]).startswith(title)
    assert [r.pmid for r in records] == pmids
    titles = [r.title["en"] or r.title["zh"] for r in records]
    assert all(titles) and len(set(titles)) == len(titles)  # each record its own title


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_every_section_is_placed_in_the_source(name):
    for record in records_of(name):
        for section in record.abstract:
            assert section.start is not None, (record.id, section.text[:60])
            raw = record.text[section.start:section.end]
            # XML decodes entities and tags: the section is read from its raw span
            assert (markup_text(raw) if record.format == "pubmed-xml" else raw) == section.text
        assert not [w for w in record.warnings if w.kind in ("unplaced", "truncated")]


def test_wos_header_is_no_title_and_fields_are_read():
    first = records_of("wos/example_wos.ris")[0]
    assert first.title["en"].endswith("photosynthetic bacteria and its subunit (B820)")
    assert first.authors[:2] == ["Parkes-Loach, PS", "Majeed, AP"]
    assert first.doi == "10.1021/bi049798f" and first.year == 2004
    assert first.publication_types == ["Article"]
    assert not first.text.startswith("FN ")


def test_noteexpress_record_with_translated_title_and_full_width_colons():
    [record] = records_of("cnki/ChineseColon.net")
    assert record.title["en"].startswith("Chinese expert consensus on diagnosis")
    assert record.authors == ["中国抗癌协会肉瘤专业委员会", "中国临床肿瘤学会"]
    assert record.keywords == ["肉瘤", "软组织肿瘤", "诊断", "治疗", "规范"]
    assert record.journal == "中华肿瘤杂志" and record.year == 2016
    assert record.abstract_text("zh").startswith("软组织肉瘤是一类间叶来源的恶性肿瘤")


def test_chinese_paper_front_matter_only():
    [record] = records_of("bilingual/ChinaXiv-201712.00609V1.md")
    assert record.title["en"].startswith("The effectiveness of combination of biafine")
    assert [s.label for s in record.sections("zh")] == [
        "objective", "methods", "results", "conclusions"]
    # "patients.MethodsAtotal of 80": the heading glued on both sides by the PDF conversion
    assert [s.label for s in record.sections("en")] == [
        "objective", "methods", "results", "conclusions"]
    assert record.sections("en")[1].text.startswith("Atotal of 80 patients")
    assert record.keywords[:4] == ["放射性皮炎", "比亚芬", "赛肤润乳膏", "喜疗妥乳膏"]
    assert record.keywords[-1] == "hirudoid cream"
    body_starts = record.text.index("鼻咽癌是流行于东南亚")
    assert max(s.end for s in record.abstract) < body_starts
    assert record.doi is None and record.registrations == []  # none in the front matter


def test_chinese_paper_body_methods_are_kept_apart_from_the_abstract():
    [record] = records_of("bilingual/ChinaXiv-201712.00609V1.md")
    body = record.body
    assert {(s.label, s.lang) for s in body} == {("methods", "zh")}
    assert body[0].text.startswith("选取2014年3\\~10月入住我院放疗科")
    assert all(record.text[s.start:s.end] == s.text for s in body)
    # headings and the text after "# 2结果" (results, tables, discussion) are not methods
    results = record.text.index("# 2结果")
    assert max(s.end for s in body) < results
    assert not any(s.text.startswith(("#", "<")) for s in body)
    assert record.abstract_text("zh").count("选取2014年3\\~10月") == 0


def test_abstract_ending_in_a_url_is_not_truncated():
    records = records_of("medline/pubmed_result2.txt")
    assert records[3].abstract_text("en").rstrip().endswith("http://www.biopython.org")
    assert not [w for w in records[3].warnings if w.kind == "truncated"]


@pytest.mark.parametrize("name, labels", [
    ("paper/ChinaXiv-201712.00036V1.md", {"zh": ["objective", "methods", "results",
                                                 "conclusions"]}),
    # "MethodsA total of 86": a PDF conversion lost the space after the heading
    ("paper/ChinaXiv-202208.00020V1.md", {"en": ["background", "objective", "methods", "results",
                                                 "conclusions"]}),
    # "。结果14例患者": one heading glued to its sentence among three that are not
    ("paper/ChinaXiv-201712.00429V1.md", {"zh": ["objective", "methods", "results",
                                                 "conclusions"], "en": []}),
])
def test_paper_sections_when_labels_run_on(name, labels):
    [record] = records_of(name)
    for lang, expected in labels.items():
        assert [s.label for s in record.sections(lang)] == expected


def test_a_page_banner_is_no_title_column_or_end_of_the_abstract():
    # "# ChinaXiv合作期刊" after the English title, and between two pages of an English abstract
    [record] = records_of("paper/ChinaXiv-202207.00156V1.md")
    assert record.title["en"].endswith("in patients with atrial fibrillation")
    assert record.publication_types == []
    [record] = records_of("paper/ChinaXiv-202208.00084V1.md")
    # the methods go on after the banner, then the results and conclusions it had cut off
    assert [s.label for s in record.sections("en")] == [
        "background", "objective", "methods", "methods", "results", "conclusions"]
    assert "合作期刊" not in record.abstract_text("en")
    assert record.abstract_text("en").count("There were 14O cases") == 1


def test_paper_title_and_doi_where_the_conversion_glued_them():
    [record] = records_of("paper/ChinaXiv-202208.00020V1.md")
    # "Title:Corelation … small vessel␣␣" + "disease" on the next line
    assert record.title["en"].startswith("Corelation and risk factors")
    assert record.title["en"].endswith("small vessel disease")
    assert record.doi == "10.12114/j.issn.1007-9572.2022.0543"  # not "…0543张森1"
    [record] = records_of("paper/ChinaXiv-201712.00036V1.md")
    assert record.title["zh"] == "胶质母细胞瘤病理取材方式-七分法取材"
    assert record.publication_types == ["技术方法"]  # the journal's column, above the title
