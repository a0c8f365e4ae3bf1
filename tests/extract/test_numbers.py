"""Numbers in both languages, and doses with lost exponents."""

import re

import pytest

from summarizer.extract.numbers import NUM, find_doses, parse_number


@pytest.mark.parametrize("text, value", [
    ("40", 40), ("Forty", 40), ("six", 6), ("twenty-nine", 29), ("one hundred and two", 102),
    ("Three thousand ten", 3010), ("Four thousand eight hundred and forty-four", 4844),
    ("One thousand two hundred thirty-four", 1234), ("Three-hundred fifty-one", 351),
    ("12.4", 12.4), ("12·4", 12.4), ("12<middle dot>4", 12.4), ("1,000", 1000),
    ("八", 8), ("两", 2), ("十", 10), ("十二", 12), ("二十九", 29), ("一百零五", 105),
    ("一万二千", 12000), ("1.2万", 12000), ("100 万", 1000000), ("2 million", 2000000),
    ("one million", 1000000), ("1×10¹²", 10**12), ("2 x 10^6", 2000000), ("6 , 528", 6528),
    ("1,234.5", 1234.5), (".001", 0.001),
])
def test_parse_number(text, value):
    assert re.fullmatch(NUM, text)
    assert parse_number(text) == value


@pytest.mark.parametrize("text, expected", [
    # (value, unit, mantissa, exponent, lost) of each dose, in order
    ("one infusion of 1×10⁶ MSCs/kg of body weight", [(1e6, "cells/kg", 1.0, 6, False)]),
    ("one infusion of 1×106 MSCs/kg of body weight", [(1e6, "cells/kg", 1.0, 6, True)]),
    ("接受 1×10 MSCs/kg 的静脉输注", [(None, "cells/kg", 1.0, None, True)]),
    ("at least 2 x 106 cells per kg", [(2e6, "cells/kg", 2.0, 6, True)]),
    ("1 x 106, 2 x 106, or 4 x 106 umbilical cord-derived mesenchymal stromal cells per kg",
     [(1e6, "cells/kg", 1.0, 6, True), (2e6, "cells/kg", 2.0, 6, True),
      (4e6, "cells/kg", 4.0, 6, True)]),
    ("2 x 10^6 cells", [(2e6, "cells", 2.0, 6, False)]),
    ("rituximab 375 mg/m2 weekly", [(375, "mg/m2", None, None, False)]),
    ("tapering of prednisone to 10 mg or less", []),
])
def test_find_doses(text, expected):
    doses = find_doses(text)
    assert [(d.value, d.unit, d.mantissa, d.exponent, d.lost) for d in doses] == expected
    for d in doses:
        assert re.match(r"\(?\d", text[d.start:d.end])


@pytest.mark.parametrize("text, low, high, evidence", [
    ("剂量为(1~2)×10⁶/kg", 1e6, 2e6, "(1~2)×10⁶"),
    ("1-2 × 10^6 cells/kg", 1e6, 2e6, "1-2 × 10^6"),
    ("1 × 10^6 cells/kg", 1e6, None, "1 × 10^6"),
])
def test_find_doses_reads_ranges(text, low, high, evidence):
    (dose,) = find_doses(text)
    assert (dose.value, dose.high, dose.unit) == (low, high, "cells/kg")
    assert text[dose.start:dose.end] == evidence
