"""The typed summary a language model fills in: every field description is prompt text.

instructor copies these docstrings and ``Field(description=...)`` strings into the JSON
Schema the model sees, so they are written for the model, and a change here shows up
in the exported ``schemas/*.schema.json`` snapshot.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

EVIDENCE_DESCRIPTION = (
    "One or more short quotes copied character for character from the article that "
    "support this item. Copy the article's exact words; never paraphrase."
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorKind(StrEnum):
    """What sort of actor this is."""

    person = "person"
    organization = "organization"
    state = "state"
    armed_group = "armed_group"
    other = "other"


class StatedBy(StrEnum):
    """Who, in the article, states a motive."""

    actor = "actor"
    analyst = "analyst"
    source = "source"
    reporter = "reporter"


class StatementKind(StrEnum):
    """Whether the article quotes the words or reports them."""

    direct = "direct"
    reported = "reported"


class UncertaintyReason(StrEnum):
    """Why a claim in the article is uncertain."""

    unnamed_source = "unnamed_source"
    unconfirmed_report = "unconfirmed_report"
    disputed = "disputed"
    speculative = "speculative"
    conflicting_accounts = "conflicting_accounts"


class Event(_Strict):
    """The main event the article reports."""

    what: str = Field(description="What happened, in one plain sentence.")
    where: str | None = Field(
        default=None, description="Where it happened, as the article names the place; null if not stated."
    )
    when: str | None = Field(
        default=None,
        description="When it happened, exactly as the article states it (e.g. 'this week', '26 January'); "
        "null if not stated.",
    )
    evidence: list[str] = Field(min_length=1, description=EVIDENCE_DESCRIPTION)


class Actor(_Strict):
    """A person, organization, state or armed group that does or says something in the story."""

    name: str = Field(description="The actor's name as the article gives it.")
    kind: ActorKind = Field(description="person, organization, state, armed_group or other.")
    role: str = Field(description="The actor's role in this story, in a short phrase.")
    evidence: list[str] = Field(min_length=1, description=EVIDENCE_DESCRIPTION)


class StatedMotive(_Strict):
    """A reason the article gives for why an actor acted."""

    actor: str = Field(description="Whose motive this is: the actor's name.")
    motive: str = Field(description="The motive, in one short sentence.")
    stated_by: StatedBy = Field(
        description="Who states the motive in the article: 'actor' (the actor itself or its spokesperson), "
        "'analyst' (an outside expert), 'source' (anyone else the article cites: an official of another "
        "party, a witness, another outlet, an unnamed source), or 'reporter' (the article's own voice)."
    )
    evidence: list[str] = Field(min_length=1, description=EVIDENCE_DESCRIPTION)


class AnalystView(_Strict):
    """What a named expert or analyst quoted in the article thinks."""

    analyst: str = Field(description="The analyst's name as the article gives it.")
    affiliation: str | None = Field(
        default=None, description="The analyst's institution or title as the article gives it; null if none."
    )
    view: str = Field(description="The analyst's view in one sentence.")
    quote: str = Field(
        description="The analyst's own words, copied character for character from the article. "
        "Only words the article attributes to this analyst."
    )


class Statement(_Strict):
    """Something a named person or body in the story said, in the article's own words."""

    speaker: str = Field(
        description="Who said it: the person's or body's name as the article gives it (e.g. 'Dmitry Peskov', "
        "'the defence ministry', 'Reuters'). Not an unnamed source."
    )
    role: str | None = Field(
        default=None,
        description="The speaker's role or affiliation as the article gives it (e.g. 'the Kremlin spokesman'); "
        "null if the article gives none.",
    )
    kind: StatementKind = Field(
        description="direct: words inside quotation marks; reported: indirect speech ('X said that ...')."
    )
    text: str = Field(
        description="The words, copied character for character from the article: the words inside the "
        "quotation marks for a direct statement, the reported clause for indirect speech."
    )


class Uncertainty(_Strict):
    """A claim the article reports without confirming it."""

    claim: str = Field(description="The uncertain claim, in one sentence.")
    reason: UncertaintyReason = Field(
        description="Why it is uncertain: unnamed_source, unconfirmed_report, disputed, speculative "
        "or conflicting_accounts."
    )
    attributed_to: str | None = Field(
        default=None,
        description="Who the claim is attributed to, as the article says (e.g. 'a Syrian source'); "
        "null if no one.",
    )
    evidence: list[str] = Field(min_length=1, description=EVIDENCE_DESCRIPTION)


class Summary(_Strict):
    """A structured summary of one news article. Use only what the article says."""

    event: Event = Field(description="The main event.")
    actors: list[Actor] = Field(description="The actors who do or say something in the story.")
    stated_motives: list[StatedMotive] = Field(
        description="Motives the article states for the actors' actions; empty if none."
    )
    analyst_views: list[AnalystView] = Field(
        description="Views of named analysts or experts quoted in the article; empty if none."
    )
    uncertainties: list[Uncertainty] = Field(
        description="Claims from unnamed sources, unconfirmed reports, disputes and speculation; empty if none."
    )
    statements: list[Statement] = Field(
        default_factory=list,
        description="Who said what: every statement by a named person or body (officials, spokespeople, "
        "actors, analysts, outlets); empty if none.",
    )
