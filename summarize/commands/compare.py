"""``summarize compare ARTICLE ARTICLE...``: several outlets' articles on one event, compared.

Parses options, calls ``summarize.compare.compare_files``, prints JSON or Markdown on stdout;
an unreadable article and a note about articles that share nothing go to stderr. With an
unreadable article the others are still compared and printed, and the exit code is that
article's (as with several articles in ``summarize``).
"""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console

from ..compare import compare_files
from ..compare.markdown import render_comparison
from ..config import ENGINES, GROUNDING_MODES
from .options import base_url_option, gguf_option, model_option

_stderr = Console(stderr=True, highlight=False, soft_wrap=True)


@click.command("compare")
@click.argument("articles", nargs=-1, metavar="ARTICLE ARTICLE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="json: one object (schemas/comparison.schema.json); markdown: a report for people.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="Engine for each outlet's summary; facts are always found by rules over the articles. "
    "[env: SUMMARIZE_ENGINE]",
)
@model_option
@base_url_option
@gguf_option
@click.option(
    "--grounding",
    type=click.Choice(GROUNDING_MODES),
    default=None,
    help="Grounding of each outlet's summary (see summarize --help). [env: SUMMARIZE_GROUNDING]",
)
def compare_command(articles: tuple[str, ...], fmt: str, **options: Any) -> None:
    """Compare ARTICLEs (files, HTML pages, URLs; '-' for stdin) that report one event.

    Prints each outlet's summary and the facts the outlets agree or conflict on (numbers, dates,
    places, durations, roles, who did what, causes), every value a span of its own article;
    speakers quoted by several outlets, unnamed sources, and notable claims one outlet alone makes.
    """
    if len(articles) < 2:
        raise click.UsageError("compare needs at least two articles")
    comparison = compare_files(list(articles), **options)
    for failure in comparison.failures:
        _stderr.print(f"summarize compare: not compared: {failure.message}", markup=False)
    if comparison.overlap.note:
        _stderr.print(f"summarize compare: {comparison.overlap.note}", markup=False)
    if fmt == "markdown":
        sys.stdout.write(render_comparison(comparison))
    else:
        sys.stdout.write(comparison.model_dump_json(indent=2) + "\n")
    sys.stdout.flush()
    if comparison.failures:
        raise SystemExit(comparison.failures[0].exit_code)
