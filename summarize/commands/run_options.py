"""Options of ``summarize run`` that shape what is shown, not how articles are summarized:
``--compact``, ``--fields`` and ``--progress/--no-progress`` (the settings come from the table)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..result_shape import FIELD_NAMES, parse_fields

F = TypeVar("F", bound=Callable[..., Any])


class FieldsType(click.ParamType[tuple[str, ...]]):
    """A comma-separated list of result fields; a bad name is a usage error (exit 2)."""

    name = "fields"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        try:
            return parse_fields(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def display_options() -> Callable[[F], F]:
    """--compact, --fields and --progress/--no-progress."""

    def decorate(function: F) -> F:
        function = click.option(
            "--progress/--no-progress",
            "progress",
            default=None,
            help="Show progress on stderr (a spinner with the stage and time elapsed) for runs over "
            "a second. [default: on a terminal only]",
        )(function)
        function = click.option(
            "--fields",
            type=FieldsType(),
            default=None,
            metavar="LIST",
            help=f"JSON with only these parts, comma-separated: summary, {', '.join(FIELD_NAMES)} "
            "(grounding items follow the sections chosen).",
        )(function)
        function = click.option(
            "--compact",
            is_flag=True,
            help="Short JSON: the summary with each item's verdict (and reasons), without evidence "
            "text or the grounding report's repeated quotes.",
        )(function)
        return function

    return decorate
