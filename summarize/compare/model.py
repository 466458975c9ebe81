"""What ``summarize compare`` returns: each outlet's summary, and the facts, speakers, unnamed
sources and claims of one outlet, every value a span of its own outlet's article.

Field descriptions are written for a reader and for a model proposing alignments alike.
"""

from __future__ import annotations

from enum import Enum, StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ..result import SummaryResult
from ..text.spans import Span


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FactKind(Enum):
    """What sort of value a fact has (a plain Enum: "count" would shadow ``str.count``)."""

    number = "number"
    money = "money"
    count = "count"
    age = "age"
    duration = "duration"
    date = "date"
    place = "place"
    actor_action = "actor_action"
    cause = "cause"
    role = "role"


class FactStatus(StrEnum):
    """How the outlets' values for one fact relate."""

    agree = "agree"  # two or more outlets, values that can all be true
    conflict = "conflict"  # two or more outlets, values that cannot all be true
    only = "only"  # one outlet alone gives the fact


class Outlet(_Strict):
    """One article of the comparison, named after its outlet, with its summary."""

    name: str = Field(description="The outlet: the page's site name, else the file stem.")
    source: str = Field(description="Where the article was read from (path, URL or '<stdin>').")
    date: str | None = Field(
        default=None, description="The article's own date (YYYY-MM-DD) when it gives one."
    )
    result: SummaryResult = Field(description="The outlet's summary, exactly as `summarize` gives it.")


class FactValue(_Strict):
    """What one outlet gives for a fact, located in that outlet's article."""

    outlet: str = Field(description="The outlet's name.")
    text: str = Field(description="The value, copied from the article: exactly article[span.start:span.end].")
    span: Span = Field(description="Where the value is in the outlet's article (Python string offsets).")
    normalized: str = Field(
        description="The value after normalization ('14 days', '9 September 2025', '7,000 people')."
    )
    sentence: Span = Field(description="The sentence the value comes from, as evidence.")
    group: int = Field(
        description="Values with the same group agree; a conflict's values fall in two or more groups."
    )
    hedged: bool = Field(
        default=False, description="The article does not assert it ('likely', 'may', 'reportedly')."
    )


class Fact(_Strict):
    """One fact the outlets report, with each outlet's value and whether they agree."""

    kind: FactKind
    about: str = Field(description="What the fact is, in words taken from the articles.")
    status: FactStatus
    values: list[FactValue] = Field(min_length=1)


class Quote(_Strict):
    """What one outlet reports a speaker as saying."""

    outlet: str
    text: str = Field(description="The words, exactly article[span.start:span.end].")
    span: Span
    direct: bool = Field(description="True for words inside quotation marks, False for reported speech.")


class SpeakerMatch(StrEnum):
    """Whether the outlets carry the same statement."""

    same = "same"
    different = "different"


class Speaker(_Strict):
    """A person or body quoted by two or more outlets."""

    speaker: str = Field(description="The fullest form of the name the outlets give.")
    quotes: list[Quote] = Field(min_length=2)
    match: SpeakerMatch


class SourceMention(_Strict):
    """An unnamed or merely described source in one outlet ('a police source', 'analysts said')."""

    outlet: str
    text: str = Field(description="The words naming the source, exactly article[span.start:span.end].")
    span: Span


class MergedActor(_Strict):
    """An actor named by several outlets, merged by the one name identity."""

    name: str = Field(description="The fullest form of the name.")
    outlets: dict[str, list[str]] = Field(description="Outlet -> the forms of the name it uses.")


class Failure(_Strict):
    """An input that could not be read; the other articles are compared without it."""

    source: str
    message: str
    exit_code: int


class Overlap(_Strict):
    """How much the articles have in common."""

    related: bool = Field(
        description="False when the articles share little or nothing: likely unrelated events."
    )
    shared_facts: int = Field(description="Facts given by two or more outlets.")
    note: str | None = Field(default=None, description="What a reader should know about the overlap.")
    unrelated: list[str] = Field(default_factory=list, description="Outlets sharing nothing with the others.")


class ComparisonMetadata(_Strict):
    """How the comparison was made."""

    engine: str
    tool_version: str
    seconds: float


class Comparison(_Strict):
    """Several outlets' articles on one event, compared fact by fact."""

    outlets: list[Outlet]
    overlap: Overlap
    facts: list[Fact] = Field(
        description="Facts reported by two or more outlets (agree, conflict) and notable ones only one gives."
    )
    speakers: list[Speaker] = Field(description="Speakers quoted by two or more outlets.")
    unnamed_sources: list[SourceMention] = Field(description="Unnamed or described sources, per outlet.")
    actors: list[MergedActor] = Field(description="Actors named by two or more outlets.")
    failures: list[Failure] = Field(default_factory=list, description="Inputs that could not be read.")
    metadata: ComparisonMetadata
