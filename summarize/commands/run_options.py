"""Options of ``summarize run`` and ``batch`` that shape what is shown, not how articles are
summarized: ``--compact``, ``--fields``, ``--progress/--no-progress``, ``-v`` and ``--debug`` (the
settings come from the table), and the checks of those options against the settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..config import Settings, resolve_settings
from ..result_shape import FIELD_NAMES, OutputShape, parse_fields

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


def diagnostic_options(function: F) -> F:
    """-v/--verbose and --debug."""
    function = click.option("--debug", is_flag=True, help="Show tracebacks for errors.")(function)
    return click.option(
        "-v", "--verbose", is_flag=True, help="Print model, tokens, attempts and timing on stderr."
    )(function)


def shaped_settings(
    fmt: str, compact: bool, fields: tuple[str, ...] | None, options: dict[str, Any]
) -> tuple[OutputShape, Settings]:
    """The output shape and the settings of a run, or a usage error where they conflict."""
    shape = OutputShape(compact=compact, fields=fields or ())
    if not shape.is_full and fmt != "json":
        raise click.UsageError(f"--compact and --fields shape JSON output, not --format {fmt}")
    settings = resolve_settings(**options)
    if settings.fail_on and settings.grounding == "off":
        raise click.UsageError("--fail-on needs grounding, which is off (--grounding off)")
    return shape, settings
