"""The OpenAI-compatible engine: the summarize and same-fact tasks over a StructuredClient."""

from __future__ import annotations

import time
from collections.abc import Callable

from ..article import Article
from ..config import Settings
from ..llm.client import StructuredClient
from ..llm.transport import Transport
from ..tasks.article_summary import summarize_with
from ..tasks.same_fact import same_fact
from .base import EngineOutput, SummaryCheck


class OpenAIEngine:
    """Summaries from any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp, LM Studio)."""

    name = "openai"

    def __init__(
        self,
        settings: Settings,
        *,
        transport: Transport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.evidence = settings.evidence
        self.client = StructuredClient(settings, transport=transport, sleep=sleep)

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        """Summarize one article through the endpoint."""
        return summarize_with(self.client, article, check=check, evidence=self.evidence)

    def same_fact(self, first: str, second: str) -> bool:
        """Ask the model whether two statements report the same fact (the eval's llm judge)."""
        return same_fact(self.client, first, second)

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()
