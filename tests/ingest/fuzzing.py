"""Hypothesis strategies and invariants for fuzzing the readers, shared by
``tests/ingest/test_fuzz_readers.py`` (bounded, in the suite) and ``benchmarks/fuzz_readers.py``
(long runs).

A file is built from *record skeletons*: the field layouts of the real exports in
``tests/ingest/real`` and ``corpus/samples`` (RIS as Embase writes it, MEDLINE with wrapped
``AB`` lines and ``OAB``/``OABL``, PubMed XML with inline markup and MathML, WoS plain and
tab-delimited, Scopus CSV, CNKI/Wanfang EndNote, RefWorks, NoteExpress and E-Study, CNKI
labelled text, a Chinese paper, pasted bilingual text, JSON Lines), filled with field values
drawn by hypothesis (clinical words and numbers in both languages, mojibake, full-width and
traditional characters, random Unicode, huge values). ``mutated`` then damages a file: cut
it, delete, duplicate or swap lines, insert random text or a format's own structural
fragments, nest elements deeply, pad a field to megabytes.

The invariants (``check_items``): a reader yields only Records and Quarantined inputs, numbered
0, 1, 2 ... in order; a quarantine reason is one line naming the file; every record's text is
the slice of the file at its offset, every placed section, warning and sentence slices the
record text (PubMed XML sections decoded from markup: their raw slice decodes to them), and
a record survives a JSON round trip. A file built of ``n`` well-formed skeletons gives exactly
``n`` items (records read + quarantined = records in the input).
"""

from __future__ import annotations

import csv
import io
import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from summarizer.errors import SummarizerError
from summarizer.ingest import get_reader
from summarizer.ingest.pubmed_xml import markup_text, source_offsets
from summarizer.schema import Quarantined, Record, Skipped

# -- field values -----------------------------------------------------------------------------

EN_WORDS = [
    "patients", "received", "umbilical", "cord", "mesenchymal", "stromal", "cells", "lupus",
    "trial", "randomised", "placebo", "were", "and", "the", "of", "in", "with", "vs.", "et al.",
    "e.g.", "Fig. 2", "No. 3", "Background:", "Methods", "Results:", "Conclusions", "Findings",
    "Interpretation", "Trial registration:", "BACKGROUND:", "METHODS:", "Objective", "Funding",
    "therapy.Methods", "Six", "forty", "Twenty-nine", "one hundred and two", "83.3%", "12·4",
    "12<middle dot>4", "1×106", "1×10 MSCs/kg", "2 x 106 cells per kg", "1×10⁶", "2.5 ± 0.3",
    "(95% CI 35.9-99.6)", "P<0.05", "p = .001", "1,555", "13 339 women", "26–57", "NCT03171194",
    "ChiCTR2000031234", "ChiCTR-IPR-17012345", "EudraCT 2017-001400-29", "ISRCTN12345678",
    "doi: 10.1136/lupus-2022-000704", "PMID: 36104071", "Â±", "â€™", "\ufffd", "Īmong",
    "ＡＢＣ１２", "...", "…", "Copyright © 2022", "(ABSTRACT TRUNCATED AT 250 WORDS)", "(#br)",
    "<正>", "[1]", "“quoted”", "(", ")", "[", "]", "mg/kg", "10^6", "CO₂", "β",
]
ZH_WORDS = [
    "目的", "方法", "结果", "结论", "背景", "【目的】", "【方法】", "[结果]", "结论：", "目的：",
    "患者", "例", "间充质干细胞", "治疗", "系统性红斑狼疮", "随机", "对照", "。", "，", "；", "：",
    "（", "）", "四十", "二十九", "一百零五", "二〇一九年", "1.2万", "3亿", "5千克", "40例",
    "骨髓間充質幹細胞", "臨床研究", "参考文献", "摘要", "关键词", "试验注册：", "ChiCTR1900027463",
    "P<0.01", "28.5±6.2", "（1~2）×10⁶", "1×106/kg", "１２例", "　", "显示", "结果显示", "版权所有",
]
SAFE_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
ANY_CHARS = st.characters(exclude_categories=("Cs",))
LINE_BREAKS = re.compile(r"[\r\n\t\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def words(vocabulary: list[str], joiner: str, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(vocabulary), max_size=max_size).map(joiner.join)


def prose(max_size: int = 40) -> st.SearchStrategy[str]:
    """A clinical-looking value in English, Chinese, both, or random Unicode text."""
    return st.one_of(
        words(EN_WORDS, " ", max_size), words(ZH_WORDS, "", max_size),
        st.tuples(words(EN_WORDS, " ", max_size), words(ZH_WORDS, "", max_size)).map(" ".join),
        st.text(SAFE_CHARS, max_size=3 * max_size),
        st.lists(st.one_of(st.sampled_from(EN_WORDS + ZH_WORDS), st.text(SAFE_CHARS, max_size=4)),
                 max_size=max_size).map(" ".join),
    )


def one_line(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Values with no line break or tab, and no space at their ends (as exports write them)."""
    return strategy.map(lambda s: LINE_BREAKS.sub(" ", s).strip())


@dataclass
class Fields:
    """One bibliographic record's values, before it is written in some format."""

    title_en: str
    title_zh: str
    abstract_en: str
    abstract_zh: str
    authors: list[str]
    affiliation: str
    journal: str
    year: str
    doi: str
    pmid: str
    keywords: list[str]


def fields(max_size: int = 40) -> st.SearchStrategy[Fields]:
    line = one_line(prose(max_size))
    short = one_line(prose(6))
    return st.builds(
        Fields, title_en=short, title_zh=short, abstract_en=line, abstract_zh=line,
        authors=st.lists(short, max_size=4), affiliation=short, journal=short,
        year=st.one_of(st.sampled_from(["2019", "2022", "1990", ""]), short),
        doi=st.one_of(st.just("10.1136/lupus-2022-000704"), st.just(""), short),
        pmid=st.integers(1, 999_999_999).map(str), keywords=st.lists(short, max_size=4))


# -- record skeletons: one writer per format ----------------------------------------------------

def _ris(f: Fields) -> str:
    lines = ["TY  - JOUR", "M3  - Article", f"Y1  - {f.year}", f"JF  - {f.journal}"]
    lines += [f"A1  - {a}" for a in f.authors] + [f"AD  - {f.affiliation}", f"T1  - {f.title_en}",
                                                   f"T1  - {f.title_zh}"]
    lines += [f"KW  - {k}" for k in f.keywords]
    lines += [f"AB  - {f.abstract_en}", f"N2  - {f.abstract_zh}", f"DO  - {f.doi}",
              f"AN  - {f.pmid}", "ER  - "]
    return "\n".join(lines) + "\n\n"


def _wrap(value: str, width: int = 70) -> str:
    """MEDLINE's continuation lines: wrapped at spaces, indented six spaces."""
    out, line = [], ""
    for word in value.split(" "):
        if line and len(line) + len(word) >= width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n      ".join([*out, line])


def _medline(f: Fields) -> str:
    lines = [f"PMID- {f.pmid}", "OWN - NLM", "STAT- MEDLINE", f"DP  - {f.year}",
             f"TI  - {_wrap(f.title_en)}", "PG  - 10"]
    lines += [f"AB  - {_wrap(f.abstract_en)}"] if f.abstract_en else []
    lines += [f"OAB - {_wrap(f.abstract_zh)}", "OABL- chi"] if f.abstract_zh else []
    for author in f.authors:
        lines += [f"FAU - {author}", f"AU  - {author[:10]}", f"AD  - {f.affiliation}"]
    lines += [f"OT  - {k}" for k in f.keywords]
    lines += [f"TT  - {f.title_zh}", f"JT  - {f.journal}", f"LID - {f.doi} [doi]"]
    return "\n".join(lines) + "\n\n"


def _wos(f: Fields) -> str:
    authors = "\n   ".join(f.authors) or "Anonymous"
    return (f"PT J\nAU {authors}\nAF {authors}\nTI {_wrap(f.title_en).replace('      ', '   ')}\n"
            f"SO {f.journal}\nLA English\nDT Article\nDE {'; '.join(f.keywords)}\n"
            f"AB {f.abstract_en}\nC1 {f.affiliation}\nPY {f.year}\nDI {f.doi}\nPM {f.pmid}\n"
            "ER\n\n")


def _endnote(f: Fields) -> str:
    lines = ["%0 Journal Article"] + [f"%A {a}" for a in f.authors]
    lines += [f"%+ {f.affiliation}", f"%T {f.title_zh}", f"%J {f.journal}", f"%D {f.year}",
              f"%K {';;'.join(f.keywords)}", f"%X {f.abstract_zh}", f"%R {f.doi}", "%W CNKI"]
    return "\n".join(lines) + "\n\n"


def _refworks(f: Fields) -> str:
    return (f"RT Journal Article\nSR 1\nA1 {';'.join(f.authors)};\nAD {f.affiliation}\n"
            f"T1 {f.title_zh}\nJF {f.journal}\nYR {f.year}\nK1 {';'.join(f.keywords)}\n"
            f"AB {f.abstract_zh}\nLA 中文;\nDS CNKI\n\n")


def _noteexpress(f: Fields) -> str:
    lines = ["{Reference Type}: Journal Article", f"{{Title}}: {f.title_zh}",
             f"{{Translated Title}}: {f.title_en}"] + [f"{{Author}}: {a}" for a in f.authors]
    lines += [f"{{Author Address}}: {f.affiliation}", f"{{Journal}}: {f.journal}",
              f"{{Year}}: {f.year}", f"{{Keywords}}: {'；'.join(f.keywords)}",
              f"{{Abstract}}：{f.abstract_zh}", "{Database Provider}: CNKI"]
    return "\n".join(lines) + "\n\n"


def _estudy(f: Fields) -> str:
    return (f"SrcDatabase-来源库: 期刊\nTitle-题名: {f.title_zh}\n"
            f"Author-作者: {';'.join(f.authors)};\nOrgan-单位: {f.affiliation}\n"
            f"Source-文献来源: {f.journal}\nKeyword-关键词: {';'.join(f.keywords)}\n"
            f"Summary-摘要: {f.abstract_zh}\nYear-年: {f.year}\nDOI-DOI: {f.doi}\n")


def _cnki(f: Fields) -> str:
    return (f"题名：{f.title_zh}\n作者：{';'.join(f.authors)}\n机构：{f.affiliation}\n"
            f"关键词：{'；'.join(f.keywords)}\n摘要：{f.abstract_zh}\nD O I：{f.doi}\n\n")


def _jsonl(f: Fields, ascii_only: bool = False) -> str:
    obj = {"title": {"en": f.title_en, "zh": f.title_zh},
           "abstract": {"en": f.abstract_en, "zh": f.abstract_zh}, "authors": f.authors,
           "journal": f.journal, "year": f.year, "doi": f.doi, "pmid": f.pmid,
           "keywords": "; ".join(f.keywords)}
    return json.dumps(obj, ensure_ascii=ascii_only) + "\n"


def _xml_inline(value: str) -> str:
    """Escaped text with inline markup every few words, as PubMed writes abstracts."""
    out = []
    for i, word in enumerate(value.split(" ")):
        word = escape(word)
        out.append(("<i>{}</i>", "<sup>{}</sup>", "<sub>{}</sub>", "{}", "{}")[i % 5]
                   .format(word) if i % 3 == 1 else word)
    return " ".join(out)


MATHML = ('<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msub><mml:mi>V'
          '</mml:mi><mml:mn>2</mml:mn></mml:msub></mml:math>')


def _pubmed_article(f: Fields) -> str:
    authors = "".join(f"<Author><LastName>{escape(a)}</LastName><ForeName>J</ForeName>"
                      f"<AffiliationInfo><Affiliation>{escape(f.affiliation)}</Affiliation>"
                      "</AffiliationInfo></Author>" for a in f.authors)
    half = len(f.abstract_en) // 2
    abstract = (f'<AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">'
                f"{escape(f.abstract_en[:half])}</AbstractText>\n"
                f'<AbstractText Label="RESULTS">{_xml_inline(f.abstract_en[half:])} {MATHML}'
                f" &lt; &#946; &#x3b2;</AbstractText>")
    keywords = "".join(f"<Keyword>{escape(k)}</Keyword>" for k in f.keywords)
    return (f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
            f'<PMID Version="1">{f.pmid}</PMID><Article PubModel="Print"><Journal><JournalIssue>'
            f"<PubDate><Year>{escape(f.year)}</Year></PubDate></JournalIssue>"
            f"<Title>{escape(f.journal)}</Title></Journal>"
            f"<ArticleTitle>{_xml_inline(f.title_en)}</ArticleTitle>"
            f'<ELocationID EIdType="doi" ValidYN="Y">{escape(f.doi)}</ELocationID>'
            f"<Abstract>{abstract}</Abstract><AuthorList>{authors}</AuthorList>"
            f"<VernacularTitle>{escape(f.title_zh)}</VernacularTitle></Article>"
            f'<OtherAbstract Type="Publisher" Language="chi"><AbstractText>'
            f"{escape(f.abstract_zh)}</AbstractText></OtherAbstract>"
            f"<KeywordList>{keywords}</KeywordList></MedlineCitation><PubmedData>"
            f'<ArticleIdList><ArticleId IdType="pubmed">{f.pmid}</ArticleId></ArticleIdList>'
            "</PubmedData></PubmedArticle>\n")


SCOPUS_HEADER = ["Authors", "Author full names", "Title", "Year", "Source title", "DOI",
                 "Affiliations", "Abstract", "Author Keywords", "PubMed ID", "Document Type"]


def _scopus_file(records: list[Fields]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SCOPUS_HEADER)
    for f in records:
        writer.writerow(["; ".join(a[:8] for a in f.authors), "; ".join(f.authors),
                         f.title_en or f.title_zh, f.year, f.journal, f.doi, f.affiliation,
                         f.abstract_en, "; ".join(f.keywords), f.pmid, "Article"])
    return "\ufeff" + out.getvalue()


WOS_TAB_HEADER = ["PT", "AU", "AF", "TI", "SO", "AB", "DI", "PM", "PY", "DT", "UT"]


def _wos_tab_file(records: list[Fields]) -> str:
    rows = ["\t".join(WOS_TAB_HEADER)]
    for n, f in enumerate(records):
        rows.append("\t".join(["J", "; ".join(a[:8] for a in f.authors), "; ".join(f.authors),
                               f.title_en, f.journal, f.abstract_en, f.doi, f.pmid, f.year,
                               "Article", f"WOS:{n}", ""]))
    return "\ufeff" + "\n".join(rows) + "\n"


def _paper(f: Fields) -> str:
    return (f"临床研究\n\n# {f.title_zh or '题目'}\n\n{'，'.join(f.authors)}\n\n"
            f"摘要：{f.abstract_zh}\n\n关键词：{'；'.join(f.keywords)}\n\n中图分类号：R593\n\n"
            f"# {f.title_en or 'Title'}\n\n{', '.join(f.authors)}\n\n"
            f"Abstract: {f.abstract_en}\n\nKey words: {'; '.join(f.keywords)}\n\n"
            f"## 1 引言\n\n{f.abstract_zh}\n\n## 参考文献\n\n[1] {f.title_en}. PMID: 12345678\n")


def _text(f: Fields) -> str:
    return (f"{f.title_en}\n\nDepartment of Medicine, {f.affiliation}, Charleston, USA.\n"
            f"Lupus Sci Med. {f.year}. doi: {f.doi}\n\nBackground: {f.abstract_en}\n\n"
            f"背景：{f.abstract_zh}\n\nReferences\n\n1. Other paper. doi: 10.1/other\n")


@dataclass(frozen=True)
class Format:
    """How to write a file of records in a reader's format: ``file(records)``; ``counted``:
    whether every skeleton is one item (formats read as one record a file are not)."""

    name: str
    file: Callable[[list[Fields]], str]
    counted: bool = True
    max_records: int = 4


def _joined(record: Callable[[Fields], str], head: str = "", tail: str = "") -> Callable:
    return lambda records: head + "".join(record(f) for f in records) + tail


XML_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE PubmedArticleSet PUBLIC '
            '"-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
            '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n')
FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("ris", _joined(_ris, "\ufeff")),
    Format("medline", _joined(_medline, "\n")),
    Format("pubmed-xml", _joined(_pubmed_article, XML_HEAD, "</PubmedArticleSet>\n")),
    Format("wos", _joined(_wos, "FN Clarivate Analytics Web of Science\nVR 1.0\n", "EF\n")),
    Format("wos-tab", _wos_tab_file),
    Format("scopus-csv", _scopus_file),
    Format("endnote", _joined(_endnote, "\n\n")),
    Format("refworks", _joined(_refworks)),
    Format("noteexpress", _joined(_noteexpress)),
    Format("estudy", _joined(_estudy)),
    Format("cnki", _joined(_cnki)),
    Format("jsonl", _joined(_jsonl)),
    Format("paper", _joined(_paper), counted=False, max_records=1),
    Format("text", _joined(_text), counted=False, max_records=1),
]}


def skeleton_file(fmt: str, max_size: int = 40) -> st.SearchStrategy[tuple[str, int]]:
    """``(file text, number of records written)`` of well-formed records of ``fmt``."""
    spec = FORMATS[fmt]
    return st.lists(fields(max_size), min_size=1, max_size=spec.max_records).map(
        lambda records: (spec.file(records), len(records)))


# -- damage -------------------------------------------------------------------------------------

STRUCTURE = [
    "\n", "\n\n", "TY  - JOUR\n", "ER  - \n", "ER  -", "AB  - ", "PMID- 1\n", "PMID- ", "OAB - ",
    "OABL- chi\n", "      ", "PT J\n", "ER\n", "EF\n", "FN ", "%0 Journal Article\n", "%T ", "%X ",
    "RT Journal Article\n", "T1 ", "{Reference Type}: ", "{Title}: ", "{Abstract}：",
    "SrcDatabase-来源库: 期刊\n", "Title-题名: ", "Summary-摘要: ", "摘要", "摘要：", "作者\n",
    "关键词：", "Abstract: ", "Key words: ", "# ", "参考文献\n", "References\n", "\t", ",", '"',
    '""', '"\n', "{", "}", '{"title": ', "[1, 2]", "null", "<PubmedArticle>", "</PubmedArticle>",
    "<AbstractText>", "</AbstractText>", '<AbstractText Label="METHODS">', "<Abstract>",
    "<OtherAbstract Language=\"chi\">", "<![CDATA[", "]]>", "<!--", "-->", "&lt;", "&amp;",
    "&#946;", "&#x1F600;", "&#99999999;", "&#0;", "&bogus;", '<!ENTITY a "b">', "&a;",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "<sup>", "</sup>", "<i>",
    "<mml:math>", "<PubPubmedBookArticle>", "<PubmedBookArticle>", "<?pi x?>", "\ufeff", "\r",
    "\r\n", "\x85", "\u2028", "\x00", "\x1b", "\ufffd", "Â±", "1×106", "(#br)", "<正>", "【目的】",
]


@st.composite
def mutated(draw, base: st.SearchStrategy[str], huge: int = 20_000) -> str:
    """``base`` text with up to five pieces of damage."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["cut", "delete", "duplicate", "swap", "insert", "insert",
                                     "replace", "huge", "nest", "crlf"]))
        at = draw(st.integers(0, len(text)))
        lines = text.split("\n")
        line = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "cut":
            text = text[:at]
        elif kind == "delete":
            text = "\n".join(lines[:line] + lines[line + 1:])
        elif kind == "duplicate":
            text = "\n".join(lines[:line + 1] + lines[line:])
        elif kind == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        elif kind in ("insert", "replace"):
            piece = draw(st.one_of(st.sampled_from(STRUCTURE), st.text(ANY_CHARS, max_size=12),
                                   prose(8)))
            end = at + draw(st.integers(0, 20)) if kind == "replace" else at
            text = text[:at] + piece + text[end:]
        elif kind == "huge":
            piece = draw(st.sampled_from(["patients ", "患者", "x", "<i>a</i>", "&lt;", "AB  - a\n",
                                          "\n", " ", "Methods: ", "1×106 "]))
            text = text[:at] + piece * (huge // len(piece)) + text[at:]
        elif kind == "nest":
            depth = draw(st.integers(1, 400))
            tag = draw(st.sampled_from(["i", "b", "sup", "AbstractText", "mml:mrow"]))
            text = text[:at] + f"<{tag}>" * depth + "x" + f"</{tag}>" * depth + text[at:]
        elif kind == "crlf":
            text = text.replace("\n", "\r\n")
    return text


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk", "big5", "latin-1",
             "cp1252", "shift_jis"]


@st.composite
def file_bytes(draw, base: st.SearchStrategy[str]) -> bytes:
    """A file's bytes: text in some encoding (characters it cannot write replaced), perhaps
    with random bytes written over or into it."""
    text = draw(base)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        noise = draw(st.binary(max_size=16))
        data = data[:at] + noise + data[at + draw(st.integers(0, len(noise))):]
    return data


# -- invariants ---------------------------------------------------------------------------------

def read_with(fmt: str, text: str, source: str) -> list[Record | Quarantined]:
    """All items of the ``fmt`` reader over ``text``; a SummarizerError (a user error with a
    message) is the only exception a reader may raise, and it becomes the empty list."""
    try:
        return list(get_reader(fmt)(text, source))
    except SummarizerError:
        return []


def check_record(record: Record, file_text: str | None, fmt: str) -> None:
    """Offsets of ``record`` into ``file_text`` (None: not known) and into its own text."""
    text = record.text
    if file_text is not None and record.format == fmt:
        assert file_text[record.offset:record.offset + len(text)] == text, "record offset"
        assert record.line == file_text.count("\n", 0, record.offset) + 1, "record line"
    assert len(record.normalized) == len(text), "normalized length"
    for section in record.abstract:
        assert section.lang in ("en", "zh") and section.text.strip(), section
        if section.start is None:
            assert section.end is None
            continue
        assert 0 <= section.start <= section.end <= len(text), section
        raw = text[section.start:section.end]
        if record.format == "pubmed-xml" and raw != section.text:
            assert markup_text(raw).strip() == section.text, (raw, section.text)
            offsets = source_offsets(record, section)
            assert offsets is not None and len(offsets) == len(section.text), section
        else:
            assert raw == section.text, (raw, section.text)
    for warning in record.warnings:
        if warning.start is not None:
            assert 0 <= warning.start <= warning.end <= len(text), warning
            assert text[warning.start:warning.end] == warning.text, warning
    again = Record.from_dict(json.loads(json.dumps(record.to_dict(), ensure_ascii=False)))
    assert again == record, "JSON round trip"


def check_sentences(record: Record) -> None:
    """Every placed sentence of the record slices its text (a sentence of a section decoded
    from markup lies inside the section's raw span)."""
    from summarizer.align.segment import segment_record

    spans = sorted((s.start, s.end, s.text) for s in record.abstract if s.start is not None)
    for sentences in segment_record(record).values():
        for s in sentences:
            if s.start is None:
                continue
            assert 0 <= s.start < s.end <= len(record.text), s
            k = bisect_right(spans, (s.start, len(record.text) + 1, "")) - 1
            inside = [x for x in spans[max(0, k - 3):k + 1] if x[0] <= s.start and s.end <= x[1]]
            assert inside, s
            if any(record.text[a:b] == t for a, b, t in inside):
                assert record.text[s.start:s.end] == s.text, s


def check_items(items: list, file_text: str | None, fmt: str, source: str,
                numbered: bool = True) -> None:
    """The invariants every reader's output keeps (see the module docstring)."""
    for n, item in enumerate(items):
        assert isinstance(item, (Record, Quarantined)), item
        if isinstance(item, Quarantined):
            assert "\n" not in item.reason and item.reason.startswith(source), item.reason
        else:
            assert item.source == source or item.format != fmt, item.source
            check_record(item, file_text, fmt)
        if numbered and not isinstance(item, Skipped):
            assert item.index == n, [getattr(i, "index", None) for i in items]
    ids = [i.id for i in items if isinstance(i, Record) and i.format == fmt]
    assert len(ids) == len(set(ids)), ids


# -- the properties, as plain functions (the suite and the long fuzz run both call them) ------

SOURCE = "exports/ü 2024 (1).txt"


def prop_skeleton(fmt: str, drawn: tuple[str, int]) -> None:
    """Well-formed records: invariants hold and every record written is one item."""
    text, n = drawn
    items = read_with(fmt, text, SOURCE)
    check_items(items, text, fmt, SOURCE)
    for item in items:
        if isinstance(item, Record):
            check_sentences(item)
    if FORMATS[fmt].counted:
        assert len(items) == n, f"{len(items)} items for {n} records"
    else:
        assert len(items) == 1


def prop_mutated(fmt: str, text: str) -> None:
    """Damaged files: no exception escapes and the invariants hold."""
    items = read_with(fmt, text, SOURCE)
    check_items(items, text, fmt, SOURCE)
    for item in items:
        if isinstance(item, Record):
            check_sentences(item)


def prop_file(data: bytes, folder, fmt: str | None = None) -> None:
    """A file's bytes through ``read_file`` (decoding, format detection, the reader): at least
    one item, each read, quarantined or skipped with a one-line reason naming the file."""
    from summarizer.ingest import read_file
    from summarizer.ingest.decode import decode_bytes

    path = folder / "fuzzed file.txt"
    path.write_bytes(data)
    items = read_file(path, fmt, SOURCE)
    assert items, "a file gave no item"
    try:
        text, _ = decode_bytes(data, SOURCE)
    except SummarizerError:
        assert len(items) == 1 and isinstance(items[0], Quarantined)
        return
    records = [i for i in items if isinstance(i, Record)]
    formats = {r.format for r in records}
    assert len(formats) <= 1, formats
    if isinstance(items[0], Skipped):
        assert len(items) == 1
        return
    check_items(items, text, formats.pop() if formats else fmt or "", SOURCE,
                numbered=len(items) > 1 or items[0].index is not None)
