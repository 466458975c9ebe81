"""``summarize check ARTICLE SUMMARY``: verify a free-text summary against its article."""

from __future__ import annotations

import click

from ..article import STDIN, read_article
from ..errors import InputError
from ..grounding import CheckResult, check_summary_text


@click.command("check")
@click.argument("article", type=str)
@click.argument("summary", type=str)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text: the unsupported claims with reasons; json: one object with verdict, score, unsupported; "
    "html: a self-contained review page.",
)
def check_command(article: str, summary: str, output_format: str) -> None:
    """Check each claim of SUMMARY (a text file, or - for stdin) against ARTICLE."""
    if article == STDIN and summary == STDIN:
        raise InputError("only one of ARTICLE and SUMMARY can be read from stdin (-)")
    article_text = read_article(article).text
    summary_text = read_article(summary, role="summary").text
    result = check_summary_text(article_text, summary_text)
    if output_format == "json":
        click.echo(result.model_dump_json(indent=2))
    elif output_format == "html":
        from ..review import render_review_page

        click.echo(render_review_page(article_text, result, source=article), nl=False)
    else:
        click.echo(render_check(result))


def render_check(result: CheckResult) -> str:
    """The text report: a verdict line, then each claim that is not fully supported, with reasons."""
    lines = [f"{result.verdict} (score {result.score:.2f}, {len(result.claims)} claims)"]
    for claim in result.unsupported:
        lines.append(f"- [{claim.verdict.value}] {claim.claim}")
        lines.extend(f"    {reason}" for reason in claim.reasons)
    return "\n".join(lines)
