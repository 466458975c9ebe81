"""The offline rule-based engine: a grounded extractive summary with no model and no network.

Every evidence string and quote is a span of the article, so grounding holds by construction;
it is deterministic, fast, and the baseline every other engine is scored against.
"""

from __future__ import annotations

from ..article import Article
from ..config import Settings
from ..extractive.actors import build_actors
from ..extractive.document import analyse
from ..extractive.event import build_event, first_sentence_event
from ..extractive.hedges import build_uncertainties
from ..extractive.motives import build_motives
from ..extractive.statements import build_statements
from ..extractive.views import build_views
from ..grounding.policy import Grounder
from ..schema import Summary
from ..text import AnalysedArticle
from ..usage import TokenUsage
from .base import EngineOutput, SummaryCheck

MODEL_NAME = "rules-v1"


def summarize_analysed(article: AnalysedArticle) -> Summary:
    """The rule-based summary of one analysed article (an event only when it is not English)."""
    document = analyse(article)
    if not article.language.is_english:
        # The rules read English: what is safe in any language is the lede, quoted as the event.
        return Summary(
            event=first_sentence_event(document),
            actors=[],
            stated_motives=[],
            analyst_views=[],
            uncertainties=[],
        )
    actors, entities = build_actors(document)
    return Summary(
        event=build_event(document),
        actors=actors,
        stated_motives=build_motives(document, entities),
        analyst_views=build_views(document),
        uncertainties=build_uncertainties(document),
        statements=build_statements(document),
    )


def language_notice(article: AnalysedArticle) -> str | None:
    """The notice for an article the rules cannot read, else None."""
    language = article.language
    if language.is_english:
        return None
    return (
        f"this article looks like {language.name}; the rule-based engine reads English only, so the summary "
        "gives just the event (the article's first sentence): use an LLM engine for a full summary"
    )


def summarize_text(text: str) -> Summary:
    """The rule-based summary of one article text."""
    return summarize_analysed(AnalysedArticle(text))


class RulesEngine:
    """Extractive summaries from rules over the article text; ignores model settings."""

    name = "rules"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        """Summarize one article; ``check`` is not consulted, as re-asking rules changes nothing."""
        notice = language_notice(article.analysed)
        # Grounded by construction, and checked: an item the claim checker cannot confirm in the
        # article is withheld (the checker is the article's grounding authority, shared per article).
        summary, _, _ = article.analysed.layer(Grounder).prune(summarize_analysed(article.analysed))
        return EngineOutput(
            summary=summary,
            model=MODEL_NAME,
            usage=TokenUsage.none(),
            attempts=1,
            notices=[notice] if notice else [],
        )

    def close(self) -> None:
        """Nothing to release."""
