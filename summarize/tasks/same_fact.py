"""The "same fact" task: do two statements report the same fact? (the eval's llm judge)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..llm.types import ChatMessage, StructuredModel
from ..prompts import render_statement_messages


class SameFact(BaseModel):
    """Whether two statements report the same fact."""

    model_config = ConfigDict(extra="forbid")

    same: bool = Field(description="true when both statements report the same fact, false otherwise.")


def same_fact_messages(first: str, second: str) -> list[ChatMessage]:
    """The chat messages that ask whether ``first`` and ``second`` state the same fact."""
    return render_statement_messages("same_fact", first=first, second=second)


def same_fact(model: StructuredModel, first: str, second: str) -> bool:
    """Ask ``model`` whether two statements report the same fact."""
    return model.complete(same_fact_messages(first, second), SameFact, temperature=0.0).value.same
