"""Fuzzed text layer: numbers, script, the sentence splitter, normalization and section
splitting never raise on any text and every offset they give slices the text given.

Texts are clinical-looking runs (numbers in every form the readers meet, headings,
abbreviations, brackets, both languages) mixed with random Unicode. The ``check_*`` functions
are the properties; ``benchmarks/fuzz_readers.py`` runs them much longer.
"""

from __future__ import annotations

import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.align.segment import split_sentences
from summarizer.ingest.normalize import normalize
from summarizer.ingest.sections import split_sections
from summarizer.text.numbers import NUM, find_numbers, parse_number
from summarizer.text.script import HAN, count_han, has_han, lang_of

PIECES = [
    '40', '12.4', '12·4', '12<middle dot>4', '.001', '1,000', '1,234.5', '6 , 528',
    '13 339 women', '13\u2009339', '1.2万', '3亿', '5千', '5千克', '2 million', '1×10¹²',
    '2 x 10^6', '2.5×10⁻³', '10⁶', '10^-', '1×106', '1×10 MSCs/kg', '(1~2)×10⁶',
    '1-2 × 10^6', 'six', 'Forty', 'Twenty-nine', 'one hundred and two', 'three thousand',
    '六', '两', '二十九', '一百零五', '一万二千', '二〇一九', '万', '亿亿', '十十', '83.3%',
    '26%–57%', '2.5 ± 0.3', '3 to 5 million', '3~5万', '500 to 2 million', '‰', 'P<0.05',
    'p = .001', '99999999999999999999', '1e308', '10^999', '10**99999', '0.0000', 'vs.',
    'et al.', 'e.g.', 'i.e.', 'Fig. 2', 'No. 3', 'Dr. Smith', 'J. Doe', 'Background:',
    'Methods', 'METHODS:', 'Results', 'Conclusions', 'Findings', 'Interpretation',
    'Trial registration:', 'therapy.Methods Six', '【目的】', '[方法]', '结果：', '结论',
    '目的', '。', '！', '？', '；', '.', '!', '?', ';', ':', '(', ')', '[', ']', '（', '）',
    '【', '】', '"', '“', '”', "'", '\n', '\n\n', ' ', '\t', '\u3000', 'patients', '患者',
    '例', 'Six women', 'NCT03171194', 'Copyright © 2022', '...', '…', 'Īmong', 'Â±',
    'ＡＢＣ１２', '骨髓間充質幹細胞', '$', '$( P { < } 0 . 0 5 )$', '0 . 0', '1 , 2', '5 · 4',
]
ANY = st.characters(exclude_categories=("Cs",))
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(ANY, max_size=6)), max_size=30)
    .map("".join),
    st.text(ANY, max_size=200),
)
FAST = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_numbers(text: str) -> None:
    """Every number slices the text, in order, with a finite value; parse_number reads what
    ``NUM`` matches and refuses anything else with ValueError alone."""
    found = find_numbers(text)
    for n in found:
        assert 0 <= n.start < n.end <= len(text) and text[n.start:n.end] == n.text, n
        assert isinstance(n.value, (int, float)) and not isinstance(n.value, bool), n
        assert math.isfinite(n.value), n
    assert [n.start for n in found] == sorted(n.start for n in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start, (a, b)
    for m in re.finditer(NUM, text):
        parse_number(m.group(0))
    try:
        parse_number(text)
    except ValueError:
        pass


def check_script(text: str) -> None:
    han = sum(1 for c in text if HAN.match(c))
    assert count_han(text) == han and has_han(text) == (han > 0)
    assert lang_of(text) in ("en", "zh")


def check_sentences(text: str, lang: str, offset: int) -> None:
    """Sentences slice the text, in order, without overlap, trimmed, and together hold every
    character of it that is not white space."""
    sentences = split_sentences(text, lang, offset)
    covered = 0
    at = 0
    for s in sentences:
        start, end = s.start - offset, s.end - offset
        assert at <= start < end <= len(text), (s, at)
        assert text[start:end] == s.text and s.text == s.text.strip(), s
        assert s.lang == lang
        covered += sum(1 for c in s.text if not c.isspace())
        at = end
    assert covered == sum(1 for c in text if not c.isspace()), "text left out of sentences"


def check_normalize(text: str) -> None:
    normalized, warnings = normalize(text)
    assert len(normalized) == len(text)
    for w in warnings:
        if w.start is not None:
            assert 0 <= w.start <= w.end <= len(text) and text[w.start:w.end] == w.text, w


def check_sections(text: str, lang: str, base: int) -> None:
    at = 0
    for s in split_sections(text, lang, base):
        start, end = s.start - base, s.end - base
        assert at <= start < end <= len(text), (s, at)
        assert text[start:end] == s.text and s.lang == lang, s
        at = end


@FAST
@given(TEXTS)
def test_numbers_slice_the_text_and_never_raise(text):
    check_numbers(text)


@FAST
@given(TEXTS)
def test_script_counts_and_language(text):
    check_script(text)


@FAST
@given(TEXTS, st.sampled_from(["en", "zh"]), st.integers(0, 10_000))
def test_sentences_slice_the_text_and_keep_every_character(text, lang, offset):
    check_sentences(text, lang, offset)


@FAST
@given(TEXTS)
def test_normalize_keeps_length_and_warnings_slice(text):
    check_normalize(text)


@FAST
@given(TEXTS, st.sampled_from(["en", "zh"]), st.integers(0, 10_000))
def test_sections_slice_the_text(text, lang, base):
    check_sections(text, lang, base)


@settings(max_examples=3, deadline=None, database=None)
@given(st.sampled_from(["1×106 " * 20_000, "患者" * 50_000, "(" * 30_000 + "a.",
                        "Methods: " * 10_000, "1," * 50_000 + "5"]))
def test_huge_texts_finish(text):
    """Megabyte-sized fields (a pasted book, a broken export) are read in linear time."""
    check_numbers(text)
    check_sentences(text, "en", 0)
    check_normalize(text)
