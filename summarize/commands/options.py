"""Click options generated from the settings table (summarize.config.OPTIONS), never retyped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..config import OPTIONS, OPTIONS_BY_NAME, Option

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
