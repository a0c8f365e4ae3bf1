"""Where an English fact phrase is said in a Chinese sentence, by the dictionaries."""

import pytest

from summarizer.text.lexicon import (
    glued_words,
    may_say,
    phrase_in_zh,
    run_together_share,
    zh_renderings,
)


@pytest.mark.parametrize("phrase, sentence, said", [
    # sentences of WMT Medline and CNKI abstracts
    ("umbilical cord mesenchymal stem cells", "患者接受输注脐带间充质干细胞后症状改善。",
     "脐带间充质干细胞"),
    ("placebo", "对照组给予安慰剂治疗。", "安慰剂"),
    ("systemic lupus erythematosus", "本研究纳入系统性红斑狼疮患者40例。", "系统性红斑狼疮"),
    ("nasopharyngeal carcinoma", "预防鼻咽癌患者放射性皮炎的效果", "鼻咽癌"),
    # widened to jieba's words: not 细胞白血病
    ("plasma cell leukemia", "原发性浆细胞白血病患者的临床特征", "浆细胞白血病"),
    # a part of the phrase is not its wording
    ("radiation dermatitis", "预防鼻咽癌患者放射性皮炎的效果", None),
    ("diabetic foot ulcer", "糖尿病足溃疡的治疗进展", None),
    ("hirudoid cream", "喜疗妥组于放疗前后予喜疗妥乳膏", None),
])
def test_phrase_in_zh(phrase, sentence, said):
    span = phrase_in_zh(phrase, sentence)
    assert (sentence[span[0]:span[1]] if span else None) == said


@pytest.mark.parametrize("phrase, zh, expected", [
    ("budesonide", "布地奈德", True),  # no rendering known: nothing contradicts it
    ("sequencing", "靶向测序", True),
    ("TKA", "均行 TKA", True),
    ("couple therapy", "社区环境中", False),
])
def test_may_say(phrase, zh, expected):
    assert may_say(phrase, zh) is expected


def test_renderings_of_a_plural():
    assert "干细胞" in zh_renderings("stem cells")


@pytest.mark.parametrize("text, glued", [
    # realworld-dev ChinaXiv 201712.00609, and PICO-Corpus abstracts
    ("Patients in two groups were appliedhirudoidcream, patientsof thetreatment group "
     "hadalower severityand incidenceofradiation dermatitis", [
         "patientsof", "thetreatment", "hadalower", "severityand", "incidenceofradiation"]),
    ("Tocompare the efectiveness of the combinationof Biafine", ["Tocompare", "combinationof"]),
    ("short and long ofplacebo therapyand", ["ofplacebo", "therapyand"]),
    # ChinaXiv 201712.00422: four words, the first a relative pronoun
    ("cases of craniocerebral injury,whoreceivedearlytracheotomy combined with gastrostomy",
     ["whoreceivedearlytracheotomy"]),
    # an acronym run into its words (ChinaXiv 201712.00869), not an RNA's name
    ("detected forNPCdiagnosis and lncRNAs, miRNA and circRNAs", ["forNPCdiagnosis"]),
    # real words: prefixes, names, suffixes, British spellings
    ("hypothesized methacholine New Zealand retroinfusion withheld Singapore interatrial "
     "postacute radiotherapist assessor Jackson nonetheless chromatographic supplementation "
     "totalling offences atopic ataxia increased inactivated ongoing whole whose wholesome "
     "whosoever", []),
])
def test_words_run_together(text, glued):
    assert glued_words(text) == glued


@pytest.mark.parametrize(("text", "low", "high"), [
    ("It is feasible for patients with gastric cancer to remove the catheter.", 0.0, 0.0),
    # ChinaXiv-201812.00048V1's English, as its PDF conversion left it
    ("Intraoperative controlof infusionand multimodalanalgesiaarethebasicconditions "
     "fornon-conventional indwelingcatheters.", 0.5, 0.6),
])
def test_run_together_share(text, low, high):
    assert low <= run_together_share(text) <= high
