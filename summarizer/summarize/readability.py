"""Readability of summaries, in English and in Chinese.

English: Flesch-Kincaid grade level (textstat 0.7.8) of the summary's prose. Chinese: no grade
formula is standard, so two plain measures are used (after Yang 1971 and Sung et al. 2015, who
found sentence length and word difficulty the strongest predictors of Chinese text difficulty):
``mean_sentence_chars``, the mean number of Chinese characters per sentence (sentences end in
。！？；), and ``rare_word_share``, the share of words (jieba segmentation, Chinese words only)
that are not among the ``COMMON_WORDS`` most frequent words of jieba's own dictionary
(``jieba/dict.txt``, ranked by its frequency column). Targets are in ``ZH_TARGET`` and come
from the dev data (see ``benchmarks/readability.py``).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from summarizer.text.script import HAN

FKGL_TARGET = 8.0
COMMON_WORDS = 5000
# Lay Chinese targets, set from benchmarks/readability.py on the zh side of the dev data. Per
# document medians: WMT Medline en→zh abstracts (50 documents) 42.2 characters a sentence and
# 0.306 rare words; ParaMed NEJM articles (6 documents) 33.6 and 0.297. A lay text should be
# clearly easier: sentences at most 25 characters on average (about 60% of the abstracts') and
# at most 0.22 rare words (about three quarters of the dev share).
ZH_TARGET = {"mean_sentence_chars": 25.0, "rare_word_share": 0.22}


def prose(markdown: str) -> str:
    """The text a reader reads: no comments, link targets, code marks or list bullets; each
    heading and list item made a sentence of its own."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"[`*\[\]]", "", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(#+|[-*+]|\|)\s*", "", line).strip().strip("|").strip()
        if line and not re.search(r"[.!?。！？；:：]$", line):
            line += "。" if HAN.search(line) else "."
        if line:
            lines.append(line)
    return "\n".join(lines)


def fkgl(markdown: str) -> float:
    """Flesch-Kincaid grade level of the prose of an English Markdown text."""
    import textstat

    return float(textstat.flesch_kincaid_grade(prose(markdown)))


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The ``COMMON_WORDS`` most frequent words of jieba's dictionary (ties: dictionary order)."""
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    rows = [line.split(" ") for line in text.splitlines() if line.strip()]
    ranked = sorted(((int(r[1]), i, r[0]) for i, r in enumerate(rows)),
                    key=lambda t: (-t[0], t[1]))
    return frozenset(word for _, _, word in ranked[:COMMON_WORDS])


def zh_sentences(text: str) -> list[str]:
    """Sentences of a Chinese text that hold Chinese characters (split after 。！？； and lines)."""
    parts = re.split(r"(?<=[。！？；!?])|\n", text)
    return [p.strip() for p in parts if HAN.search(p)]


def zh_readability(text: str) -> dict[str, float]:
    """{'mean_sentence_chars': float, 'rare_word_share': float (0–1), 'sentences': int} of a
    Chinese text (Markdown is reduced to prose first)."""
    import jieba

    sentences = zh_sentences(prose(text))
    if not sentences:
        return {"mean_sentence_chars": 0.0, "rare_word_share": 0.0, "sentences": 0}
    chars = sum(len(HAN.findall(s)) for s in sentences)
    words = [w for s in sentences for w in jieba.lcut(s) if HAN.search(w)]
    common = common_words()
    rare = sum(1 for w in words if w not in common)
    return {"mean_sentence_chars": round(chars / len(sentences), 2),
            "rare_word_share": round(rare / len(words), 4) if words else 0.0,
            "sentences": len(sentences)}
