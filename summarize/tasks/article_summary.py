"""The "summarize an article" task: the requests, a context check, the strict re-ask hook, and the
conversion of what the model wrote into the public Summary.

The model cites evidence by sentence number (``evidence="ids"``, see :mod:`summarize.schema_ids`)
or copies it (``"quotes"``). A model with a small context (a tiny local model) is asked a
section at a time, each with its own small schema: its answers stay short, and llama.cpp
evaluates the shared prefix of the requests (system prompt and article) once. A section other
than the event whose answers fail validation after every re-ask is left empty, with a notice;
the event cannot be left out, so its failure fails the article. Every request goes through the
one seam, ``StructuredModel.complete``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import create_model, model_validator

from ..article import Article
from ..config import EvidenceMode
from ..engines.base import EngineOutput, SummaryCheck
from ..errors import ArticleTooLongError, InvalidOutputError
from ..llm.types import ChatMessage, StructuredModel
from ..prompts import prompt_version, render_messages
from ..schema_ids import SECTIONS, Draft, choices_for, citing, section_model, summary_model, to_summary
from ..text.numbered import NumberedArticle
from ..usage import TokenUsage

# Room left for the model's answer when checking that an article fits the context window.
ANSWER_TOKENS_RESERVE = 1536
# A model whose context is at most this many tokens is asked for one section at a time.
SECTIONAL_CONTEXT_TOKENS = 8192


@dataclass
class _Progress:
    """The drafts answered so far, and what they cost."""

    drafts: dict[str, Any] = field(default_factory=dict)
    usage: TokenUsage = field(default_factory=TokenUsage.none)
    attempts: int = 0  # the most any one request needed (retries after transient failures)
    reasks: int = 0
    model: str = ""
    mode: str | None = None
    notices: list[str] = field(default_factory=list)


def summarize_with(
    model: StructuredModel,
    article: Article,
    *,
    check: SummaryCheck | None = None,
    evidence: EvidenceMode = "ids",
    sectional: bool | None = None,
) -> EngineOutput:
    """Summarize ``article`` with ``model``; ``check`` (strict grounding) may ask for one re-ask per request.

    ``sectional`` None: a section at a time when the model's context is at most
    SECTIONAL_CONTEXT_TOKENS tokens.
    """
    if sectional is None:
        sectional = model.context_tokens is not None and model.context_tokens <= SECTIONAL_CONTEXT_TOKENS
    numbered = NumberedArticle.of(article.analysed)
    # A small model picks quotations and the event's sentence instead of writing them (schema_ids).
    choices = choices_for(numbered, article.analysed.attributions) if sectional else None
    groups = [(section,) for section in SECTIONS] if sectional else [SECTIONS]
    progress = _Progress()
    requests = []
    for sections in groups:
        response_model = (
            section_model(evidence, sections[0], choices) if sectional else summary_model(evidence, choices)
        )
        if check is not None:
            response_model = _checked(response_model, check, sections, progress, evidence, numbered)
        messages = render_messages(article.analysed, evidence=evidence, response_model=response_model)
        _check_context(model, messages, response_model)
        requests.append((sections, messages, response_model))

    with citing(numbered):
        for sections, messages, response_model in requests:
            try:
                completion = model.complete(messages, response_model)
            except InvalidOutputError as exc:
                if not sectional or sections == ("event",):
                    if isinstance(exc.usage, TokenUsage):
                        progress.usage.add(exc.usage)
                    raise
                _leave_out(progress, sections[0], exc)
                continue
            progress.usage.add(completion.usage)
            progress.attempts = max(progress.attempts, completion.attempts)
            progress.reasks += completion.reasks
            progress.model, progress.mode = completion.model, completion.mode
            progress.drafts.update({section: getattr(completion.value, section) for section in sections})
    return EngineOutput(
        summary=to_summary(progress.drafts, evidence, numbered),
        model=progress.model,
        usage=progress.usage,
        attempts=progress.attempts,
        reasks=progress.reasks,
        mode=progress.mode,
        prompt_version=prompt_version(evidence),
        notices=progress.notices,
    )


def _check_context(model: StructuredModel, messages: list[ChatMessage], response_model: type[Draft]) -> None:
    """Refuse, before any request, an article whose prompt leaves no room for the answer."""
    context = model.context_tokens
    if not context:
        return
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


def _leave_out(progress: _Progress, section: str, exc: InvalidOutputError) -> None:
    """A list section the model could not answer validly: empty, said in a notice, its cost counted."""
    if isinstance(exc.usage, TokenUsage):
        progress.usage.add(exc.usage)
    progress.attempts = max(progress.attempts, 1)
    progress.drafts[section] = []
    reason = str(exc).splitlines()[0]
    progress.notices.append(f"{section} left empty: {reason}")


def _checked(
    response_model: type[Draft],
    check: SummaryCheck,
    sections: tuple[str, ...],
    progress: _Progress,
    evidence: EvidenceMode,
    numbered: NumberedArticle,
) -> type[Draft]:
    """``response_model`` whose validation asks ``check`` once about its own sections (the candidate
    checked inside the summary answered so far); the reasons become the client's re-ask."""
    asked = False
    # Asked for one section, the model can fix only that section's items.
    prefixes = tuple(f"{section}[" for section in sections) if len(sections) == 1 else ("",)

    def supported_by_article(candidate: Draft) -> Draft:
        nonlocal asked
        if asked:  # bounded: one re-ask with reasons, then the caller's grounding decides
            return candidate
        asked = True
        drafts = {**progress.drafts, **{section: getattr(candidate, section) for section in sections}}
        reasons = [r for r in check(to_summary(drafts, evidence, numbered)) if r.startswith(prefixes)]
        if reasons:
            raise ValueError("Fix these items, which the article does not support: " + " | ".join(reasons))
        return candidate

    # Same name and description, so the model sees the same schema and the same prompt.
    checked: type[Draft] = create_model(
        response_model.__name__,
        __base__=response_model,
        __doc__=response_model.__doc__,
        __validators__={"supported_by_article": model_validator(mode="after")(supported_by_article)},  # type: ignore[dict-item]
    )
    return checked
