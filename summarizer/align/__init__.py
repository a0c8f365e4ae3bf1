"""align stage: English↔Chinese sentence alignment with confidences, QA flags and exports.

``align_record(record)`` segments a bilingual record and aligns it; ``align_sentences(en, zh)``
aligns presegmented sentences; ``write_alignment(alignment, path, fmt)`` exports it. Aligners
are found by versioned name in ``aligners`` (``align.e5-margin.v1``).
"""

from __future__ import annotations

from summarizer.align.export import FORMATS, render_alignment, write_alignment
from summarizer.registry import Registry

ALIGNER = "align.e5-margin.v1"

aligners = Registry("aligner")
aligners.register(ALIGNER, "summarizer.align.pipeline:align_sentences")


def align_record(record, encoder=None):
    """Segment and align a record's English and Chinese abstract: Alignment, or None when
    the record lacks a language."""
    from summarizer.align.pipeline import align_record as run

    return run(record, encoder)


def align_sentences(en, zh, encoder=None, doc_id=""):
    """Align presegmented sentences (lists of str): Alignment with beads covering both lists."""
    from summarizer.align.pipeline import align_sentences as run

    return run(en, zh, encoder, doc_id)


__all__ = ["ALIGNER", "FORMATS", "aligners", "align_record", "align_sentences",
           "render_alignment", "write_alignment"]
