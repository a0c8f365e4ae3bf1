"""The text layer every stage shares: numbers as written in English and Chinese
(``summarizer.text.numbers``) and telling Chinese from English by script
(``summarizer.text.script``).

This package imports nothing on its own, so that low-level modules (``ingest``) can use
``script`` while ``numbers`` uses ``ingest.normalize``'s reader of lost exponents.
"""
