"""Inline formulas of a PDF converted to Markdown (MinerU, Mathpix): LaTeX for plain symbols,
each character spaced out (``$( P { < } 0 . 0 5 )$``, ``$6 0 \\%$``), read as the plain text
they stand for (``(P<0.05)``, ``60%``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Formulas of a PDF converted to Markdown (MinerU, Mathpix) space out each character:
# "$( P { < } 0 . 0 5 )$", "$6 0 \\%$"; a number there is its digits read together.
# (a closing "$" right before a digit opens the next price: "$1 000 and $2 000")
MATH = re.compile(r"\$[^$\n]{1,200}\$(?!\d)")
# What makes a ``$…$`` a formula, not two prices ("costs $5 and $6"): TeX or spaced-out digits.
_TEX = re.compile(r"[{}\\]|\d [\d.]")


# LaTeX a PDF conversion writes for plain symbols: ``$( P { < } 0 . 0 5 )$``, ``$4 5 ^ { \\circ }
# \\mathrm { C }$``, ``$\\chi ^ { 2 }$``; ``\\nu s`` is how it misreads "vs".
_MATH_SYMBOLS = {
    r"\nu s": "vs", r"^ { \circ }": "°", r"^{\circ}": "°", r"\circ": "°",
    r"\textcircled { a }": "@", r"\textcircled{a}": "@", r"\sim": "~", r"\%": "%",
    r"\times": "×", r"\pm": "±", r"\leqslant": "≤", r"\geqslant": "≥", r"\leq": "≤",
    r"\geq": "≥", r"\le": "≤", r"\ge": "≥", r"\cdot": "·", r"\prime": "′", r"\mu": "μ",
    r"\alpha": "α", r"\beta": "β", r"\gamma": "γ", r"\delta": "δ", r"\kappa": "κ",
    r"\lambda": "λ", r"\chi": "χ", r"\Delta": "Δ", r"\Phi": "Φ", r"\Omega": "Ω",
    r"\ ": " ", r"\,": " ", r"\;": " ", r"\!": "", r"\$": "", r"\left": "", r"\right": ""}
_MATH_STYLE = re.compile(r"\\(?:mathrm|mathbf|mathit|mathsf|mathcal|textrm|textit|text|boldsymbol"
                         r"|operatorname|scriptstyle|displaystyle|bf|it|rm|cal|[Bb]ig)\b|\bscriptstyle\b")

_CIRCLED = re.compile(r"\\textcircled\s*\{\s*([1-9])\s*\}")  # ①: a numbered point

# ``\\chi ^ { 2 }`` → χ², ``\\beta _ { 0 }`` → β₀; a script of letters keeps its mark (``V_T``).
_SCRIPT = re.compile(r"\s*([_^])\s*\{\s*([^{}]{1,12}?)\s*\}")
_RAISED = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_LOWERED = str.maketrans("0123456789-+", "₀₁₂₃₄₅₆₇₈₉₋₊")


def _script(m: re.Match) -> str:
    mark, content = m.group(1), m.group(2).replace(" ", "")
    if re.fullmatch(r"[-+]?\d{1,3}", content):
        return content.translate(_RAISED if mark == "^" else _LOWERED)
    return mark + content


def plain_math(text: str) -> str:
    """``text`` with each short inline formula a PDF conversion wrote in LaTeX read as plain
    text: ``$( P { < } 0 . 0 5 )$`` → ``(P<0.05)``, ``$4 \\mathrm { h }$`` → ``4 h``; a formula
    with other commands (``\\frac``, ``\\beta``), or with no TeX in it, is left as it is."""
    return MATH.sub(lambda m: _plain_formula(m.group(0)), text)


def formula_end(text: str, pos: int, end: int) -> int | None:
    """End of the inline formula that starts at ``pos`` (``$9 3 . 1 3 \\%$``), else None: no
    sentence ends inside one, though its spaced-out decimal points look like periods."""
    m = MATH.match(text, pos, end)
    return m.end() if m and _TEX.search(m.group(0)) else None


def plain_formulas(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, plain text)`` of each inline formula in ``text`` that :func:`plain_math`
    rewrites, for a same-length copy of the text (the plain text is never longer)."""
    for m in MATH.finditer(text):
        plain = _plain_formula(m.group(0))
        if plain != m.group(0) and len(plain) <= len(m.group(0)):
            yield m.start(), m.end(), plain


def _plain_formula(formula: str) -> str:
    """One ``$…$`` formula as plain text, or ``formula`` itself when it cannot be read so."""
    if not _TEX.search(formula):
        return formula  # no TeX in it: "costs $5 and $6"
    # "~" is a space in TeX; "…3 . 4 \\$": the conversion escaped the closing dollar.
    inner = _MATH_STYLE.sub("", formula[1:-1]).replace("~", " ").removesuffix("\\")
    inner = _CIRCLED.sub(lambda m: chr(0x2460 + int(m.group(1)) - 1), inner)
    for command, symbol in _MATH_SYMBOLS.items():
        inner = re.sub(re.escape(command) + (r"(?![A-Za-z])" if command[-1].isalpha() else ""),
                       symbol, inner)
    if "\\" in inner:
        return formula
    inner = _SCRIPT.sub(_script, inner)
    inner = re.sub(r"[{}]|^\s*[_^]", " ", inner)
    inner = re.sub(r"(?<=[\d.]) (?=[\d.])", "", inner)  # 0 . 0 5: one number
    inner = re.sub(r"(?<=\b[A-Za-z]) (?=[A-Za-z]\b)", "", inner)  # m i n: one word
    inner = re.sub(r"\s*([<>=≤≥~%()\[\]^×±·°])\s*", r"\1", inner)
    inner = re.sub(r"\s+(?=[,;:])", "", inner)
    return " ".join(inner.split())
