"""Reading facts defensively, the limits derived from the design, and readability measures."""

from __future__ import annotations

import pytest

from summarizer.summarize import view
from summarizer.summarize.readability import common_words, fkgl, prose, zh_readability


def facts(**parts) -> dict:
    return {"study_id": "X", "facts": parts}


@pytest.mark.parametrize("raw, expected", [
    ("1", "1"), ("I", "1"), ("phase II", "2"), ("1/2", "1/2"), ("I/II", "1/2"), (3, "3"),
    ("Phase IIb", "2b"), ("2a", "2a"), (None, None), ("", None), ("not stated", None),
])
def test_phase(raw, expected):
    assert view.phase(facts(design={"phase": raw})) == expected


@pytest.mark.parametrize("study, expected", [
    (facts(design={"phase": "1", "tags": ["Single-arm", "open label"]},
           participants={"n_enrolled": 6}, follow_up="20 weeks"),
     ["early-phase", "small", "no-comparator", "open-label", "short-follow-up"]),
    (facts(design={"phase": "3", "tags": ["randomised", "multicenter"]},
           participants={"n_enrolled": 400}, comparator="placebo", follow_up="2 years",
           setting={"centres": 30}), []),
    (facts(design={"tags": ["non-randomised"]}, comparator="standard of care",
           setting={"centres": 1}), ["not-randomized", "single-centre"]),
    (facts(), []),
])
def test_limits_come_from_the_design(study, expected):
    assert view.limits(study) == expected


NO_SHARE = {"female": None, "male": None}


@pytest.mark.parametrize("participants, expected", [
    ({"sex": "female"}, {"all": "female", "female": None, "male": None, "text": None}),
    ({"sex": "mixed", "sex_counts": {"female": 7, "male": 1}},
     {"all": None, "female": 7, "male": 1, "text": None}),
    ({"sex": {"women": 3, "men": 0}}, {"all": None, "female": 3, "male": 0, "text": None}),
    ({"sex": "mixed"}, {"all": "mixed", "female": None, "male": None, "text": None}),
    ({"sex": 5}, {"all": None, "female": None, "male": None, "text": None}),
    ({"sex_share": {"female": 66.0, "male": None}},
     {"all": None, "female": None, "male": None, "text": None,
      "share": {"female": 66.0, "male": None}}),
])
def test_sex_counts(participants, expected):
    assert view.sex_counts(facts(participants=participants)) == {"share": NO_SHARE, **expected}


@pytest.mark.parametrize("value, decimals, expected", [
    (83.3, None, "83.3"), (6.0, None, "6"), (92.5, 0, "93"), (32.5, 0, "33"), (83.333, 1, "83.3"),
])
def test_fmt_num(value, decimals, expected):
    assert view.fmt_num(value, decimals) == expected


def test_doses_not_given_are_left_out():
    study = facts(interventions=[{"name": "MSC", "dose": [
        {"value": 1000000, "unit": "cells/kg", "given": False},
        {"value": 2000000, "unit": "cells/kg", "given": True}]}])
    (item,) = view.interventions(study)
    assert [(d["sci"], d["millions"], d["wan"], d["per_kg"]) for d in item["doses"]] == [
        ("2×10⁶", 2.0, 200.0, True)]


def test_prose_makes_headings_and_items_sentences():
    md = "<!-- sig -->\n# Title\n\nSome text here.\n- An item\n- [link](https://x.org/1)\n"
    assert prose(md) == "Title.\nSome text here.\nAn item.\nlink."


@pytest.mark.parametrize("text, expected", [
    ("这是一项研究。共有六人参加。", {"mean_sentence_chars": 6.0, "sentences": 2}),
    ("# 标题\n\n没有对照组。", {"mean_sentence_chars": 3.5, "sentences": 2}),
])
def test_zh_readability_counts_characters_per_sentence(text, expected):
    measured = zh_readability(text)
    assert {k: measured[k] for k in expected} == expected
    assert 0 <= measured["rare_word_share"] <= 1


def test_common_words_come_from_jieba_frequencies():
    words = common_words()
    assert len(words) == 5000
    assert {"的", "我们", "研究", "治疗"} <= words and "间充质" not in words


def test_fkgl_of_plain_and_technical_text():
    assert fkgl("The cat sat. The dog ran.") < 3
    assert fkgl("Immunomodulatory mesenchymal stromal cell infusions demonstrated "
                "statistically significant immunophenotypic alterations.") > 15


def test_seed_lay_summaries_meet_the_readability_targets(written):
    from summarizer.summarize.readability import FKGL_TARGET, ZH_TARGET

    seeds = {name: paths for name, paths in written.items() if name.startswith("seed_")}
    assert len(seeds) == 3
    for name, paths in seeds.items():
        assert fkgl(paths["lay_en"].read_text("utf-8")) <= FKGL_TARGET, name
        measured = zh_readability(paths["lay_zh"].read_text("utf-8"))
        assert all(measured[k] <= ZH_TARGET[k] for k in ZH_TARGET), (name, measured)


def test_effects_are_given_with_their_ci_in_the_technical_summaries():
    from summarizer.summarize.render import render

    study = {"study_id": "s", "facts": {"effects": [
        {"text": "hazard ratio for recurrence or death, 0.51; 95% CI, 0.34 to 0.77; P=0.001",
         "lang": "en", "measure": "HR", "value": 0.51, "unit": None, "ci": [0.34, 0.77],
         "p": "=0.001"}]}}
    context = view.context(study)
    assert context["effects"][0]["ci"] == ["0.34", "0.77"]
    en = render("technical_en.md.j2", context)
    zh = render("technical_zh.md.j2", context)
    assert "Hazard ratio (HR): 0.51 (95% CI 0.34 to 0.77); p = 0.001" in en
    assert "风险比（HR）：0.51（95% CI 0.34～0.77）；P = 0.001" in zh
    results = en.split("## Results", 1)[1].split("##", 1)[0]
    assert "\n- Not reported\n" not in results  # an effect is a result


def test_lay_results_are_the_followable_few_in_the_summarys_language():
    values = [{"text": "IL-6 was 83.7 vs 18.6 pg/ml.", "lang": "en", "outcome": None,
               "values": [83.7, 18.6], "unit": "pg/ml", "arms": None}] + [
        {"text": "x", "lang": "en", "outcome": name, "value": i, "unit": "months"}
        for i, name in enumerate(["overall survival", "progression-free survival",
                                  "quality of life", "pain", "depression"], 1)]
    study = {"study_id": "s", "facts": {"comparisons": values[:1],
                                        "outcome_values": values[1:]}}
    zh = view.said_in(view.context(study), "zh")
    assert len(zh["results"]) == 6 and len(zh["lay_results"]) == view.LAY_RESULTS
    assert all(r["outcome"] for r in zh["lay_results"])  # "83.7 vs 18.6" names no measure
    en = view.said_in(view.context(study), "en")
    assert en["lay_results"][0]["text"] == "IL-6 was 83.7 vs 18.6 pg/ml."  # quoted in English
    assert "个月" in zh["results"][1]["compared"] and "months" in en["results"][1]["compared"]


# WMT Medline doc19: three survival results read from one Chinese sentence of four clauses
SURVIVAL_ZH = ("全部患者总体中位生存时间为10.5个月,诊断时ECOG评分≤2分组患者中位生存时间为21.5个月,"
               "显著长于ECOG评分>2分组的1.2个月(P=0.017);接受新药治疗组患者中位生存时间为24.9个月,"
               "显著长于传统化疗组的10.5个月(P<0.001);2种新药联合治疗组患者中位生存时间为30.9个月,"
               "显著长于新药单药治疗组的11.5个月(P=0.021)。")


def test_a_lay_summary_quotes_the_clause_of_each_result_once():
    values = [{"text": SURVIVAL_ZH, "lang": "zh", "outcome": "中位生存时间", "value": v,
               "unit": "个月"} for v in (30.9, 24.9, 10.5)]
    zh = view.said_in(view.context({"study_id": "s", "facts": {"outcome_values": values}}),
                      "zh")
    quotes = [r["quote"] for r in zh["lay_results"]]
    assert quotes == ["2种新药联合治疗组患者中位生存时间为30.9个月,显著长于新药单药治疗组的11.5个月"
                      "(P=0.021)。",
                      "接受新药治疗组患者中位生存时间为24.9个月,显著长于传统化疗组的10.5个月(P<0.001)",
                      "全部患者总体中位生存时间为10.5个月,诊断时ECOG评分≤2分组患者中位生存时间为21.5个月,"
                      "显著长于ECOG评分>2分组的1.2个月(P=0.017)"]
    assert all(q in SURVIVAL_ZH for q in quotes)  # the source's words, not changed
    again = view.said_in(view.context({"study_id": "s", "facts": {"outcome_values": [
        values[0], {**values[0], "value": 11.5}]}}), "zh")["lay_results"]
    assert again[1]["quote"] is None and again[1]["quoted_above"]
    en = view.said_in(view.context({"study_id": "s", "facts": {"outcome_values": values}}),
                      "en")
    assert all(r["quote"] is None for r in en["lay_results"])  # not quoted in the other language
    # the unit in each summary's language
    assert [r["compared"] for r in en["lay_results"]] == ["30.9 months", "24.9 months",
                                                          "10.5 months"]
    assert zh["lay_results"][0]["compared"] == "30.9个月"


def test_a_semicolon_inside_brackets_ends_no_quoted_clause():
    # WMT Medline doc19: a translocation's name holds a semicolon
    fish = ("11例患者接受染色体FISH检查结果显示,6例(54%)携带有17p13缺失,8例(73%)携带有t(14;16)、"
            "t(11;14)等至少2种异常;另有3例未见异常。")
    result = {"text": fish, "lang": "zh", "numerator": 6, "denominator": 11, "percent": 54.5,
              "outcome": "17p13缺失"}
    (said,) = view.said_in(view.context({"study_id": "s", "facts": {"results": [result]}}),
                           "zh")["lay_results"]
    assert said["quote"] == fish[:fish.index("另有") - 1]


def test_a_result_stated_in_both_languages_is_quoted_in_each():
    # WMT Medline doc41: the English says the count and its share, the Chinese the whole too
    en = ("The median age at diagnosis was 13(3-48) months, and 14 cases (73.68%) were less "
          "than 2 years old.")
    zh = "诊断中位年龄13（3-48）个月，19例中14例（73.68%）＜2岁。"
    result = {"text": en, "lang": "en", "numerator": 14, "denominator": 19, "percent": 73.68,
              "texts": {"en": en, "zh": zh}}
    context = view.context({"study_id": "s", "facts": {"results": [result]}})
    assert [r["quote"] for r in view.said_in(context, "en")["lay_results"]] == [en]
    assert [r["quote"] for r in view.said_in(context, "zh")["lay_results"]] == [zh]
    del result["texts"]  # a line written before texts: its one sentence, in its language
    context = view.context({"study_id": "s", "facts": {"results": [result]}})
    # "14 of the 19 people (74%)" with neither what they had nor a sentence in Chinese says
    # nothing: the Chinese summary leaves it out
    assert view.said_in(context, "zh")["lay_results"] == []


def test_a_result_stated_in_both_languages_under_two_names_is_given_once():
    # WMT Medline doc18: the English and the Chinese sentence each give the VAS score
    values = [{"outcome": "VAS score", "value": 1.7, "unit": None, "sd": 1.0, "lang": "en",
               "text": "At 3 months after treatment, the VAS score was 1.7±1.0."},
              {"outcome": "评分", "value": 1.7, "unit": "分", "sd": 1.0, "lang": "zh",
               "text": "术后3个月VAS评分为（1.7±1.0）分。"}]
    context = view.context({"study_id": "s", "facts": {"outcome_values": values}})
    assert len(view.said_in(context, "en")["lay_results"]) == 1
    assert len(view.said_in(context, "zh")["lay_results"]) == 1


@pytest.mark.parametrize("texts, quote_en, quote_zh", [
    # NCT03562065 (seed): two adverse-event sentences; a lay summary quotes the first
    ({"en": "No severe adverse events occurred in the first 10 days after infusion. After 12·4 "
            "months of follow-up, three non-treatment-related severe adverse events occurred.",
      "zh": "输注后10天内无严重不良事件。随访12.4个月，发生3例与治疗无关的严重不良事件。"},
     "No severe adverse events occurred in the first 10 days after infusion.",
     "输注后10天内无严重不良事件。"),
    ({"en": None, "zh": None}, None, None),
])
def test_a_lay_side_effect_quote_is_one_sentence(texts, quote_en, quote_zh):
    study = {"facts": {"adverse_events": {"text": texts["en"], "texts": texts}}}
    events = view.adverse_events(study)
    assert (events["quote_en"], events["quote_zh"]) == (quote_en, quote_zh)
    assert events["en"] == texts["en"]  # the technical summary keeps them all


def test_a_side_effect_sentence_glossed_in_the_other_language_is_not_quoted():
    # ParaMed NEJM doc3, Chinese: the first side-effect sentence glosses a term in English
    glossed = "3或4级伴有发热的粒细胞减少(febrile neutropenia)和腹泻的发生率增高。"
    plain = "心脏不良事件的发生率与对照组相似。"
    ae = view.adverse_events({"facts": {"adverse_events": {
        "text": glossed, "texts": {"zh": glossed + plain}}}})
    assert ae["quote_zh"] == plain
    ae = view.adverse_events({"facts": {"adverse_events": {
        "text": glossed, "texts": {"zh": glossed}}}})
    assert ae["quote_zh"] is None and ae["zh"] == glossed
    english = "Grade 3 neutropenia (中性粒细胞减少) occurred in 12 patients."
    ae = view.adverse_events({"facts": {"adverse_events": {
        "text": english, "texts": {"en": english}}}})
    assert ae["quote_en"] is None and ae["en"] == english


@pytest.mark.parametrize("aim, lang, said, technical", [
    # WMT Medline doc22: a review's scope, short enough for a lay reader
    ("This report reviews the concepts of agreement and correlation.", "en", True, True),
    ("本文综述了复杂亲缘关系鉴定的主要类型。", "zh", True, True),
    # too long to quote in a lay summary, or not wholly in the summary's language
    ("This study aimed to investigate (a) the psychometric properties and the internal "
     "consistency reliability of the Italian version of SCORE-15, (b) clinical responsiveness, "
     "and (c) normative (Italian) criteria.", "en", False, True),
    # an English phrase in a Chinese aim: quoted in neither Chinese summary (ChinaXiv
    # 201806.00218: "典型类癌（typical carcinoid，TC）")
    ("本研究旨在评价意大利版 family assessment 量表的信度。", "zh", False, False),
    # WMT doc35: an abbreviation spelt out in brackets is not counted; in a Chinese aim it is
    # English words all the same
    ("To summarize the research progress of the effects of high glucose microenvironment on the "
     "biological activity of adipose-derived stem cells (ADSCs).", "en", True, True),
    ("总结高糖微环境对脂肪来源干细胞（adipose-derived stem cells，ADSCs）"
     "生物学活性影响的研究进展。", "zh", False, False),
    # acronyms joined to a word are names, not English (ChinaXiv 201801.00627)
    ("探讨IncRNA-GAS5在乳腺癌中的影响。", "zh", True, True),
])
def test_a_summary_quotes_an_aim_in_its_language(aim, lang, said, technical):
    context = view.context({"study_id": "s", "facts": {"aim": {lang: aim}}})
    assert view.said_in(context, lang)["lay_aim"] == (aim if said else None)
    assert view.said_in(context, lang)["aim"][lang] == (aim if technical else None)


def test_results_without_numbers_are_not_taken_for_the_same_result():
    base = {"n": None, "d": None, "percent": None, "said": None, "texts": {}}
    results = [{**base, "outcome": "pain"}, {**base, "outcome": "sleep"}]
    assert [r["outcome"] for r in view.lay_results(results, "en")] == ["pain", "sleep"]


@pytest.mark.parametrize("finding, quoted", [
    # a measured finding is quoted whole, however long
    ("The 3-year recurrence-free survival was 85.3% in the induction chemotherapy group and "
     "76.5% in the standard-therapy group (hazard ratio, 0.51; 95% CI, 0.34 to 0.77).", True),
    # a finding in words only when it is short
    ("We found that effect sizes in the community clinic were smaller.", True),
    ("The review of 82 studies suggested that negative illness perceptions are linked to poorer "
     "psychosocial outcomes, that patient samples frequently anticipate stigmatisation, and "
     "that the general public direct little enacted stigma towards IBD.", False),
])
def test_a_lay_summary_quotes_a_finding_in_words_only_when_short(finding, quoted):
    context = view.context({"study_id": "s", "facts": {"finding": {"en": finding}}})
    assert view.said_in(context, "en")["lay_finding"] == (finding if quoted else None)


@pytest.mark.parametrize("conclusion, quoted", [
    # WMT Medline doc7: two clauses, each with its verb, joined by a comma
    ("The possible mechanisms include accelerating re-epithelialization and regulating "
     "inflammation and growth factors, Adrenergic β-antagonists maybe promote the healing of "
     "wounds and diabetic chronic cutaneous ulcers.",
     "Adrenergic β-antagonists maybe promote the healing of wounds and diabetic chronic "
     "cutaneous ulcers."),
    # a fronted phrase, or a name after a comma, is no splice: the whole conclusion is quoted
    ("Compared with placebo, Tamoxifen reduced the risk of breast cancer in women at high risk.",
     None),
    ("In conclusion, Rituximab is effective and safe in patients with lupus nephritis.", None),
])
def test_a_lay_summary_quotes_the_claim_after_a_comma_splice(conclusion, quoted):
    context = view.context({"study_id": "s", "facts": {"conclusion": {"en": conclusion}}})
    said = view.said_in(context, "en")
    assert said["lay_conclusion"] == (quoted or conclusion)
    assert said["conclusion"]["en"] == conclusion  # the technical summary's


def test_a_list_of_measures_also_named_one_by_one_is_said_by_its_parts():
    # realworld-dev ChinaXiv 201712.00609: the tagger spans the list and each of its parts
    study = {"facts": {"outcomes": [
        {"name": "阳性放射性皮炎发生率、放射性皮炎反应程度"}, {"name": "阳性放射性皮炎发生率"},
        {"name": "放射性皮炎反应程度"}, {"name": "severity and incidence of dermatitis"}]}}
    assert [o["name"] for o in view.outcomes(study)] == [
        "阳性放射性皮炎发生率", "放射性皮炎反应程度", "severity and incidence of dermatitis"]


def test_arms_are_named_in_the_records_own_words():
    # ChinaXiv 202209.00094: arms read in English, named in Chinese by the Chinese abstract
    study = {"study_id": "s", "facts": {
        "participants": {"arms": [{"name": "laser", "n": 69, "lang": "en"},
                                  {"name": "mechanical", "n": 131, "lang": "en"}]},
        "wording": {"participants.arms[0]": {"en": "laser", "zh": "激光组"},
                    "participants.arms[1]": {"en": "mechanical", "zh": "机械组"}}}}
    context = view.context(study)
    assert [a["name"] for a in view.said_in(context, "zh")["arms"]] == ["激光组", "机械组"]
    assert [a["name"] for a in view.said_in(context, "en")["arms"]] == ["laser", "mechanical"]
