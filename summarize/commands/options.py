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
