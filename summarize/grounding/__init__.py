"""Source grounding: placeholder until the grounding issue lands (see summarize/grounding/)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class GroundingReport(BaseModel):
    """Item-by-item account of what the article supports."""

    model_config = ConfigDict(extra="forbid")
    score: float
