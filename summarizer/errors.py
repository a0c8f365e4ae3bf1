"""Every error the library raises on purpose. The CLI turns these into one-line messages."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: the message states what went wrong and, where it can, the fix."""


class InputError(SummarizerError):
    """A file or record that cannot be read. ``where`` is 'line N' or 'record N' when known."""

    def __init__(self, source: str, reason: str, where: str | None = None):
        self.source = source
        self.reason = reason
        self.where = where
        place = f"{source}, {where}" if where else source
        super().__init__(f"{place}: {reason}")


class UnknownFormat(SummarizerError):
    def __init__(self, name: str, known: list[str]):
        super().__init__(f"unknown format {name!r}; use --format {'|'.join(known)}")


class UnknownName(SummarizerError):
    """A registry lookup (aligner, template, model, ...) for a name that is not registered."""

    def __init__(self, kind: str, name: str, known: list[str]):
        super().__init__(f"unknown {kind} {name!r}; known: {', '.join(sorted(known))}")


class ModelError(SummarizerError):
    """A model that cannot be built, found or loaded."""


class TemplateError(SummarizerError):
    """A template that cannot be found or rendered."""
