"""One reading of numbers for every stage: the text layer, alignment anchors, the summary
check and the extractors' ``NUM``/``parse_number`` give the same values for the same text."""

import re

import pytest

from summarizer.align.anchors import find_numbers as anchor_numbers
from summarizer.extract.numbers import NUM, parse_number
from summarizer.summarize.numbers import find_numbers as summary_numbers
from summarizer.text.formulas import plain_math
from summarizer.text.numbers import find_numbers

# text, values as the text layer reads them, in order
SAME_EVERYWHERE = [
    ("Twenty-nine", [29]),
    ("一百零五例", [105]),
    ("1.2万例", [12000]),
    ("1×10¹²", [1e12]),
    ("1,555 women", [1555]),
    ("6 , 528", [6528]),
    ("13 339 women", [13339]),
    ("13\u2009339 and 5\u202f000", [13339, 5000]),
    ("2.5 ± 0.3", [2.5, 0.3]),
    ("12.4%", [12.4]),
    ("12·4 months", [12.4]),
    ("2 x 10^6 cells", [2e6]),
    ("2.5×10⁻³", [0.0025]),
    ("2 million cells", [2e6]),
    ("one hundred and two", [102]),
    ("Hundred and forty-three patients", [143]),
    ("Two hundred-forty women", [240]),
    ("several hundred women", []),
    ("二〇一九年", [2019]),
    ("一万二千例", [12000]),
    ("1,234.5 mg", [1234.5]),
    ("range 26–57", [26, 57]),
]


@pytest.mark.parametrize("text, values", SAME_EVERYWHERE)
def test_every_stage_reads_the_same_values(text, values):
    found = find_numbers(text)
    assert [n.value for n in found] == pytest.approx(values)
    assert all(text[n.start:n.end] == n.text for n in found)
    assert [n.value for n in anchor_numbers(text)] == pytest.approx(values)
    assert [m.value for m in summary_numbers(text)] == pytest.approx(values)
    assert [parse_number(m.group(0)) for m in re.finditer(NUM, text)] == pytest.approx(values)


@pytest.mark.parametrize("text, expected", [
    # (text, form, places, power, unit, link) of each number
    ("12.4%", [("12.4", "digits", 1, 0, "%", None)]),
    ("2.5 ± 0.3", [("2.5", "digits", 1, 0, None, None), ("0.3", "digits", 1, 0, None, "±")]),
    ("26%–57%", [("26", "digits", 0, 0, "%", None), ("57", "digits", 0, 0, "%", "–")]),
    ("1.2万", [("1.2万", "digits", 1, 4, None, None)]),
    ("1×10¹²", [("1×10¹²", "power", 0, 12, None, None)]),
    ("Twenty-nine", [("Twenty-nine", "words", 0, 0, None, None)]),
    ("一百零五", [("一百零五", "numerals", 0, 0, None, None)]),
])
def test_number_details(text, expected):
    found = find_numbers(text)
    assert [(n.text, n.form, n.places, n.power, n.unit, n.link) for n in found] == expected


@pytest.mark.parametrize("text, values, lost", [
    ("1×106 MSCs/kg", [1e6], [True]),
    ('"2 x 106" (quoted)', [2e6], [True]),
    ("1×10 MSCs/kg", [1], [True]),
    ("(1~2)×10⁶/kg", [1e6, 2e6], [False, False]),
    ("1-2 × 10^6 cells/kg", [1e6, 2e6], [False, False]),
    ("3 to 5 million cases", [3e6, 5e6], [False, False]),
    ("300万~500万例", [3e6, 5e6], [False, False]),
    ("500 to 2 million", [500, 2e6], [False, False]),
])
def test_numbers_read_in_context(text, values, lost):
    found = find_numbers(text)
    assert [n.value for n in found] == pytest.approx(values)
    assert [n.lost_exponent for n in found] == lost


def test_a_lost_exponent_of_unknown_size_has_no_power():
    (number,) = find_numbers("接受 1×10 MSCs/kg 的静脉输注")
    assert (number.text, number.value, number.power) == ("1×10", 1, None)


@pytest.mark.parametrize("text, values", [
    ("5千克", [5]),  # 千克 is a unit, not a thousand
    ("P < .001", [0.001]),
    ("1,000, 2,000", [1000, 2000]),
    # formulas of a PDF converted to Markdown space out each character (ChinaXiv 201712.00609)
    ("差异均无统计学意义， $P { > } 0 . 0 5$ ，具有可比性", [0.05]),
    ("$6 0 \\%$ 的患者", [60]),
    ("6 0 patients, outside a formula", [6, 0]),
    ("$1 . 2 . 3$", [1, 2, 3]),  # no one number: each read alone
    # digits a PDF's text layer read as letters (ChinaXiv 201812.00048V1, 201903.00180V1)
    ("from June 2O16 to March 2Ol7", [2016, 2017]),
    ("respective P of O.000,O.025 and O.OO7", [0, 0.025, 0.007]),
    ("aged 2O-5O years", [20, 50]),
    ("5l of saline, Notchl", [5]),
])
def test_edges(text, values):
    found = find_numbers(text)
    assert [n.value for n in found] == pytest.approx(values)
    assert all(text[n.start:n.end] == n.text for n in found)


@pytest.mark.parametrize("text", ["twenty-nine", "一百零五", "1.2万", "1×10¹²", "6 , 528"])
def test_parse_number_reads_what_num_matches(text):
    assert re.fullmatch(NUM, text)


def test_parse_number_refuses_what_is_no_number():
    with pytest.raises(ValueError, match="not a number"):
        parse_number("12 apples")


@pytest.mark.parametrize("text, plain", [
    # ChinaXiv 201712.00609 as a PDF-to-Markdown conversion wrote it
    ("dermatitis $( P { < } 0 . 0 5 )$ .", "dermatitis (P<0.05) ."),
    ("放疗前8h和 $4 \\mathrm { h }$ 给予", "放疗前8h和 4 h 给予"),
    ("患病率为 $0 . 0 3 \\% { \\sim } 0 . 0 8 \\%$ 。", "患病率为 0.03%~0.08% 。"),
    ("按摩 $1 { \\sim } 2 ~ \\mathrm { m i n }$", "按摩 1~2 min"),  # "~" alone is a TeX space
    ("$\\beta _ { 0 }$ 为常数", "β₀ 为常数"),
    ("$( \\chi ^ { 2 } { = } 9 . 1 3 , P { > } 0 . 0 5 ,$", "(χ²=9.13, P>0.05,"),
    ("$4 5 ^ { \\circ } \\mathrm { C }$", "45°C"),
    ("$5 7 . 8 { \\pm } 3 . 4 \\$", "57.8±3.4"),  # the closing dollar escaped
    ("$( 5 . 4 0 { \\pm } 4 . 1 5 \\nu s \\ 8 . 1 2 )$", "(5.40±4.15 vs 8.12)"),  # "vs" misread
    ("$\\frac { a } { b }$ 为比值", "$\\frac { a } { b }$ 为比值"),  # other commands: as they are
    ("costs $5 and $6", "costs $5 and $6"),  # dollars, not a formula: no closing "$" pair
])
def test_inline_formulas_read_as_plain_text(text, plain):
    assert plain_math(text) == plain
