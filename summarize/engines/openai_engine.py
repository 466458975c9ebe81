"""The OpenAI-compatible engine: the summarize, same-fact and claim-verdict tasks over a StructuredClient."""

from __future__ import annotations

import time
from collections.abc import Callable

from ..article import Article
from ..config import Settings
from ..llm.client import StructuredClient
from ..llm.pacing import RequestGate
from ..llm.transport import Transport
from ..tasks.article_summary import summarize_with
from ..tasks.claim_verdict import ClaimJudgement, judge_claim
from ..tasks.same_fact import same_fact
from .base import EngineOutput, SummaryCheck


class OpenAIEngine:
    """Summaries from any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp, LM Studio)."""

    name = "openai"
    # Requests are I/O: a batch runs one engine (one client, its own connections) per worker.
    runs_concurrently = True

    def __init__(
        self,
        settings: Settings,
        *,
        transport: Transport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        gate: RequestGate | None = None,
    ) -> None:
        self.evidence = settings.evidence
        self.client = StructuredClient(settings, transport=transport, sleep=sleep, gate=gate)

    def resolved_model(self) -> str:
        """The model the endpoint serves for these settings (asks /v1/models once when none is named)."""
        return self.client.resolve_endpoint()[0]

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        """Summarize one article through the endpoint."""
        return summarize_with(self.client, article, check=check, evidence=self.evidence)

    def same_fact(self, first: str, second: str) -> bool:
        """Ask the model whether two statements report the same fact (the eval's llm judge)."""
        return same_fact(self.client, first, second)

    def judge_claim(self, claim: str, evidence: str) -> ClaimJudgement:
        """Ask the model whether ``evidence`` supports ``claim`` (the checker's llm judge)."""
        return judge_claim(self.client, claim, evidence)

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()
