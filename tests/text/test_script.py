"""Chinese or English by script: one Han character class for every stage."""

import pytest

from summarizer.ingest.fields import lang_of as ingest_lang_of
from summarizer.text.script import HAN, count_han, has_han, lang_of


@pytest.mark.parametrize("text, han", [
    ("共纳入40例患者", 6), ("a total of 40 patients", 0), ("㐀 (Extension A) and 﨑", 2),
    ("SHR-1210 联合", 2),
])
def test_han_characters(text, han):
    assert count_han(text) == han
    assert has_han(text) is (han > 0)
    assert len(HAN.findall(text)) == han


@pytest.mark.parametrize("text, lang", [
    ("共纳入40例患者", "zh"), ("a total of 40 patients", "en"),
    ("采用 SLEDAI-2K 评分评估 SRI-4 应答", "zh"), ("（ ）。", "zh"),
])
def test_lang_of(text, lang):
    assert lang_of(text) == lang
    assert ingest_lang_of is lang_of
