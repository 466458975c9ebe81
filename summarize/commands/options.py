"""Click options shared by the summarize and eval commands, declared once."""

from __future__ import annotations

from pathlib import Path

import click

model_option = click.option(
    "--model", default=None, help="Model name at the endpoint. [env: SUMMARIZE_MODEL]"
)
base_url_option = click.option(
    "--base-url",
    default=None,
    help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1. [env: OPENAI_BASE_URL]",
)
gguf_option = click.option(
    "--gguf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="GGUF model file for --engine local. [env: SUMMARIZE_GGUF]",
)
max_page_bytes_option = click.option(
    "--max-page-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Size cap for a web page fetched from a URL (default 10000000). [env: SUMMARIZE_MAX_PAGE_BYTES]",
)
fetch_timeout_option = click.option(
    "--fetch-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Seconds for a whole page download, a total deadline (default 30). [env: SUMMARIZE_FETCH_TIMEOUT]",
)
