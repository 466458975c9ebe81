"""Token usage: the one type for what a request, an article or a run spent at the endpoint."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TokenUsage(BaseModel):
    """Tokens and HTTP requests spent on one article, summed over every attempt and re-ask."""

    model_config = ConfigDict(extra="forbid")

    prompt_tokens: int = Field(description="Prompt tokens, summed over every request.")
    completion_tokens: int = Field(description="Completion tokens, summed over every request.")
    total_tokens: int = Field(description="prompt_tokens + completion_tokens.")
    requests: int = Field(
        description="Chat requests sent to the endpoint for this article, retries and re-asks included."
    )

    @classmethod
    def none(cls) -> TokenUsage:
        """Nothing spent (the rule-based engine, or before the first request)."""
        return cls(prompt_tokens=0, completion_tokens=0, total_tokens=0, requests=0)

    def add_completion(self, prompt_tokens: int, completion_tokens: int) -> None:
        """Count the tokens one completion reported."""
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        self.total_tokens = self.prompt_tokens + self.completion_tokens

    def add(self, other: TokenUsage) -> None:
        """Count everything ``other`` spent too."""
        self.add_completion(other.prompt_tokens, other.completion_tokens)
        self.requests += other.requests
