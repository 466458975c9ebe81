"""The "claim verdict" task: does a passage of the article support one claim? (``--judge llm``).

The checker finds the passage (the claim's evidence window) with its own rules; the model only
judges the pair, so its verdict always names the article's own words as evidence.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ..llm.types import ChatMessage, StructuredModel
from ..prompts import render_statement_messages


class ModelVerdict(StrEnum):
    """What the passage does for the claim."""

    supported = "supported"
    partially_supported = "partially_supported"
    unsupported = "unsupported"
    contradicted = "contradicted"


class ClaimJudgement(BaseModel):
    """A model's verdict on one claim against one passage."""

    model_config = ConfigDict(extra="forbid")

    verdict: ModelVerdict = Field(
        description="supported, partially_supported, unsupported or contradicted, judged by the passage only."
    )
    reason: str = Field(
        description="One short sentence naming what the passage says that differs, or agrees."
    )


def claim_verdict_messages(claim: str, evidence: str) -> list[ChatMessage]:
    """The chat messages that ask whether ``evidence`` supports ``claim``."""
    return render_statement_messages("claim_verdict", claim=claim, evidence=evidence)


def judge_claim(model: StructuredModel, claim: str, evidence: str) -> ClaimJudgement:
    """Ask ``model`` for a verdict on ``claim`` against ``evidence``."""
    return model.complete(claim_verdict_messages(claim, evidence), ClaimJudgement, temperature=0.0).value
