"""Line-tagged exports of reference managers and databases, read by one engine.

Each format is a ``TagScheme``: a tag at the start of a line names the field whose value runs
to the next tag (untagged lines continue it). Records start at a scheme's start tags (or, where
records are not separated at all, at the tag the file opens with) and end before the next
start or at an end tag. Every value is a verbatim slice of the record text, so offsets hold.

- ``wos``: Web of Science plain text (``FN``/``VR`` header, ``PT J`` ... ``ER``, ``EF``).
- ``endnote``: EndNote/refer as CNKI, Wanfang and CQVIP export it (``%0 Journal Article``,
  ``%A``, ``%T``, ``%X`` ...).
- ``refworks``: RefWorks tagged format (``RT Journal Article``, ``A1``, ``T1``, ``AB`` ...).
- ``noteexpress``: NoteExpress (``{Reference Type}: Journal Article``, ``{Title}:``; full-width
  colons too), Wanfang's default export and a CNKI option.
- ``estudy``: CNKI E-Study / 知网研学 and self-defined exports (``SrcDatabase-来源库: 期刊``,
  ``Title-题名:``, ``Summary-摘要:``), records often not separated by blank lines.

A record with neither a title nor an abstract is quarantined: the split cannot be trusted.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from summarizer.ingest.build import (
    add_sections,
    finish,
    line_at,
    new_record,
    quarantine,
    set_title,
)
from summarizer.ingest.fields import find_year, lang_of, normalize_doi
from summarizer.schema import Quarantined, Record

# Record fields a tag can fill; a list field takes one item per line (and per ``;``).
LIST_FIELDS = ("authors", "affiliations", "keywords", "types")
BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True)
class TagScheme:
    """A line-tagged format.

    tag: matches a tag at a line start (``re.MULTILINE``); group ``tag`` names it and the match
    ends where the value starts. fields: tag → Record field (``title``, ``authors``,
    ``affiliations``, ``journal``, ``year``, ``doi``, ``pmid``, ``keywords``, ``abstract``,
    ``types``); a tag written ``English-中文`` is also looked up by its Chinese half.
    start: tags that open a record; empty for "the tag the file opens with". end: tags that
    close one. outside: file header and trailer tags, in no record (WoS ``FN``, ``VR``,
    ``EF``). separators: splits one list value into items (line breaks always do).
    """

    name: str
    tag: re.Pattern[str]
    fields: dict[str, str]
    start: tuple[str, ...] = ()
    end: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()
    separators: str = r"[;；]"

    def field_of(self, tag: str) -> str | None:
        return self.fields.get(tag) or self.fields.get(tag.rsplit("-", 1)[-1])


WOS = TagScheme(
    "wos", re.compile(r"^(?P<tag>[A-Z][A-Z0-9])(?: |$)", re.MULTILINE),
    {"TI": "title", "AF": "authors", "AU": "short-authors", "C1": "affiliations", "SO": "journal",
     "PY": "year", "DI": "doi", "PM": "pmid", "DE": "keywords", "AB": "abstract", "DT": "types"},
    start=("PT",), end=("ER",), outside=("FN", "VR", "EF"))
ENDNOTE = TagScheme(
    "endnote", re.compile(r"^%(?P<tag>[0-9A-Z@+!#$&()*<>=?~^\[\]])(?: |$)", re.MULTILINE),
    {"T": "title", "Q": "title", "A": "authors", "+": "affiliations", "J": "journal",
     "D": "year", "R": "doi", "K": "keywords", "X": "abstract", "0": "types"},
    start=("0",))
REFWORKS = TagScheme(
    "refworks", re.compile(r"^(?P<tag>[A-Z][A-Z0-9]|vo)(?: |$)", re.MULTILINE),
    {"T1": "title", "OT": "title", "A1": "authors", "AD": "affiliations", "JF": "journal",
     "YR": "year", "FD": "year", "DO": "doi", "K1": "keywords", "AB": "abstract",
     "RT": "types"},
    start=("RT",))
NOTEEXPRESS = TagScheme(
    "noteexpress", re.compile(r"^\{(?P<tag>[^{}\n]{1,40})\}[ \t]*[:：][ \t]*", re.MULTILINE),
    {"Title": "title", "Translated Title": "title", "Author": "authors",
     "Author Address": "affiliations", "Journal": "journal", "Year": "year", "DOI": "doi",
     "Keywords": "keywords", "Abstract": "abstract", "Translated Abstract": "abstract",
     "Reference Type": "types"},
    start=("Reference Type",), separators=r"[;；,，]")
ESTUDY = TagScheme(
    "estudy", re.compile(r"^(?P<tag>[A-Za-z]+-[^\s:：]{1,12})[ \t]*[:：][ \t]*", re.MULTILINE),
    {"题名": "title", "英文题名": "title", "作者": "authors", "单位": "affiliations",
     "机构": "affiliations", "文献来源": "journal", "刊名": "journal", "来源": "journal",
     "年": "year", "发表时间": "year", "DOI": "doi", "关键词": "keywords", "摘要": "abstract",
     "英文摘要": "abstract", "来源库": "types"})


def read_tagged(text: str, source: str, scheme: TagScheme) -> Iterator[Record | Quarantined]:
    """Records of a file in ``scheme``; a record without title and abstract is quarantined,
    and so are tags outside any record (a record whose start tag was lost)."""
    tags = [(m.group("tag"), m.start()) for m in scheme.tag.finditer(text)]
    opener = (scheme.start or (next((t for t, _ in tags if t not in scheme.outside), ""),))
    starts = [at for tag, at in tags if tag in opener]
    index, last_end = 0, 0
    for n, start in enumerate(starts):
        stray = _stray_tag(tags, last_end, start, scheme)
        if stray is not None:
            yield _outside(text, source, index, stray, scheme, opener)
            index += 1
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        end = last_end = _record_end(text, start, end, tags, scheme)
        merged = _merged_at(text, start, end, tags, scheme)
        record = _record(text, start, merged or end, source, index, scheme)
        if record.title["en"] or record.title["zh"] or record.abstract:
            yield record
        else:
            yield quarantine(source, f"no title or abstract in this {scheme.name} record; the "
                             "file may be cut or of another format (try --format)",
                             index, line_at(text, start))
        index += 1
        if merged is not None:  # the next record lost its start line and ran into this one
            yield _outside(text, source, index, _stray_tag(tags, merged, end, scheme) or merged,
                           scheme, opener)
            index += 1
    stray = _stray_tag(tags, last_end, len(text), scheme)
    if stray is not None:
        yield _outside(text, source, index, stray, scheme, opener)


def _between(tags: list[tuple[str, int]], start: int, end: int) -> list[tuple[str, int]]:
    """The tags at ``start <= offset < end`` (``tags`` are in order of offset)."""
    return tags[bisect_left(tags, start, key=_offset):bisect_left(tags, end, key=_offset)]


def _offset(tag: tuple[str, int]) -> int:
    return tag[1]


def _stray_tag(tags: list[tuple[str, int]], start: int, end: int,
               scheme: TagScheme) -> int | None:
    """Where the first field tag between two records (``start`` to ``end``) is, if any: header
    and trailer tags (``FN``, ``EF``) and end tags do not count."""
    return next((at for tag, at in _between(tags, start, end) if tag not in scheme.outside
                 and tag not in scheme.end and scheme.field_of(tag)), None)


def _outside(text: str, source: str, index: int, at: int, scheme: TagScheme,
             opener: tuple[str, ...]) -> Quarantined:
    start_tag = " or ".join(f"'{t}'" for t in opener)
    return quarantine(source, f"{scheme.name} tags outside any record: no {start_tag} start "
                      "tag before them; re-export the file or add the start tag", index,
                      line_at(text, at))


def _merged_at(text: str, start: int, end: int, tags: list[tuple[str, int]],
               scheme: TagScheme) -> int | None:
    """Where a second record begins inside the record ``text[start:end]`` of a format without
    end tags: a title tag comes again (``%T`` twice) after a blank line that follows the
    first; that blank line is where the record that lost its start line begins. None when
    the record holds one record."""
    if scheme.end:
        return None
    first_at: dict[str, int] = {}
    for tag, at in _between(tags, start, end):
        if scheme.field_of(tag) != "title":
            continue
        if tag in first_at:
            blanks = [m.end() for m in BLANK_LINE.finditer(text, first_at[tag], at)]
            return blanks[-1] if blanks else None
        first_at[tag] = at
    return None


def _record_end(text: str, start: int, limit: int, tags: list[tuple[str, int]],
                scheme: TagScheme) -> int:
    """Where the record that starts at ``start`` ends: after its end tag's line, or before the
    next record or the file's trailer (trailing blank lines left out)."""
    for tag, at in _between(tags, start + 1, limit):
        if tag in scheme.end:
            line_end = text.find("\n", at)
            return len(text) if line_end < 0 else line_end
        if tag in scheme.outside:
            limit = at
            break
    while limit > start and text[limit - 1].isspace():
        limit -= 1
    return limit


def _values(record: Record, scheme: TagScheme) -> list[tuple[str, int, int]]:
    """``(tag, value start, value end)`` of each tag in the record text, whitespace trimmed."""
    found = list(scheme.tag.finditer(record.text))
    values = []
    for i, m in enumerate(found):
        start, end = m.end(), found[i + 1].start() if i + 1 < len(found) else len(record.text)
        while start < end and record.text[start].isspace():
            start += 1
        while end > start and record.text[end - 1].isspace():
            end -= 1
        values.append((m.group("tag"), start, end))
    return values


def list_items(value: str, separators: str) -> list[str]:
    """Items of a list value: one per line and per separator, empties dropped; a WoS
    address's leading ``[Author A; Author B]`` is left out."""
    lines = (re.sub(r"^\s*\[[^\]]*\]\s*", "", line) for line in value.splitlines())
    return [item.strip() for line in lines for item in re.split(separators, line)
            if item.strip()]


def _record(text: str, start: int, end: int, source: str, index: int,
            scheme: TagScheme) -> Record:
    """One record of ``scheme`` over ``text[start:end]``."""
    record = new_record(text, start, end, source, scheme.name, index)
    values = _values(record, scheme)
    names = {scheme.field_of(tag) for tag, _, _ in values}
    for tag, vs, ve in values:
        name = scheme.field_of(tag)
        value = record.text[vs:ve]
        if name == "short-authors":  # WoS AU, wanted only where full names (AF) are missing
            name = None if "authors" in names else "authors"
        if name is None or not value:
            continue
        if name == "abstract":
            add_sections(record, vs, ve, lang_of(value))
        elif name == "title":
            set_title(record, value)
        elif name in LIST_FIELDS:
            items = list_items(value, scheme.separators if name != "types" else r"[;；]")
            target = record.publication_types if name == "types" else getattr(record, name)
            target += [item for item in items if item not in target]
        elif name == "journal":
            record.journal = record.journal or re.sub(r"\s+", " ", value)
        elif name == "year":
            record.year = record.year or find_year(value)
        elif name == "doi":
            record.doi = record.doi or normalize_doi(value)
        elif name == "pmid" and value.strip().isdigit():
            record.pmid = record.pmid or value.strip()
    return finish(record)


read_wos = partial(read_tagged, scheme=WOS)
read_endnote = partial(read_tagged, scheme=ENDNOTE)
read_refworks = partial(read_tagged, scheme=REFWORKS)
read_noteexpress = partial(read_tagged, scheme=NOTEEXPRESS)
read_estudy = partial(read_tagged, scheme=ESTUDY)
