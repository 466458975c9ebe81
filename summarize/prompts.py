"""Prompt templates: located on disk, rendered by one strict jinja2 function, versioned by content."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .fencing import defuse_control_sequences, fence_article
from .llm.types import ChatMessage

PROMPT_SERIES = "summarize-v1"
_PACKAGE_DIR = Path(__file__).resolve().parent


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
    """The chat messages that ask a model to summarize one article, fenced as data (summarize.fencing)."""
    tag, fenced = fence_article(article_text)
    return [
        {"role": "system", "content": render_prompt("summarize.system", tag=tag)},
        {"role": "user", "content": render_prompt("summarize.user", article=fenced, tag=tag)},
    ]


def render_statement_messages(template: str, **statements: str) -> list[ChatMessage]:
    """System and user messages of ``template``, with each statement's control sequences defused."""
    safe = {name: defuse_control_sequences(value) for name, value in statements.items()}
    return [
        {"role": "system", "content": render_prompt(f"{template}.system")},
        {"role": "user", "content": render_prompt(f"{template}.user", **safe)},
    ]
