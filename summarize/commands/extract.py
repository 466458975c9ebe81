"""``summarize extract PAGE|URL``: print the article text a summary would be grounded against."""

from __future__ import annotations

from typing import Any

import click

from ..article import read_article
from ..config import resolve_settings
from ..page import ExtractedArticle, PageMetadata
from ..web.limits import FetchLimits
from .options import settings_options


@click.command("extract")
@click.argument("page", type=str)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the article text; json: the text with title, author, date, site name, URL and language.",
)
@settings_options("max_bytes", "max_page_bytes", "fetch_timeout")
def extract_command(page: str, output_format: str, **options: Any) -> None:
    """Print the article text of PAGE (an HTML or text file, an http(s) URL, or - for stdin)."""
    settings = resolve_settings(**options)
    article = read_article(page, max_bytes=settings.max_bytes, fetch_limits=FetchLimits.of(settings))
    if output_format == "json":
        metadata = article.page or PageMetadata()
        extracted = ExtractedArticle(**metadata.model_dump(), source=article.source, text=article.text)
        click.echo(extracted.model_dump_json(indent=2))
    else:
        click.echo(article.text.rstrip("\n"))
