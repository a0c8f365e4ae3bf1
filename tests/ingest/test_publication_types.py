"""Publication types are read from every export that gives them: they tell the study type."""

from pathlib import Path

import pytest

from summarizer.ingest import read_file
from summarizer.schema import Record

REAL = Path(__file__).parent / "real"


@pytest.mark.parametrize("path, index, expected", [
    ("pubmed-xml/pubmed1.xml", 0, ["Journal Article", "Review"]),
    ("medline/pubmed_result1.txt", 0, None),  # checked against the file's own PT lines
    ("ris/embase.ris", 3, ["Review"]),  # Embase's M3
    ("ris/embase.ris", 0, ["Article"]),
])
def test_publication_types_are_read(path, index, expected):
    records = [r for r in read_file(REAL / path) if isinstance(r, Record)]
    record = records[index]
    if expected is None:
        expected = [line[6:].strip() for line in record.text.splitlines()
                    if line.startswith("PT  -")]
        assert expected
    assert record.publication_types == expected
