"""The README documents every command, and CI runs the README's test command."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands(group, prefix=""):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if hasattr(command, "commands"):
            yield from all_commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize("name, command", list(all_commands(cli)))
def test_command_has_help_and_is_in_readme(name, command):
    assert command.help, f"summarizer {name} has no help text"
    assert f"summarizer {name}" in README
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output


def test_readme_opens_with_two_commands_and_ci_runs_the_second():
    block = README.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    assert "summarizer run corpus/" in block[0]
    assert "pytest" in block[1]
    assert block[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
