"""Structured-output modes: which one an endpoint gets, from what it says about itself."""

from __future__ import annotations

from urllib.parse import urlparse

# /v1/models "owned_by" values that identify a server, and the mode that fits it.
_MODE_BY_OWNER = {"llamacpp": "json_schema", "me": "json_schema", "library": "json", "vllm": "structured"}
# Modes in which instructor puts the JSON Schema into the prompt (it counts against the context).
# Not json_schema: there the schema travels as a grammar (summarize.llm.client).
SCHEMA_IN_PROMPT_MODES = frozenset({"json", "md_json"})


def is_openai_host(base_url: str | None) -> bool:
    """True for OpenAI's own API (no base URL, or api.openai.com)."""
    return base_url is None or urlparse(base_url).hostname == "api.openai.com"


def choose_mode(requested: str, base_url: str | None, owned_by: str | None = None) -> str:
    """The mode for an endpoint: the user's choice, else one that the server accepts."""
    if requested != "auto":
        return requested
    if is_openai_host(base_url):
        return "tools"
    if owned_by in _MODE_BY_OWNER:
        return _MODE_BY_OWNER[owned_by]
    return "json"  # schema in the prompt + json_object: the widest-supported choice (Ollama too)
