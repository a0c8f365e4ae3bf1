"""Tagged and tabular exports in the shapes CNKI, Wanfang, Web of Science and Scopus write
(short fixtures written here after those formats; the real files are in tests/ingest/real)."""

from __future__ import annotations

import pytest

from summarizer.ingest import detect_format, read_file
from summarizer.ingest.decode import decode_bytes
from summarizer.schema import Quarantined, Record

ENDNOTE = """

%0 Journal Article
%A 王芳
%A 李明
%+ 北京协和医院风湿免疫科;北京协和医院检验科
%T 间充质干细胞治疗难治性系统性红斑狼疮的临床研究
%J 中华内科杂志
%D 2021
%K 系统性红斑狼疮;;间充质干细胞;;疗效
%X 目的 观察间充质干细胞治疗难治性狼疮的疗效。方法 40例患者随机分为两组。
结果 治疗组缓解率高于对照组。结论 间充质干细胞安全有效。
%R 10.3760/cma.j.cn112138-20210101-00001
%W CNKI

%0 Thesis
%A 张伟
%T 脐带间充质干细胞治疗狼疮性肾炎的研究
%X Abstract(#br)Umbilical cord mesenchymal stromal cells were given to twenty patients.
%W CNKI
"""
REFWORKS = """RT Journal Article
SR 1
A1 孙丽;赵明;
AD 山东大学齐鲁医院风湿免疫科
T1 脐带间充质干细胞治疗原发性干燥综合征的随机对照研究
JF 中国免疫学杂志
YR 2020
K1 干燥综合征;间充质干细胞
AB 目的：评价脐带间充质干细胞治疗原发性干燥综合征的疗效。方法：40例患者随机分组。
LA 中文;
DS CNKI

RT Journal Article
SR 1
A1 周丽娟;
T1 骨髓间充质干细胞移植治疗系统性硬化症的临床观察
AB 12例患者接受骨髓间充质干细胞静脉输注，随访12个月。
DS CNKI
"""
# E-Study records follow one another with no blank line between them.
ESTUDY = """SrcDatabase-来源库: 期刊
Title-题名: 间充质干细胞治疗狼疮的疗效观察
Author-作者: 王芳;李明;
Organ-单位: 北京协和医院;
Source-文献来源: 中华内科杂志
Keyword-关键词: 狼疮;干细胞;
Summary-摘要: 目的：观察疗效。方法：20例患者接受输注。结果：15例缓解。
Year-年: 2021
SrcDatabase-来源库: 期刊
Title-题名: 干细胞治疗硬皮病的随访研究
Author-作者: 周丽;
Organ-单位: 南京鼓楼医院;
Summary-摘要: 12例患者随访12个月，皮肤评分下降。
Year-年: 2019
"""
SCOPUS = ('\ufeffAuthors,Author full names,Title,Year,Source title,DOI,Affiliations,Abstract,'
          'Author Keywords,PubMed ID,Document Type\n'
          'Kamen D.; Wallace C.,"Kamen, Diane (1); Wallace, Caroline (2)",'
          'Mesenchymal stromal cells in lupus,2022,Lupus Sci Med,10.1136/lupus-2022-000704,'
          '"MUSC, Charleston, United States","Six women received cells.\nFive responded, '
          'a ""good"" result.",lupus; MSC,36104071,Article\n'
          'Doe J.,"Doe, John (3)",A trial without abstract,2021,Trials,,,'
          '[No abstract available],,,Article\n')
WOS_TAB = ("\ufeffPT\tAU\tAF\tTI\tSO\tAB\tDI\tPM\tPY\tDT\tUT\n"
           "J\tKamen, D\tKamen, Diane L\tCells in lupus\tLUPUS SCI MED\tSix women received "
           "cells; five responded.\t10.1136/lupus-2022-000704\t36104071\t2022\tArticle\t"
           "WOS:1\t\n"
           "J\tDoe, J\t\tA second trial\tTRIALS\t\t\t\t2021\tArticle\tWOS:2\t\n")


def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name, text, fmt, titles, langs", [
    ("cnki.enw", ENDNOTE, "endnote",
     ["间充质干细胞治疗难治性系统性红斑狼疮的临床研究", "脐带间充质干细胞治疗狼疮性肾炎的研究"],
     ["zh", "en"]),
    ("cnki.txt", REFWORKS, "refworks",
     ["脐带间充质干细胞治疗原发性干燥综合征的随机对照研究",
      "骨髓间充质干细胞移植治疗系统性硬化症的临床观察"],
     ["zh", "zh"]),
    ("estudy.txt", ESTUDY, "estudy",
     ["间充质干细胞治疗狼疮的疗效观察", "干细胞治疗硬皮病的随访研究"],
     ["zh", "zh"]),
    ("scopus.csv", SCOPUS, "scopus-csv",
     ["Mesenchymal stromal cells in lupus", "A trial without abstract"], ["en", "-"]),
    ("savedrecs.txt", WOS_TAB, "wos-tab", ["Cells in lupus", "A second trial"], ["en", "-"]),
])
def test_each_record_gets_its_own_fields(tmp_path, name, text, fmt, titles, langs):
    path = write(tmp_path, name, text)
    assert detect_format(text) == fmt
    records = read_file(path)
    assert all(isinstance(r, Record) and r.format == fmt for r in records)
    assert [r.title["zh"] or r.title["en"] for r in records] == titles
    assert ["+".join(sorted({s.lang for s in r.abstract})) or "-" for r in records] == langs
    decoded, _ = decode_bytes(path.read_bytes(), name)
    for record in records:
        assert decoded[record.offset:record.offset + len(record.text)] == record.text
        for section in record.abstract:
            assert record.text[section.start:section.end] == section.text


def test_endnote_fields(tmp_path):
    first, thesis = read_file(write(tmp_path, "cnki.enw", ENDNOTE))
    assert first.authors == ["王芳", "李明"]
    assert first.affiliations == ["北京协和医院风湿免疫科", "北京协和医院检验科"]
    assert first.keywords == ["系统性红斑狼疮", "间充质干细胞", "疗效"]
    assert (first.journal, first.year, first.doi) == (
        "中华内科杂志", 2021, "10.3760/cma.j.cn112138-20210101-00001")
    assert [s.label for s in first.abstract] == ["objective", "methods", "results", "conclusions"]
    assert thesis.publication_types == ["Thesis"]
    assert thesis.abstract[0].text.startswith("Umbilical cord")  # Abstract(#br) left out


def test_estudy_records_split_at_each_source_line(tmp_path):
    first, second = read_file(write(tmp_path, "estudy.txt", ESTUDY))
    assert first.affiliations == ["北京协和医院"] and second.affiliations == ["南京鼓楼医院"]
    assert first.year == 2021 and second.year == 2019
    assert "干细胞治疗硬皮病" not in first.text and second.text.startswith("SrcDatabase-来源库")


def test_scopus_and_wos_tab_fields(tmp_path):
    kamen, other = read_file(write(tmp_path, "scopus.csv", SCOPUS))
    assert kamen.authors == ["Kamen, Diane", "Wallace, Caroline"]
    assert (kamen.pmid, kamen.doi, kamen.year) == ("36104071", "10.1136/lupus-2022-000704", 2022)
    assert kamen.keywords == ["lupus", "MSC"]
    assert other.abstract == [] and other.doi is None
    wos, _ = read_file(write(tmp_path, "savedrecs.txt", WOS_TAB))
    assert wos.authors == ["Kamen, Diane L"] and wos.pmid == "36104071"


def test_a_cut_table_row_and_a_tagged_record_without_title_are_quarantined(tmp_path):
    cut = SCOPUS.split("\n")[0] + "\nKamen D.,Kamen Diane,Cells in lupus\n"
    [item] = read_file(write(tmp_path, "cut.csv", cut))
    assert isinstance(item, Quarantined)
    assert item.reason == ("cut.csv, record 1, line 2: 3 cells where the header has 11; the row "
                           "is cut or the file was edited")
    bare = ENDNOTE.replace("%T 脐带间充质干细胞治疗狼疮性肾炎的研究\n", "").replace(
        "%X Abstract(#br)Umbilical cord mesenchymal stromal cells were given to twenty "
        "patients.\n", "")
    good, bad = read_file(write(tmp_path, "bare.enw", bare))
    assert isinstance(good, Record) and isinstance(bad, Quarantined)
    assert bad.reason.startswith("bare.enw, record 2, line 16: no title or abstract")


def test_wos_plain_text_needs_no_file_header(tmp_path):
    text = ("PT J\nAU Kamen, D\nTI Cells in lupus: a phase 1\n   trial\nAB Six women received "
            "cells.\nDI 10.1136/lupus-2022-000704\nER\n")
    [record] = read_file(write(tmp_path, "one.txt", text))
    assert record.format == "wos" and record.title["en"] == "Cells in lupus: a phase 1 trial"

