"""``summarize check ARTICLE SUMMARY``: verify a free-text summary against its article."""

from __future__ import annotations

from typing import Any

import click

from ..article import STDIN, read_article
from ..config import resolve_settings
from ..errors import InputError
from ..grounding import CheckResult, check_summary_text
from ..markdown_escape import escape_markdown
from ..pipeline import open_claim_judge
from .options import settings_options


@click.command("check")
@click.argument("article", type=str)
@click.argument("summary", type=str)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="text: the unsupported claims with reasons; json: one object with verdict, score, unsupported; "
    "markdown: every claim with its verdict, reasons and evidence; html: a self-contained review page.",
)
@settings_options(
    "judge",
    "engine",
    "model",
    "base_url",
    "mode",
    "gguf",
    "timeout",
    "max_attempts",
    "max_retry_seconds",
    "max_bytes",
)
def check_command(article: str, summary: str, output_format: str, **options: Any) -> None:
    """Check each claim of SUMMARY (a text file, or - for stdin) against ARTICLE."""
    if article == STDIN and summary == STDIN:
        raise InputError("only one of ARTICLE and SUMMARY can be read from stdin (-)")
    settings = resolve_settings(**options)
    article_text = read_article(article, max_bytes=settings.max_bytes).text
    summary_text = read_article(summary, max_bytes=settings.max_bytes, role="summary").text
    if settings.judge == "llm":
        with open_claim_judge(settings) as judge:
            result = check_summary_text(article_text, summary_text, judge=judge)
    else:
        result = check_summary_text(article_text, summary_text)
    if output_format == "json":
        click.echo(result.model_dump_json(indent=2))
    elif output_format == "markdown":
        click.echo(render_check_markdown(article_text, result), nl=False)
    elif output_format == "html":
        from ..review import render_review_page

        click.echo(render_review_page(article_text, result, source=article), nl=False)
    else:
        click.echo(render_check(result))


def render_check_markdown(article_text: str, result: CheckResult) -> str:
    """The Markdown report: the verdict, then every claim with its verdict, reasons and evidence."""
    lines = [
        f"# Check: {result.verdict.replace('_', ' ')} (score {result.score:.2f}, {len(result.claims)} claims)",
        "",
    ]
    for claim in result.claims:
        lines.append(f"- **{claim.verdict.value.replace('_', ' ')}**: {escape_markdown(claim.claim)}")
        lines.extend(f"  - {escape_markdown(reason)}" for reason in claim.reasons)
        for span in claim.evidence[:3]:
            lines.append(
                f"  - evidence ({span.start}–{span.end}): “{escape_markdown(span.of(article_text))}”"
            )
    return "\n".join(lines) + "\n"


def render_check(result: CheckResult) -> str:
    """The text report: a verdict line, then each claim that is not fully supported, with reasons."""
    lines = [f"{result.verdict} (score {result.score:.2f}, {len(result.claims)} claims)"]
    for claim in result.unsupported:
        lines.append(f"- [{claim.verdict.value}] {claim.claim}")
        lines.extend(f"    {reason}" for reason in claim.reasons)
    return "\n".join(lines)
