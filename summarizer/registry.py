"""Registries: readers, aligners, templates and models are found by versioned name.

A registry maps a name to a ``"module:attribute"`` path and imports it only when asked for,
so nothing heavy is imported at start-up (sacrebleu's lazy tokenizer map).
"""

from __future__ import annotations

import importlib
from typing import Any

from summarizer.errors import UnknownName


class Registry:
    def __init__(self, kind: str):
        self.kind = kind
        self._paths: dict[str, str] = {}

    def register(self, name: str, path: str) -> None:
        """path: ``"package.module:attribute"``."""
        self._paths[name] = path

    def names(self) -> list[str]:
        return sorted(self._paths)

    def get(self, name: str) -> Any:
        if name not in self._paths:
            raise UnknownName(self.kind, name, self.names())
        module, _, attribute = self._paths[name].partition(":")
        return getattr(importlib.import_module(module), attribute)
