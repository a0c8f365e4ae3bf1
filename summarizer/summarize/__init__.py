"""summarize stage: lay and technical summaries per study, in English and Chinese, from
Jinja2 templates, each with a provenance map; a faithfulness check; the evidence overview."""

from summarizer.summarize.check import CheckResult, check_summary, check_summary_file
from summarizer.summarize.glossary import lint_lay_summary
from summarizer.summarize.write import write_overview, write_summaries

__all__ = ["CheckResult", "check_summary", "check_summary_file", "lint_lay_summary",
           "write_overview", "write_summaries"]
