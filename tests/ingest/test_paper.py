"""A paper's body methods: where they start and end, as PDF-to-Markdown conversions of real
ChinaXiv papers head them."""

from __future__ import annotations

import pytest

from summarizer.ingest.paper import body_methods, read_paper

FRONT = "摘要：目的 比较两种方法。\n\n关键词：方法\n\n"


@pytest.mark.parametrize("body, paragraphs", [
    # ChinaXiv 201712.00609: numbered subsections, up to "# 2结果"
    ("# 1资料和方法\n\n# 1.1一般资料\n\n选取80例患者。\n\n1.2.2喜疗妥组从放疗第1天开始。\n\n"
     "# 2结果\n\n实验组发生率低。", ["选取80例患者。", "1.2.2喜疗妥组从放疗第1天开始。"]),
    # a meteorology paper (ChinaXiv, 基于模糊隶属度的雷电危险度等级评定): its second part is
    # no results heading, yet it ends the methods
    ("# 1资料与方法\n\n# 1.1 资料来源\n\n选取2013—2017年的数据。\n\n"
     "# 2雷电危险度因子的隶属度\n\n# 2.1雷电危险度因子分级\n\n本文统计了5a的资料。\n\n# 4讨论\n",
     ["选取2013—2017年的数据。"]),
    # English headings; a table is left out
    ("## Patients and methods\n\nWe enrolled 40 patients.\n\n<html><table></table></html>\n\n"
     "## Results\n\nAll improved.", ["We enrolled 40 patients."]),
    ("# 1引言\n\n本文讨论了方法。", []),  # no methods heading: nothing
])
def test_body_methods(body, paragraphs):
    text = FRONT + body
    sections = body_methods(text, len(FRONT))
    assert [s.text for s in sections] == paragraphs
    assert all(text[s.start:s.end] == s.text and s.label == "methods" for s in sections)


@pytest.mark.parametrize("heads, title", [
    # a title over two headings keeps a short second one; a banner after it is no part of it
    ("# 丹参注射液治疗急性脑梗死患者\n\n# 的临床观察\n\n",
     "丹参注射液治疗急性脑梗死患者的临床观察"),
    ("# 丹参注射液治疗急性脑梗死患者的临床观察\n\n# ChinaXiv合作期刊\n\n",
     "丹参注射液治疗急性脑梗死患者的临床观察"),
])
def test_chinese_title_over_headings(heads, title):
    text = (heads + "摘要：目的 比较两种方法。\n\n关键词：方法\n\n# Effect of Danshen\n\n"
            "Abstract: Objective To compare two methods.\n\nKey words: method\n")
    [record] = read_paper(text, "paper.md")
    assert record.title["zh"] == title
