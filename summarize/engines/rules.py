"""The offline rule-based engine: a grounded extractive summary with no model and no network.

Every evidence string and quote is a span of the article, so grounding holds by construction;
it is deterministic, fast, and the baseline every other engine is scored against.
"""

from __future__ import annotations

from ..article import Article
from ..config import Settings
from ..extractive.actors import build_actors
from ..extractive.document import analyse
from ..extractive.event import build_event
from ..extractive.hedges import build_uncertainties
from ..extractive.motives import build_motives
from ..extractive.statements import build_statements
from ..extractive.views import build_views
from ..schema import Summary
from ..text import AnalysedArticle
from ..usage import TokenUsage
from .base import EngineOutput, SummaryCheck

MODEL_NAME = "rules-v1"


def summarize_analysed(article: AnalysedArticle) -> Summary:
    """The rule-based summary of one analysed article."""
    document = analyse(article)
    actors, entities = build_actors(document)
    return Summary(
        event=build_event(document),
        actors=actors,
        stated_motives=build_motives(document, entities),
        analyst_views=build_views(document),
        uncertainties=build_uncertainties(document),
        statements=build_statements(document),
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
        return EngineOutput(
            summary=summarize_analysed(article.analysed),
            model=MODEL_NAME,
            usage=TokenUsage.none(),
            attempts=1,
        )

    def close(self) -> None:
        """Nothing to release."""
