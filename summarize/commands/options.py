"""Click options: those generated from the settings table (summarize.config.OPTIONS), never retyped,
and the destination options that ``run`` and ``batch`` share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..config import OPTIONS, OPTIONS_BY_NAME, Option
from ..output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


class OptionType(click.ParamType[Any]):
    """A click type that parses with the option's own parser, so a bad value is a usage error (exit 2)."""

    def __init__(self, option: Option) -> None:
        self.option = option
        self.name = (option.metavar or option.name).lower()

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return self.option.parse(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def click_option(name: str) -> Callable[[F], F]:
    """The click option for the setting ``name``; unset means "environment, then default"."""
    option = OPTIONS_BY_NAME[name]
    if option.is_flag:
        return click.option(option.flag, option.name, is_flag=True, default=None, help=option.help_text())
    kind: click.ParamType[Any] = click.Choice(option.choices) if option.choices else OptionType(option)
    return click.option(
        option.flag, option.name, type=kind, default=None, metavar=option.metavar, help=option.help_text()
    )


def settings_options(*names: str) -> Callable[[F], F]:
    """Every option in ``names`` (default: every command-line option of the table), in table order."""
    chosen = [o.name for o in OPTIONS if o.cli and (not names or o.name in names)]

    def decorate(function: F) -> F:
        for name in reversed(chosen):
            function = click_option(name)(function)
        return function

    return decorate


def destination_options(function: F) -> F:
    """--format, --out, --jsonl and --resume: shared by ``run`` and ``batch``."""
    for option in reversed(
        [
            click.option(
                "--format",
                "fmt",
                type=click.Choice(FORMATS),
                default="json",
                show_default=True,
                help="Output format. Several articles give one JSON object per line (JSONL). html: a "
                "self-contained review page (several articles need --out).",
            ),
            click.option(
                "--out",
                "out_dir",
                type=click.Path(file_okay=False, path_type=Path),
                help="Write one file per article into this folder instead of stdout.",
            ),
            click.option(
                "--jsonl",
                "jsonl",
                type=click.Path(dir_okay=False, path_type=Path),
                help="Write one JSON line per article to this file, as each finishes, instead of stdout "
                "(--resume appends).",
            ),
            click.option(
                "--resume",
                is_flag=True,
                help="Skip the articles whose results --out DIR or --jsonl FILE already holds, complete and "
                "valid (after a crash or kill -9: nothing is lost, nothing is redone).",
            ),
        ]
    ):
        function = option(function)
    return function
