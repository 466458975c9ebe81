"""The "summarize an article" task: messages from the prompts, a context check, the strict re-ask hook."""

from __future__ import annotations

from typing import Self

from pydantic import model_validator

from .. import schema
from ..article import Article
from ..engines.base import EngineOutput, SummaryCheck
from ..errors import ArticleTooLongError
from ..llm.types import StructuredModel
from ..prompts import render_messages

# Room left for the model's answer when checking that an article fits the context window.
ANSWER_TOKENS_RESERVE = 1536


def summarize_with(
    model: StructuredModel, article: Article, *, check: SummaryCheck | None = None
) -> EngineOutput:
    """Summarize ``article`` with ``model``; ``check`` (strict grounding) may ask for one re-ask."""
    messages = render_messages(article.text)
    response_model = _checked_summary_model(check) if check else schema.Summary
    context = model.context_tokens
    if context:
        estimate = model.estimate_prompt_tokens(messages, response_model)
        budget = context - ANSWER_TOKENS_RESERVE
        if estimate > budget:
            raise ArticleTooLongError(
                f"the article needs about {estimate} prompt tokens, more than the {budget} this model's "
                f"{context}-token context leaves after room for the answer; "
                "shorten it or use a model with a longer context (--context-tokens)",
                tokens_needed=estimate,
                tokens_allowed=budget,
            )
    completion = model.complete(messages, response_model)
    return EngineOutput(
        summary=schema.Summary.model_validate(completion.value.model_dump()),
        model=completion.model,
        usage=completion.usage,
        attempts=completion.attempts,
        reasks=completion.reasks,
        mode=completion.mode,
    )


def _checked_summary_model(check: SummaryCheck) -> type[schema.Summary]:
    """A Summary whose validation asks ``check`` once; its reasons become the client's re-ask."""
    asked = False

    class Summary(schema.Summary):  # same name, so the model sees the same schema and tool name
        __doc__ = schema.Summary.__doc__

        @model_validator(mode="after")
        def _supported_by_article(self) -> Self:
            nonlocal asked
            if asked:  # bounded: one re-ask with reasons, then the caller's grounding decides
                return self
            asked = True
            reasons = check(self)
            if reasons:
                raise ValueError(
                    "Fix these items, which the article does not support: " + " | ".join(reasons)
                )
            return self

    return Summary
