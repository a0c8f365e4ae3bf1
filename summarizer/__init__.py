"""summarizer: bilingual (English/Chinese) clinical-research records to trustworthy summaries."""

__version__ = "0.1.0"
