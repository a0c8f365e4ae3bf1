"""The lay glossary, jargon explained on first use, the lint, and fact phrases in Chinese."""

from __future__ import annotations

import re

import pytest

from summarizer.summarize import lint_lay_summary
from summarizer.summarize.glossary import explain, load_glossary, prose_matches, to_en, to_zh


def test_glossary_has_150_jargon_terms_with_plain_explanations():
    terms = load_glossary()
    jargon = [t for t in terms if t.lay != "no"]
    assert len(jargon) >= 150
    for t in jargon:
        assert t.en[0] and t.zh[0] and t.plain_en and t.plain_zh
        assert not re.search(r"\d", t.plain_en + t.plain_zh), t.en[0]  # no number to check


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explanations_use_no_jargon(lang):
    for t in load_glossary():
        if t.lay != "no":
            assert prose_matches(t.plain(lang), lang) == [], (t.en[0], t.plain(lang))


@pytest.mark.parametrize("text, lang, expected", [
    ("They got a placebo. The placebo was water.", "en",
     "They got a placebo (a dummy treatment with no active drug in it). The placebo was water."),
    ("Six had SLE and a flare.", "en",
     "Six had SLE (a long-term illness in which the body's defences attack its own organs) and "
     "a flare (a time when the illness gets worse)."),
    ("It was open-label (known to all).", "en", "It was open-label (known to all)."),
    ("umbilical cord mesenchymal stromal cells", "en",
     "umbilical cord mesenchymal stromal cells (umbilical cord: taken from the cord that joins "
     "a baby to its mother, after birth; mesenchymal stromal cells: cells that can calm the "
     "body's defences and help repair tissue)"),
    ("## Dose\nThe dose was low.", "en",
     "## Dose\nThe dose (how much of a treatment is given) was low."),
    ("See `NCT01` and *a phase 1 title*.", "en", "See `NCT01` and *a phase 1 title*."),
    ("患者接受了安慰剂。", "zh", "患者接受了安慰剂（不含有效成分的假治疗）。"),
    ("经静脉输注。", "zh", "经静脉输注（把液体慢慢滴入静脉）。"),
    # a term inside a longer word or a hyphenated one is not that term
    ("Nonplacebo pills and a re-dose; placebo-like.", "en",
     "Nonplacebo pills and a re-dose; placebo-like."),
    ("3 年无浸润性疾病生存率为 90%。", "zh", "3 年无浸润性疾病生存率为 90%。"),  # not in 生存率
    # nor in a medicine's name (WMT doc1)
    ("研究了升血小板胶囊。", "zh", "研究了升血小板胶囊。"),
    # a longer term is not its last word's (WMT doc44: not a test's sensitivity)
    ("It measured effect and measurement sensitivity.", "en",
     "It measured effect and measurement sensitivity (how well a way of measuring picks up real "
     "change)."),
])
def test_explain_on_first_use(text, lang, expected):
    assert explain(text, lang) == expected
    assert lint_lay_summary(expected, lang) == []


@pytest.mark.parametrize("text, lang, problems", [
    ("They got a placebo.", "en", ["line 1: 'placebo' is not explained at its first use"]),
    ("Fine.\nMCR (13/40) was seen.", "en", ["line 2: 'MCR' is not explained at its first use"]),
    ("The BXR score fell; BXR is new.", "en", ["line 1: abbreviation 'BXR' is not explained"]),
    ("The BXR (a score) fell.", "en", []),
    ("Registered as `NCT03171194` and NCT03171194.", "en", []),
    ("研究没有对照组。", "zh", ["line 1: '对照组' is not explained at its first use"]),
    ("All of them were women.", "en", []),
    ("Class III or IV lupus nephritis (lupus that harms the kidneys).", "en", []),
])
def test_lint_lay_summary(text, lang, problems):
    assert lint_lay_summary(text, lang) == problems


@pytest.mark.parametrize("phrase, expected", [
    ("systemic lupus erythematosus", "系统性红斑狼疮"),
    ("allogeneic umbilical cord-derived mesenchymal stromal cells",
     "同种异体脐带来源间充质基质细胞"),
    ("SRI-4 at 20 weeks", "第 20 周时的 SRI-4"),
    ("SRI of 4 by 20 weeks", "到第 20 周时的 SRI-4"),
    ("days 0 and 7", "第 0 天和第 7 天"),
    ("once weekly, 3 doses", "每周一次，共 3 次"),
    ("12.4 months (range 12-13)", "12.4 个月（范围 12–13）"),
    ("major clinical response (MCR)", "主要临床缓解"),
    ("severe SLE refractory to first and second line therapies",
     "系统性红斑狼疮【原文：severe SLE refractory to first and second line therapies】"),
    ("inflammatory bowel disease (IBD)", "炎症性肠病"),
    ("nasopharyngeal carcinoma", "鼻咽癌"),
    ("progression-free survival", "无进展生存期"),
    ("biopsy-proven class III or IV lupus nephritis", "经活检证实的 III 型或 IV 型狼疮性肾炎"),
    ("Angina episodes per week", "每周心绞痛发作次数"),
    ("tocilizumab", "tocilizumab"),
    ("狼疮", "狼疮"),
    (None, None),
])
def test_to_zh(phrase, expected):
    assert to_zh(phrase) == expected


@pytest.mark.parametrize("kind", ["lay_en", "lay_zh"])
def test_lay_summaries_of_all_fixtures_pass_the_lint(written, kind):
    lang = kind[-2:]
    for name, paths in written.items():
        assert lint_lay_summary(paths[kind].read_text("utf-8"), lang) == [], name


@pytest.mark.parametrize("phrase, expected", [
    ("脐带间充质干细胞", "umbilical cord mesenchymal stromal cells"),
    ("类风湿关节炎", "rheumatoid arthritis"),
    ("24 周", "24 weeks"),
    ("第 0 天和第 7 天", "days 0 and 7"),
    ("每周一次，共 3 次", "weekly [Chinese original: 每周一次，共 3 次]"),
    ("一过性发热", "transient fever"),
    ("鼻咽癌", "nasopharyngeal carcinoma"),
    ("未知疗法", "未知疗法"),
    ("placebo", "placebo"),
])
def test_to_en(phrase, expected):
    assert to_en(phrase) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("severity and incidence of radiation dermatitis", "放射性皮炎的严重程度和发病率"),
    ("anxiety, depression", "焦虑、抑郁症"),
])
def test_to_zh_orders_of_phrases_and_lists_as_chinese_does(phrase, expected):
    assert to_zh(phrase, strict=True) == expected
