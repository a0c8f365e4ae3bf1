"""Headings in English and Chinese, run-in or marked; text reader roles; truncation; news."""

from __future__ import annotations

import pytest

from summarizer.ingest.sections import label_of, split_sections
from summarizer.ingest.text import read_text


@pytest.mark.parametrize("text, lang, expected", [
    ("Background Few options exist.Methods Six women were treated.Results All improved.",
     "en", [("background", "Background", "Few options exist."),
            ("methods", "Methods", "Six women were treated."),
            ("results", "Results", "All improved.")]),
    ("OBJECTIVE: To test cells. RESULTS: Results were good.", "en",
     [("objective", "OBJECTIVE", "To test cells."), ("results", "RESULTS", "Results were good.")]),
    ("Findings\nTen responded.\nInterpretation\nSafe.", "en",
     [("results", "Findings", "Ten responded."), ("conclusions", "Interpretation", "Safe.")]),
    ("Design: Open label. Setting: One centre.", "en",
     [("methods", "Design", "Open label."), ("methods", "Setting", "One centre.")]),
    # Cancer (Wiley) style: capitals with a full stop; "Results. Ten" in other case is prose
    ("BACKGROUND. Cysts vary. METHODS. Ten were seen. CONCLUSIONS. EUS is safe.", "en",
     [("background", "BACKGROUND", "Cysts vary."), ("methods", "METHODS", "Ten were seen."),
      ("conclusions", "CONCLUSIONS", "EUS is safe.")]),
    ("Results. Ten were seen.", "en", [("other", None, "Results. Ten were seen.")]),
    ("AbstractYouth with IBD often feel anxious.", "en",
     [("other", "Abstract", "Youth with IBD often feel anxious.")]),
    ("The results were good. Methods were simple.", "en",
     [("other", None, "The results were good. Methods were simple.")]),
    # a PDF conversion that lost the spaces (ChinaXiv 201712.00609)
    ("Tocompare two creams.MethodsAtotal of 80 patients were divided.", "en",
     [("other", None, "Tocompare two creams."),
      ("methods", "Methods", "Atotal of 80 patients were divided.")]),
    ("See MethodsX for the protocol.", "en", [("other", None, "See MethodsX for the protocol.")]),
    # a guideline's findings (ParaMed NEJM doc5)
    ("The update reviews practice. Key findings and recommendations Rates declined.", "en",
     [("other", None, "The update reviews practice."),
      ("results", "Key findings and recommendations", "Rates declined.")]),
    ("【目的】探讨疗效。【方法】纳入40例。【结果】有效。【结论】安全。", "zh",
     [("objective", "【目的】", "探讨疗效。"), ("methods", "【方法】", "纳入40例。"),
      ("results", "【结果】", "有效。"), ("conclusions", "【结论】", "安全。")]),
    ("背景：缺乏治疗。\n方法 纳入40例。\n结论：安全。", "zh",
     [("background", "背景", "缺乏治疗。"), ("methods", "方法", "纳入40例。"),
      ("conclusions", "结论", "安全。")]),
    # WMT Medline doc30 (a veterinary journal's headings)
    ("评价喷雾的影响。方法和材料: 每24h将喷剂应用于腹部。结论和临床重要性: 临床体征显著减少。",
     "zh",
     [("other", None, "评价喷雾的影响。"), ("methods", "方法和材料", "每24h将喷剂应用于腹部。"),
      ("conclusions", "结论和临床重要性", "临床体征显著减少。")]),
    ("Conclusion Safe. Trial registration number NCT03171194.All data are available.", "en",
     [("conclusions", "Conclusion", "Safe."),
      ("registration", "Trial registration number", "NCT03171194."),
      ("other", None, "All data are available.")]),
    ("Interpretation Safe. Copyright (c) 2024 Elsevier Ltd. All rights reserved.", "en",
     [("conclusions", "Interpretation", "Safe.")]),
])
def test_split_sections(text, lang, expected):
    sections = split_sections(text, lang, base=5)
    assert [(s.label, s.heading, s.text) for s in sections] == expected
    assert all(text[s.start - 5:s.end - 5] == s.text for s in sections)


def test_text_reader_header_lines_and_script_split():
    text = ("Department of Rheumatology, Fudan University, Shanghai, China.\n"
            "Chin Med J. 2021 Mar;134(5). doi: 10.1097/CM9.0000000000001234.\n"
            "Forty patients with lupus received two infusions of cord cells and were followed.\n"
            "四十例狼疮患者接受两次脐带间充质干细胞输注，并随访十二个月。\n")
    record = next(read_text(text, "pasted.txt"))
    assert record.affiliations == ["Department of Rheumatology, Fudan University, Shanghai, "
                                   "China."]
    assert (record.journal, record.year, record.doi) == (
        "Chin Med J", 2021, "10.1097/cm9.0000000000001234")
    assert [(s.lang, s.label) for s in record.abstract] == [("en", "other"), ("zh", "other")]


def test_chinese_prose_that_names_a_centre_is_no_affiliation():
    # WMT Medline doc41 pasted as one line: 多中心 and commas near its start
    text = ("分析幼年型粒单核细胞白血病（JMML）患者相关基因突变情况. 收集2015年1月至2018年12月"
            "福建省多中心19例JMML患儿的基因突变结果及临床资料，并根据基因突变结果，分为两组。"
            "19例JMML患儿中，男14例，女5例。\n")
    record = next(read_text(text, "pasted.txt"))
    assert (record.affiliations, [(s.lang, s.label) for s in record.abstract]) == (
        [], [("zh", "other")])
    affiliation = "南方医科大学南方医院放疗科，广东，广州510515\n" + text
    assert next(read_text(affiliation, "p.txt")).affiliations == [
        "南方医科大学南方医院放疗科，广东，广州510515"]


@pytest.mark.parametrize("text, truncated", [
    ("Ten patients with lupus received cells and nine of them improved after it.", False),
    ("Ten patients with lupus received cells and nine of them improved after", True),
    ("Ten patients with lupus received cells and nine of them improved after...", True),
    ("十名狼疮患者接受了干细胞治疗，其中九名患者的病情在治疗后得到了明显改善", True),
])
def test_truncated_abstract(text, truncated):
    record = next(read_text("Cord cells in lupus\n" + text, "t.txt"))
    assert record.title["en"] == "Cord cells in lupus"
    kinds = [w.kind for w in record.warnings]
    assert ("truncated" in kinds) is truncated


@pytest.mark.parametrize("text, kind", [
    ("Researchers at a university said the cells helped. The findings were presented at a "
     "meeting, the researchers announced, and a larger trial is now recruiting.", "news"),
    ("Researchers at a university said the cells helped. The findings were presented at a "
     "meeting (NCT01234567), and the researchers announced a larger trial.", "article"),
    ("Forty patients received cells. The response rate was 60% at 12 months in this "
     "multicentre study of cord-derived cells.", "article"),
])
def test_news_needs_clear_signals(text, kind):
    assert next(read_text(text, "n.txt")).kind == kind


# PubMed XML labels as Fertility and Sterility writes them (medline-a, PMID 26207960)
@pytest.mark.parametrize("heading, label", [
    ("PATIENT(S)", "methods"), ("INTERVENTION(S)", "methods"),
    ("MAIN OUTCOME MEASURE(S)", "methods"), ("RESULT(S)", "results"),
    ("CONCLUSION(S)", "conclusions"), ("OBJECTIVE(S)", "objective"), ("DESIGN", "methods"),
    ("LIMITATION(S)", "other"), ("SETTING/PARTICIPANTS", "methods"),
    ("Design and setting", "methods"), ("Materials and methods", "methods"),
    ("Methods and Results", "other"), ("MEASUREMENTS AND MAIN RESULTS", "other"),
    ("Objectives and methods", "other"), ("Funding", "other"),
])
def test_heading_labels(heading, label):
    assert label_of(heading) == label
