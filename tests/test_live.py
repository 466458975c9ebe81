"""Tier 3: a real configured endpoint (OpenAI, Ollama, vLLM, llama.cpp). Never required in CI.

Run with:  OPENAI_BASE_URL=http://localhost:11434/v1 SUMMARIZE_MODEL=llama3.1 pytest -m live
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarize import summarize_article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "qamishli"

pytestmark = pytest.mark.live


@pytest.mark.skipif(
    not (os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL")),
    reason="no endpoint configured (OPENAI_API_KEY or OPENAI_BASE_URL)",
)
def test_configured_endpoint_summarizes_a_corpus_article() -> None:
    article = sorted(CORPUS.glob("*.txt"))[2]
    result = summarize_article(article.read_text(encoding="utf-8"), source=str(article), engine="openai")
    assert result.summary.event.evidence and result.metadata.usage.total_tokens > 0
    assert result.grounding is not None and result.grounding.score > 0.5
