"""The first things a new user types: --help, --version, a mistyped command, shell completion."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarize import cli
from summarize.commands import registered_commands
from summarize.commands.group import close_commands
from summarize.pipeline import tool_version
from tests.fakes import ARTICLE

REPO_ROOT = Path(__file__).resolve().parent.parent


def summarize(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a fresh process, as a user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "summarize", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "COLUMNS": "200", **env},
        timeout=120,
    )


def test_help_lists_every_command_with_one_line_each_and_the_version_option() -> None:
    done = summarize("--help")

    assert done.returncode == 0, done.stderr
    commands = done.stdout.split("Commands:")[1]
    names = ["run", *(command.name for command in registered_commands())]
    assert {"check", "eval", "extract", "config"} <= set(names)
    for name in names:
        lines = [line for line in commands.splitlines() if re.match(rf"\s+{name}\b", line)]
        assert len(lines) == 1, f"{name}: {lines}"
        assert len(lines[0].split()) > 2, f"{name} has no one-line help"
    assert "--version" in done.stdout


def test_no_arguments_show_the_help_instead_of_a_missing_argument_error() -> None:
    done = summarize()

    assert done.returncode == 2
    assert "Commands:" in done.stderr and "Missing argument" not in done.stderr


def test_version_at_the_top_level() -> None:
    done = summarize("--version")

    assert (done.returncode, done.stdout.strip()) == (0, f"summarize, version {tool_version()}")


def test_a_mistyped_command_is_a_usage_error_with_a_suggestion_before_any_engine_starts(
    tmp_path: Path,
) -> None:
    done = summarize("chek", "article.txt", cwd=tmp_path)

    assert done.returncode == 2
    assert "no such command or file: 'chek'. Did you mean 'check'?" in done.stderr
    assert "rule-based engine" not in done.stderr  # no engine notice: nothing was started


def test_a_word_that_is_neither_a_command_nor_a_file_lists_the_commands(tmp_path: Path) -> None:
    done = summarize("frobnicate", cwd=tmp_path)

    assert done.returncode == 2
    assert (
        "no such command or file: 'frobnicate'. Commands: run, batch, check, compare, eval, extract, config"
        in done.stderr
    )


def test_a_file_named_like_a_command_is_still_read_as_an_article(tmp_path: Path) -> None:
    (tmp_path / "chek").write_text(ARTICLE, encoding="utf-8")

    done = summarize("chek", "--engine", "rules", "--compact", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert '"source": "chek"' in done.stdout


def test_a_missing_file_that_looks_like_a_path_is_still_a_missing_article(tmp_path: Path) -> None:
    done = summarize("artcle.txt", "--engine", "rules", cwd=tmp_path)

    assert done.returncode == 4
    assert "artcle.txt: no such file" in done.stderr


def test_a_url_is_never_taken_for_a_mistyped_command() -> None:
    # A URL goes to the default command (here it fails to fetch, exit 11, not a usage error).
    done = summarize("http://127.0.0.1:9/story", "--engine", "rules", "--fetch-timeout", "2")

    assert done.returncode == 11, done.stderr


@pytest.mark.parametrize(("typo", "expected"), [("chek", ["check"]), ("evl", ["eval"]), ("conf", ["config"])])
def test_close_commands(typo: str, expected: list[str]) -> None:
    assert close_commands(typo, ["run", "check", "eval", "extract", "config"]) == expected


def test_shell_completion_offers_the_commands_and_files_for_the_first_word(tmp_path: Path) -> None:
    (tmp_path / "checklist.txt").write_text("x", encoding="utf-8")

    done = summarize(
        cwd=tmp_path, _SUMMARIZE_COMPLETE="bash_complete", COMP_WORDS="summarize ch", COMP_CWORD="1"
    )

    assert done.returncode == 0
    assert "plain,check" in done.stdout.splitlines()
    assert "file,ch" in done.stdout.splitlines()  # bash then completes checklist.txt itself


def test_shell_completion_completes_options_of_the_default_command() -> None:
    done = summarize(_SUMMARIZE_COMPLETE="bash_complete", COMP_WORDS="summarize a.txt --comp", COMP_CWORD="2")

    assert "plain,--compact" in done.stdout.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_scripts_the_readme_names_are_generated(shell: str) -> None:
    done = summarize(_SUMMARIZE_COMPLETE=f"{shell}_source")

    assert done.returncode == 0 and "_SUMMARIZE_COMPLETE" in done.stdout


def test_in_process_main_lists_commands_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])

    assert info.value.code == 0
    assert "config" in capsys.readouterr().out
