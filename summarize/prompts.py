"""Prompt templates: located on disk, rendered by one strict jinja2 function, versioned by content."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .llm.types import ChatMessage

PROMPT_SERIES = "summarize-v1"
_PACKAGE_DIR = Path(__file__).resolve().parent
ARTICLE_CLOSE = "</article>"


def prompts_dir() -> Path:
    """The prompts folder: shipped inside the wheel, or the repo's prompts/ in a checkout."""
    for candidate in (_PACKAGE_DIR / "_prompts", _PACKAGE_DIR.parent / "prompts"):
        if (candidate / "summarize.system.j2").is_file():
            return candidate
    raise FileNotFoundError("prompt templates not found (expected summarize/_prompts or prompts/)")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(prompts_dir()),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def render_prompt(name: str, **variables: Any) -> str:
    """Render ``prompts/<name>.j2``; a missing variable raises instead of rendering empty."""
    return _environment().get_template(f"{name}.j2").render(**variables).strip()


@cache
def prompt_version() -> str:
    """The prompt series plus a digest of every template, so any prompt edit changes the version."""
    digest = hashlib.sha256()
    for template in sorted(prompts_dir().glob("summarize.*.j2")):
        digest.update(template.name.encode())
        digest.update(template.read_bytes())
    return f"{PROMPT_SERIES}+{digest.hexdigest()[:8]}"


def render_messages(article_text: str) -> list[ChatMessage]:
    """The chat messages that ask a model to summarize one article."""
    # The article is data between delimiters; a closing tag inside it must not end the block early.
    fenced = article_text.replace(ARTICLE_CLOSE, "</ article>")
    return [
        {"role": "system", "content": render_prompt("summarize.system")},
        {"role": "user", "content": render_prompt("summarize.user", article=fenced)},
    ]
