"""The Engine protocol and the types that cross the seam; no engine-specific imports here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from ..article import Article
from ..schema import Summary
from ..usage import TokenUsage

# Called on each candidate summary; returns reasons it is not acceptable (empty: accept).
# LLM engines turn the reasons into a re-ask through instructor's validation; other
# engines may ignore it.
SummaryCheck = Callable[[Summary], list[str]]


@dataclass
class EngineOutput:
    """What an engine hands back: the summary plus facts about how it was made."""

    summary: Summary
    model: str
    usage: TokenUsage = field(default_factory=TokenUsage.none)
    attempts: int = 1
    reasks: int = 0
    mode: str | None = None
    prompt_version: str | None = None
    # What the user should know about this summary (e.g. an engine that cannot read the language);
    # the pipeline puts them in the result's metadata and the CLI on stderr.
    notices: list[str] = field(default_factory=list)


class Engine(Protocol):
    """Turns an article into a Summary. Implementations: openai, local, rules."""

    name: str

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        """Summarize one article; raise a summarize.errors.SummarizeError on failure."""
        ...

    def close(self) -> None:
        """Release whatever the engine holds (a server process, a client)."""
        ...
