"""``summarize extract PAGE|URL``: print the article text a summary would be grounded against."""

from __future__ import annotations

import click

from ..article import read_article
from ..page import ExtractedArticle, PageMetadata
from ..web.limits import FetchLimits
from .options import fetch_timeout_option, max_page_bytes_option


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
@max_page_bytes_option
@fetch_timeout_option
def extract_command(
    page: str, output_format: str, max_page_bytes: int | None, fetch_timeout: float | None
) -> None:
    """Print the article text of PAGE (an HTML or text file, an http(s) URL, or - for stdin)."""
    article = read_article(page, fetch_limits=FetchLimits.resolve(max_page_bytes, fetch_timeout))
    if output_format == "json":
        metadata = article.page or PageMetadata()
        extracted = ExtractedArticle(**metadata.model_dump(), source=article.source, text=article.text)
        click.echo(extracted.model_dump_json(indent=2))
    else:
        click.echo(article.text.rstrip("\n"))
