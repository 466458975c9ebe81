"""Options are declared once: the table drives --help, the environment, validation and the README."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.config import OPTIONS, Settings, resolve_settings
from summarize.errors import ConfigError

README = Path(__file__).resolve().parent.parent / "README.md"


def test_arguments_beat_the_environment_which_beats_defaults() -> None:
    env = {"SUMMARIZE_TIMEOUT": "30", "SUMMARIZE_MODEL": "env-model"}

    settings = resolve_settings(environ=env, model="arg-model")

    assert (settings.model, settings.timeout, settings.max_attempts) == (
        "arg-model",
        30.0,
        Settings().max_attempts,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("timeout", 0),
        ("timeout", -1),
        ("timeout", float("nan")),
        ("timeout", "inf"),
        ("max_retry_seconds", -5),
        ("max_attempts", 0),
        ("max_reasks", -1),
        ("context_tokens", 256),
        ("base_url", "ftp://example.test"),
        ("engine", "gpt"),
    ],
)
def test_invalid_values_from_the_api_are_config_errors_naming_the_option(name: str, value: object) -> None:
    with pytest.raises(ConfigError, match=name):
        resolve_settings(environ={}, **{name: value})


def test_invalid_environment_values_name_the_variable() -> None:
    with pytest.raises(ConfigError, match=r"SUMMARIZE_TIMEOUT='nan': must be a finite number"):
        resolve_settings(environ={"SUMMARIZE_TIMEOUT": "nan"})


def test_a_too_small_context_says_why() -> None:
    with pytest.raises(ConfigError, match=r"at least 2048 \(1536 tokens are kept for the answer\), not 256"):
        resolve_settings(environ={}, context_tokens=256)


def test_help_shows_every_option_with_its_variable_and_default() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarize", "run", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "400"},
    )
    flat = " ".join(done.stdout.split())
    for option in OPTIONS:
        if option.cli:
            assert f"{option.flag} " in flat, option.flag
            assert f"[env: {option.env}; default: {option.default_text}]" in flat, option.name


def test_the_readme_options_table_lists_every_option_and_variable() -> None:
    rows = [
        line
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `--") or line.startswith("| |")
    ]
    table = "\n".join(rows)
    for option in OPTIONS:
        if option.cli:
            assert re.search(rf"\| `{re.escape(option.flag)}[ `]", table), f"README lacks {option.flag}"
        if option.env:
            assert f"`{option.env}`" in table, f"README lacks {option.env}"
