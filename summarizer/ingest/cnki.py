"""CNKI / Wanfang style exports: labelled fields in Chinese (作者, 机构, 关键词, 摘要, ``D O I``,
中图分类号 ...), each label alone on its line with the value below it, or followed by ``:``/``：``
and the value, or written ``【作者】``; CNKI's ``Title-题名:`` form is read too. The first line
before any label is the title when no title label is given (seed 004). A file holds one
record, or several that each start with ``SrcDatabase-来源库`` or a title label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.ingest.build import add_sections, finish, new_record, set_title
from summarizer.ingest.fields import find_year, normalize_doi
from summarizer.schema import Quarantined, Record

FIELDS = {
    "source-db": ["SrcDatabase-来源库", "来源库"],
    "title": ["题名", "篇名", "标题", "中文题名", "Title"],
    "title-en": ["英文篇名", "英文题名", "英文标题"],
    "authors": ["作者", "Author"],
    "affiliations": ["机构", "作者单位", "单位", "Organ"],
    "keywords": ["关键词", "关键字", "Keyword"],
    "abstract": ["摘要", "中文摘要", "Summary", "Abstract", "英文摘要"],
    "doi": ["D O I", "DOI"],
    "journal": ["刊名", "文献来源", "来源", "期刊", "Source"],
    "year": ["年", "年份", "出版年", "发表时间", "Year", "PubTime"],
    "ignored": ["被引", "引用", "收藏", "页码", "页数", "相关论文", "中图分类号", "学科分类号",
                "基金", "卷", "期", "ISSN", "下载", "分类号", "Fund", "CLC", "Volume", "Period",
                "PageCount", "Page", "Link", "链接"],
}
NAME_OF = {label: name for name, labels in FIELDS.items() for label in labels}
_LABELS = "|".join(re.escape(k) for k in sorted(NAME_OF, key=len, reverse=True))
# "作者" alone; "被引:0"; "【作者】张三"; "Title-题名: ..." (English-Chinese pair).
KEY = re.compile(
    rf"^[ \t]*(?:【(?P<b>{_LABELS})】[ \t]*"
    rf"|(?:[A-Za-z]+-)?(?P<k>{_LABELS})[ \t]*(?:[:：][ \t]*|$))",
    re.MULTILINE)
MAIN_FIELDS = ("authors", "affiliations", "keywords", "abstract", "doi")


def key_lines(text: str) -> list[tuple[str, int, int]]:
    """``(field name, label start, value start)`` of every labelled field in ``text``."""
    found = []
    for m in KEY.finditer(text):
        label = m.group("b") or m.group("k")
        found.append((NAME_OF[label], m.start(), m.end()))
    return found


def looks_like_cnki(text: str) -> bool:
    """True when at least two of the main fields (作者, 机构, 关键词, 摘要, DOI) are labelled."""
    names = {name for name, _, _ in key_lines(text)}
    return len(names & set(MAIN_FIELDS)) >= 2


def read_cnki(text: str, source: str) -> Iterator[Record | Quarantined]:
    """Records of a CNKI/Wanfang export."""
    keys = key_lines(text)
    starters = [k for k in keys if k[0] == "source-db"] or [k for k in keys if k[0] == "title"]
    starts = [0] + [s for _, s, _ in starters[1:]]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        yield _record(text, start, end, source, index)


def _values(record: Record) -> list[tuple[str, int, int]]:
    """``(field name, value start, value end)`` in the record text, whitespace trimmed."""
    keys = key_lines(record.text)
    values = []
    for i, (name, _, value_start) in enumerate(keys):
        end = keys[i + 1][1] if i + 1 < len(keys) else len(record.text)
        start = value_start
        while start < end and record.text[start].isspace():
            start += 1
        while end > start and record.text[end - 1].isspace():
            end -= 1
        values.append((name, start, end))
    return values


def _split(value: str, separators: str = r"[;；\n]") -> list[str]:
    """Items of a list value, footnote marks like ``[1 ,2 ]`` and empties removed."""
    items = (re.sub(r"\s*\[[\d ,]+\]\s*$|^\s*\[\d+\]\s*", "", v).strip()
             for v in re.split(separators, value))
    return [v for v in items if v]


def _record(text: str, start: int, end: int, source: str, index: int) -> Record:
    """One CNKI record over ``text[start:end]``."""
    record = new_record(text, start, end, source, "cnki", index)
    values = _values(record)
    first_key = min((s for _, s, _ in key_lines(record.text)), default=len(record.text))
    unlabelled = record.text[:first_key].strip().splitlines()
    if unlabelled:
        set_title(record, unlabelled[0])
    for name, vs, ve in values:
        _apply(record, name, vs, ve)
    return finish(record)


def _apply(record: Record, name: str, start: int, end: int) -> None:
    """Fill the Record field ``name`` from ``record.text[start:end]``."""
    value = record.text[start:end]
    if name in ("title", "title-en"):
        set_title(record, value)
    elif name == "authors":
        record.authors += _split(value)
    elif name == "affiliations":
        record.affiliations += _split(value)
    elif name == "keywords":
        record.keywords += _split(value, r"[;；,，\n]")
    elif name == "abstract":
        add_sections(record, start, end)
    elif name == "doi":
        record.doi = record.doi or normalize_doi(value)
    elif name == "journal":
        record.journal = record.journal or (value.splitlines()[0].strip() if value else None)
        record.year = record.year or find_year(value)
    elif name == "year":
        record.year = record.year or find_year(value)
