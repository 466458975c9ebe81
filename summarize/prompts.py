"""Prompt templates: located on disk, rendered by one strict jinja2 function, versioned by content.

The summarize prompts come in two series, one per way of citing evidence (``--evidence``):
``summarize_ids.*.j2`` shows the article as numbered sentences and asks for sentence numbers,
``summarize.*.j2`` shows it as text and asks for verbatim quotes. Both share the section
instructions (``summarize_sections.j2``) and list the fields of the response model, with their
descriptions, after the article: the article comes first, so the requests for each section of
one article share their prefix, which llama.cpp evaluates once.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from .config import EvidenceMode
from .fencing import defuse_control_sequences, fence_article
from .llm.types import ChatMessage
from .schema_ids import SECTIONS
from .text import AnalysedArticle
from .text.numbered import NumberedArticle

# The series changes when the prompts' shape changes; the digest whenever any template does.
PROMPT_SERIES: dict[EvidenceMode, str] = {"ids": "summarize-ids-v1", "quotes": "summarize-quotes-v1"}
_TEMPLATES: dict[EvidenceMode, str] = {"ids": "summarize_ids", "quotes": "summarize"}
_SHARED_TEMPLATES = ("summarize_sections.j2",)
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
def prompt_version(evidence: EvidenceMode = "ids") -> str:
    """The prompt series plus a digest of its templates, so any prompt edit changes the version."""
    digest = hashlib.sha256()
    names = [p.name for p in prompts_dir().glob(f"{_TEMPLATES[evidence]}.*.j2")] + list(_SHARED_TEMPLATES)
    for name in sorted(names):
        digest.update(name.encode())
        digest.update((prompts_dir() / name).read_bytes())
    return f"{PROMPT_SERIES[evidence]}+{digest.hexdigest()[:8]}"


def describe_fields(response_model: type[BaseModel]) -> dict[str, str]:
    """Section name -> one line per field of its items: the key, its description, its allowed values.

    This is the response model's own prompt text without the JSON Schema around it; where a
    grammar enforces the schema, it is all of the schema the model needs to read.
    """
    schema = response_model.model_json_schema()
    definitions = schema.get("$defs", {})

    def resolve(spec: dict[str, Any]) -> dict[str, Any]:
        ref = spec.get("$ref")
        return {**definitions[ref.rsplit("/", 1)[1]], **spec} if ref else spec

    described: dict[str, str] = {}
    for section, spec in schema["properties"].items():
        item = resolve(spec.get("items", spec))
        if "properties" not in item:  # one alternative per allowed quotation: the fields are the same
            item = item["anyOf"][0]
        lines = []
        for name, field in item["properties"].items():
            field = resolve(field)
            line = f'- "{name}": {field.get("description", "")}'
            choices = [choice for choice in field.get("enum", []) if isinstance(choice, str)]
            # Short choices (kinds, reasons) are named; long ones (the article's quotations) the grammar enforces.
            if choices and max(map(len, choices)) <= 30 and not all(choice in line for choice in choices):
                line += " One of: " + ", ".join(choices) + "."
            lines.append(line)
        described[section] = "\n".join(lines)
    return described


def article_as_shown(article: AnalysedArticle, evidence: EvidenceMode) -> str:
    """The article as the prompt shows it: numbered sentences (ids) or its text (quotes)."""
    return NumberedArticle.of(article).lines() if evidence == "ids" else article.text


def render_messages(
    article: AnalysedArticle | str,
    *,
    evidence: EvidenceMode = "ids",
    response_model: type[BaseModel] | None = None,
) -> list[ChatMessage]:
    """The chat messages that ask a model for ``response_model`` (default: a whole summary) of one
    article, the article fenced as data (summarize.fencing) and placed before the request."""
    from .schema_ids import item_limits, summary_model

    if not isinstance(article, AnalysedArticle):
        article = AnalysedArticle(article)
    model = response_model or summary_model(evidence)
    fields = describe_fields(model)
    tag, fenced = fence_article(article_as_shown(article, evidence))
    series = _TEMPLATES[evidence]
    return [
        {"role": "system", "content": render_prompt(f"{series}.system", tag=tag)},
        {
            "role": "user",
            "content": render_prompt(
                f"{series}.user",
                article=fenced,
                tag=tag,
                sections=[section for section in SECTIONS if section in fields],
                fields=fields,
                limits=item_limits(model),
            ),
        },
    ]


def render_statement_messages(template: str, **statements: str) -> list[ChatMessage]:
    """System and user messages of ``template``, with each statement's control sequences defused."""
    safe = {name: defuse_control_sequences(value) for name, value in statements.items()}
    return [
        {"role": "system", "content": render_prompt(f"{template}.system")},
        {"role": "user", "content": render_prompt(f"{template}.user", **safe)},
    ]
