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
from .options import settings_options

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
@settings_options("engine", "model", "base_url", "mode", "gguf", "grounding", "timeout", "max_bytes")
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
