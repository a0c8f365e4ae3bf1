"""Where an English fact phrase is said in a Chinese sentence, by the dictionaries."""

import pytest

from summarizer.text.lexicon import may_say, phrase_in_zh, zh_renderings


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
