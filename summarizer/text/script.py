"""Chinese or English, by script: one definition of a Han character for every stage.

``HAN_CHARS`` is a character-class body (for use inside ``[...]`` of other patterns): CJK
Unified Ideographs, Extension A and the compatibility ideographs. ``HAN`` matches one such
character; ``has_han``, ``count_han`` and ``lang_of`` answer the usual questions with it.
"""

from __future__ import annotations

import re

HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Han characters, as the body of a character class: ``f"[{HAN_CHARS}]"``."""
HAN = re.compile(f"[{HAN_CHARS}]")
LATIN = re.compile(r"[A-Za-z]")
CJK_MARKS = re.compile(r"[，。；：（）！？、【】]")


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Han character."""
    return HAN.search(text) is not None


def count_han(text: str) -> int:
    """The number of Han characters in ``text``."""
    return len(HAN.findall(text))


def lang_of(text: str) -> str:
    """``'zh'`` when Han characters dominate (or only Chinese punctuation marks the text),
    else ``'en'``. A Chinese sentence with English acronyms is still ``'zh'``."""
    han = count_han(text)
    latin = len(LATIN.findall(text))
    if han == 0:
        return "zh" if CJK_MARKS.search(text) and latin < 40 else "en"
    return "zh" if han * 3 >= latin or han >= 20 else "en"
