"""The types that cross the model seam: chat messages in, a parsed object and its cost out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypedDict, TypeVar

from pydantic import BaseModel

from ..usage import TokenUsage

T = TypeVar("T", bound=BaseModel)


class ChatMessage(TypedDict):
    """One chat message: a role (system, user, assistant) and its text."""

    role: str
    content: str


@dataclass
class Completion(Generic[T]):
    """A parsed answer and how it was obtained."""

    value: T
    model: str
    mode: str
    usage: TokenUsage
    attempts: int = 1  # calls made, counting retries after transient failures
    reasks: int = 0  # re-asks after output that failed validation


class StructuredModel(Protocol):
    """What a task needs from a model: a typed answer to messages, and the size of its context."""

    @property
    def context_tokens(self) -> int | None:
        """The model's context window in tokens, when known."""
        ...

    def estimate_prompt_tokens(self, messages: list[ChatMessage], response_model: type[BaseModel]) -> int:
        """A conservative estimate of the prompt's tokens, schema included where the mode sends it."""
        ...

    def complete(
        self,
        messages: list[ChatMessage],
        response_model: type[T],
        *,
        temperature: float | None = None,
    ) -> Completion[T]:
        """Ask for one ``response_model``; raise a summarize.errors.SummarizeError on failure."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...
