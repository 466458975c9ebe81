"""What a run returns: the summary, how it was made, and what the article supports."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .grounding import GroundingReport
from .page import PageMetadata
from .schema import Summary
from .usage import TokenUsage


class RunMetadata(BaseModel):
    """How a summary was produced."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(
        description="The article's path or URL (credentials redacted), '<stdin>' or '<text>'."
    )
    engine: str = Field(description="The engine that wrote the summary: openai, local or rules.")
    model: str = Field(description="The model name the endpoint used, or the rule set's version.")
    mode: str | None = Field(description="The structured-output mode used with the endpoint, if any.")
    prompt_version: str | None = Field(description="Prompt series and digest of the templates, if prompted.")
    tool_version: str = Field(description="Version of this package.")
    grounding_mode: str = Field(description="off, warn or strict.")
    usage: TokenUsage
    attempts: int = Field(description="Calls made to the engine, including retries after transient failures.")
    reasks: int = Field(description="Re-asks after invalid or unsupported output.")
    seconds: float = Field(description="Wall-clock time for this article.")
    notices: list[str] = Field(
        default_factory=list, description="Things the user should know about this run."
    )
    page: PageMetadata | None = Field(
        default=None, description="Metadata of the web page the article was extracted from; null for text."
    )
    index: int | None = Field(
        default=None,
        description="Position of the article among the run's inputs, from 0 (results of a batch arrive "
        "as they finish); null outside a batch.",
    )
    cached: bool = Field(
        default=False,
        description="True when this result was read from the result cache instead of being summarized again.",
    )


class SummaryResult(BaseModel):
    """A summary of one article with its run metadata and grounding report."""

    model_config = ConfigDict(extra="forbid")

    summary: Summary
    metadata: RunMetadata
    grounding: GroundingReport | None = Field(
        default=None, description="Item-by-item grounding against the article; null when grounding is off."
    )
    # The article text every span points into: kept with the result in memory (the review page
    # highlights it), never serialized.
    _article_text: str | None = PrivateAttr(default=None)

    @property
    def article_text(self) -> str | None:
        """The text of the article this result summarizes, when the pipeline made it."""
        return self._article_text

    def with_article_text(self, text: str) -> SummaryResult:
        """This result, remembering its article's text (for renderers that show the article)."""
        self._article_text = text
        return self


__all__ = ["RunMetadata", "SummaryResult", "TokenUsage"]
