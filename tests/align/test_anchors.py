"""Numbers normalized across languages, and Latin tokens."""

import pytest

from summarizer.align.anchors import english_acronyms, find_numbers, latin_tokens


@pytest.mark.parametrize(("text", "expected"), [
    ("共纳入40例患者", [("40", "people")]),
    ("a total of 40 patients", [("40", "people")]),
    ("应答率83.3%（95%CI 35.9%～99.6%）", [("83.3", "percent"), ("95", "percent"),
                                      ("35.9", "percent"), ("99.6", "percent")]),
    ("1.2万名", [("12000", "people")]),
    ("12,000 women", [("12000", "people")]),
    ("1 @,@ 000 mg", [("1000", "mg")]),
    ("1×10⁶ MSCs/kg", [("1e+06", None)]),
    ("2.5×10^6/kg", [("2.5e+06", None)]),
    ("ＣＩ：９５％", [("95", "percent")]),
    ("P < .001", [("0.001", None)]),
    ("six women", [("6", "people")]),
    ("六例 十二周", [("6", "people"), ("12", "weeks")]),
    ("这项 I 期试验", [("1", None)]),
    ("Twenty-nine patients", [("29", "people")]),
    ("一百零五例", [("105", "people")]),
    ("（ 2 , 400 例 ）", [("2400", "people")]),
    ("3 to 5 million cases", [("3e+06", None), ("5e+06", "people")]),
    ("300万~500万例", [("3e+06", None), ("5e+06", "people")]),
    ("1×106 MSCs/kg", [("1e+06", None)]),
    ("CD34 cells", []),
    ("from June 2014 to May 2016", [("6", "month-of-year"), ("2014", None),
                                   ("5", "month-of-year"), ("2016", None)]),
    ("Patients may 20 times", [("20", None)]),
    ("一致 统一", []),
])
def test_numbers(text, expected):
    assert [(n.key, n.unit) for n in find_numbers(text)] == expected


@pytest.mark.parametrize(("text", "lost"), [
    ("1×10 MSCs/kg", True),
    ("1×10⁶ MSCs/kg", False),
    ("1×106 MSCs/kg", False),  # read as 1×10⁶: the exponent is there, unsuperscripted
    ("1 x 10^6 cells", False),
])
def test_lost_exponent(text, lost):
    assert find_numbers(text)[0].lost_exponent is lost


def test_latin_tokens_and_acronyms():
    assert latin_tokens("甚高分辨率 (VHR) 卫星与 SHR-1210、NCT03171194") == {
        "vhr", "shr-1210", "nct03171194"}
    assert english_acronyms("The SRI-4 response in NCT03171194 with ITP and Whooper Swans") == {
        "sri-4", "nct03171194", "itp"}
