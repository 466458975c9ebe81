"""What a model writes: a summary draft that cites the article, section by section, and its
conversion into the :class:`~summarize.schema.Summary` users get.

Two ways of citing, chosen with ``--evidence``:

- ``ids`` (default): evidence is one to three sentence numbers of the numbered article
  (:class:`~summarize.text.numbered.NumberedArticle`); the pipeline fills in the sentences'
  own text, so evidence is grounded by construction. Analyst quotes and statement texts still
  carry the exact words, with the number of the sentence they come from, and are checked
  against that sentence. A number that names no sentence, or words that are not in the cited
  sentence, are validation errors: the client sends them back to the model (instructor's re-ask).
- ``quotes``: evidence is copied word for word, as in :mod:`summarize.schema`, for comparison.

Both carry the same bounds, which llama.cpp's grammar enforces while the model writes: every
string has a length cap and every list an item cap, so a small model cannot loop inside a
string or a list until its output limit. Field descriptions are prompt text (the prompt lists
them; see ``prompts.describe_fields``). Raw newlines inside strings, which small models write,
are accepted (a safe repair: JSON forbids them only for transport).

A small model asked a section at a time gets ``Choices`` in its JSON Schema where, measured, it
invents: the event is the number of an opening sentence (``EventPick``), quotes and statements
are the article's attributed quotations as constants. Validation does not depend on them.

The numbered article that sentence numbers resolve against is set for the duration of a request
with :func:`citing` (a context variable: pydantic validators cannot take arguments, and
instructor renders its ``context`` into the messages as a template, which an article must never be).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    create_model,
    model_validator,
)

from .config import EvidenceMode
from .schema import ActorKind, StatedBy, StatementKind, Summary, UncertaintyReason
from .text import Attribution
from .text.numbered import NumberedArticle

SECTIONS = ("event", "actors", "stated_motives", "analyst_views", "uncertainties", "statements")
# Item caps per list section when a small model is asked a section at a time: what a short news
# story holds, and a bound on a looping model.
MAX_ITEMS = {"actors": 5, "stated_motives": 3, "analyst_views": 3, "uncertainties": 3, "statements": 4}
# A whole summary in one answer (a capable model): only a bound on a looping model, never on a
# long story's real actors and statements.
WHOLE_MAX_ITEMS = dict.fromkeys(MAX_ITEMS, 25)
# ... and strings and evidence lists too (the small models' string caps are in the item fields).
WHOLE_STRING_LIMIT = 600
WHOLE_MAX_EVIDENCE = 8
_PATTERN_LENGTH = re.compile(r"\{1,\d+\}")
MAX_EVIDENCE = 3

_citing: ContextVar[NumberedArticle | None] = ContextVar("summarize_citing", default=None)


@contextmanager
def citing(numbered: NumberedArticle) -> Iterator[None]:
    """Resolve sentence numbers against ``numbered`` while validating drafts in this block."""
    token = _citing.set(numbered)
    try:
        yield
    finally:
        _citing.reset(token)


class Draft(BaseModel):
    """A part of a draft summary; accepts raw newlines inside JSON strings."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate JSON text; control characters inside strings (raw newlines) are tolerated."""
        try:
            return super().model_validate_json(
                json_data, strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name
            )
        except ValidationError as exc:
            if not all(error["type"] == "json_invalid" for error in exc.errors()):
                raise
            try:
                # Re-encoded, the control characters become escapes; validated as JSON again, so
                # JSON's rules (an enum from its string, strict or not) still apply.
                repaired = json.dumps(json.loads(json_data, strict=False), ensure_ascii=False)
            except ValueError:
                raise exc from None
        return super().model_validate_json(
            repaired, strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name
        )


# -- checks against the numbered article -------------------------------------------------------
def _existing(numbers: list[int]) -> list[int]:
    numbered = _citing.get()
    if numbered is not None:
        wrong = [n for n in numbers if not numbered.has(n)]
        if wrong:
            raise ValueError(
                f"there is no sentence {', '.join(map(str, wrong))}: "
                f"the article's sentences are numbered 1 to {len(numbered)}"
            )
    return list(dict.fromkeys(numbers))  # a repeated number cites nothing more


def _existing_one(number: int) -> int:
    _existing([number])
    return number


def _check_words(words: str, number: int, what: str) -> None:
    numbered = _citing.get()
    if numbered is None or numbered.locate(words, number) is not None:
        return
    elsewhere = numbered.find(words)
    if elsewhere:
        raise ValueError(f"the {what} is in sentence {elsewhere[0]}, not in sentence {number}")
    raise ValueError(
        f"the {what} is not in sentence {number}: copy its words exactly. "
        f"Sentence {number} reads: {numbered.sentence(number)}"
    )


# -- field types --------------------------------------------------------------------------------
def _text(limit: int, description: str) -> Any:
    return Field(min_length=1, max_length=limit, description=description)


def _nullable(limit: int, description: str) -> Any:
    return Field(max_length=limit, description=description)


def _name(limit: int, description: str) -> Any:
    # No brackets, braces or line breaks: a small model otherwise copies the prompt's fence tag
    # or sentence numbers into a name. (No '"' or backslash either: the grammar copies the pattern
    # into the raw JSON string.)
    return Field(pattern=rf'^[^"\\<>\[\]{{}}\n]{{1,{limit}}}$', description=description)


SentenceIds = Annotated[
    list[Annotated[int, Field(ge=1)]],
    AfterValidator(_existing),
    Field(
        min_length=1,
        max_length=MAX_EVIDENCE,
        description=f"The numbers of the 1 to {MAX_EVIDENCE} article sentences that say this, e.g. [3] or [3, 4].",
    ),
]
VerbatimQuotes = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=300)]],
    Field(
        min_length=1,
        max_length=MAX_EVIDENCE,
        description=f"1 to {MAX_EVIDENCE} short quotes copied character for character from the article that "
        "say this. Copy the article's exact words; never paraphrase.",
    ),
]
SentenceId = Annotated[int, Field(ge=1), AfterValidator(_existing_one)]
WORDS_LIMIT = 300
Words = Annotated[str, Field(min_length=1, max_length=WORDS_LIMIT)]


# -- the items, citing by sentence number --------------------------------------------------------
class EventIds(Draft):
    """The main event the article reports."""

    what: Annotated[str, _text(WORDS_LIMIT, "What happened, in one plain sentence.")]
    where: Annotated[str | None, _nullable(60, "The place, as the article names it; null if not stated.")]
    when: Annotated[
        str | None,
        _nullable(40, "The date or time, as the article says it; null if not stated."),
    ]
    evidence: SentenceIds


class ActorIds(Draft):
    """A person, organization, state or armed group that does or says something in the story."""

    name: Annotated[str, _name(60, "The actor's name as the article gives it.")]
    kind: ActorKind = Field(description="person, organization, state, armed_group or other.")
    role: Annotated[str, _text(100, "The actor's role in this story, in a short phrase.")]
    evidence: SentenceIds


class StatedMotiveIds(Draft):
    """A reason the article gives for why an actor acted."""

    actor: Annotated[str, _name(60, "Whose motive this is: the actor's name.")]
    motive: Annotated[str, _text(160, "The motive, in one short sentence.")]
    stated_by: StatedBy = Field(
        description="Who states the motive in the article: 'actor' (the actor itself), 'analyst', or "
        "'reporter' (the article's own voice)."
    )
    evidence: SentenceIds


class AnalystViewIds(Draft):
    """What a named expert or analyst quoted in the article thinks."""

    analyst: Annotated[str, _name(60, "The analyst's name as the article gives it.")]
    affiliation: Annotated[
        str | None, _nullable(80, "The analyst's institution or title as the article gives it; null if none.")
    ]
    view: Annotated[str, _text(WORDS_LIMIT, "The analyst's view in one sentence.")]
    sentence: SentenceId = Field(description="The number of the sentence that holds the analyst's words.")
    quote: Words = Field(
        description="The analyst's own words, copied exactly from that sentence. Only words the article "
        "attributes to this analyst."
    )

    @model_validator(mode="after")
    def _quote_in_sentence(self) -> Self:
        _check_words(self.quote, self.sentence, "quote")
        return self


class UncertaintyIds(Draft):
    """A claim the article reports without confirming it."""

    claim: Annotated[str, _text(200, "The uncertain claim, in one sentence.")]
    reason: UncertaintyReason = Field(
        description="Why it is uncertain: unnamed_source, unconfirmed_report, disputed, speculative "
        "or conflicting_accounts."
    )
    attributed_to: Annotated[
        str | None,
        _nullable(
            60,
            "Who the claim is attributed to, as the article says (e.g. 'a Syrian source'); null if no one.",
        ),
    ]
    evidence: SentenceIds


class StatementIds(Draft):
    """Something a named person or body in the story said, in the article's own words."""

    speaker: Annotated[
        str,
        _name(60, "Who said it: the person's or body's name as the article gives it. Not an unnamed source."),
    ]
    role: Annotated[
        str | None, _nullable(80, "The speaker's role or affiliation as the article gives it; null if none.")
    ]
    kind: StatementKind = Field(
        description="direct: words inside quotation marks; reported: indirect speech ('X said that ...')."
    )
    sentence: SentenceId = Field(description="The number of the sentence that holds the words.")
    text: Words = Field(
        description="The words, copied exactly from that sentence: the words inside the quotation marks "
        "for a direct statement, the reported clause for indirect speech."
    )

    @model_validator(mode="after")
    def _text_in_sentence(self) -> Self:
        _check_words(self.text, self.sentence, "text")
        return self


class EventPick(Draft):
    """The main event the article reports, as the number of the opening sentence that says it."""

    sentence: SentenceId = Field(
        description="The number of the opening sentence that best says what happened (the headline or the lede)."
    )


# -- the same items, copying quotes (--evidence quotes) --------------------------------------------
class EventQuotes(EventIds):
    """The main event the article reports."""

    evidence: VerbatimQuotes  # type: ignore[assignment]


class ActorQuotes(ActorIds):
    """A person, organization, state or armed group that does or says something in the story."""

    evidence: VerbatimQuotes  # type: ignore[assignment]


class StatedMotiveQuotes(StatedMotiveIds):
    """A reason the article gives for why an actor acted."""

    evidence: VerbatimQuotes  # type: ignore[assignment]


class UncertaintyQuotes(UncertaintyIds):
    """A claim the article reports without confirming it."""

    evidence: VerbatimQuotes  # type: ignore[assignment]


class AnalystViewQuotes(Draft):
    """What a named expert or analyst quoted in the article thinks."""

    analyst: Annotated[str, _name(60, "The analyst's name as the article gives it.")]
    affiliation: Annotated[
        str | None, _nullable(80, "The analyst's institution or title as the article gives it; null if none.")
    ]
    view: Annotated[str, _text(WORDS_LIMIT, "The analyst's view in one sentence.")]
    quote: Words = Field(
        description="The analyst's own words, copied character for character from the article. Only words "
        "the article attributes to this analyst."
    )


class StatementQuotes(Draft):
    """Something a named person or body in the story said, in the article's own words."""

    speaker: Annotated[
        str,
        _name(60, "Who said it: the person's or body's name as the article gives it. Not an unnamed source."),
    ]
    role: Annotated[
        str | None, _nullable(80, "The speaker's role or affiliation as the article gives it; null if none.")
    ]
    kind: StatementKind = Field(
        description="direct: words inside quotation marks; reported: indirect speech ('X said that ...')."
    )
    text: Words = Field(
        description="The words, copied character for character from the article: the words inside the "
        "quotation marks for a direct statement, the reported clause for indirect speech."
    )


# How many opening sentences a small model may choose the event from.
LEAD_SENTENCES = 3
# llama-cpp-python 0.3 escapes a '"' inside a const wrongly, and its grammar parser then crashes
# the server (segfault): text holding one is never offered as a choice.
_GRAMMAR_UNSAFE = frozenset('"\\')
# The field of each section that carries the article's own words, and who spoke them.
_WORDS_FIELD = {"analyst_views": "quote", "statements": "text"}
_SPEAKER_FIELD = {"analyst_views": "analyst", "statements": "speaker"}
_TITLE_FIELD = {"analyst_views": "affiliation", "statements": "role"}


@dataclass(frozen=True)
class Quotation:
    """Words the article quotes or reports, the number of their sentence, and who the article
    says spoke them (the text layer's attribution)."""

    sentence: int
    words: str
    speaker: str | None = None
    title: str | None = None
    direct: bool = True


_ITEMS: dict[EvidenceMode, dict[str, type[Draft]]] = {
    "ids": {
        "event": EventIds,
        "actors": ActorIds,
        "stated_motives": StatedMotiveIds,
        "analyst_views": AnalystViewIds,
        "uncertainties": UncertaintyIds,
        "statements": StatementIds,
    },
    "quotes": {
        "event": EventQuotes,
        "actors": ActorQuotes,
        "stated_motives": StatedMotiveQuotes,
        "analyst_views": AnalystViewQuotes,
        "uncertainties": UncertaintyQuotes,
        "statements": StatementQuotes,
    },
}


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """A model's JSON Schema with its $defs references replaced by the definitions themselves."""
    definitions = schema.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            merged = {**definitions[ref.rsplit("/", 1)[1]], **node} if ref else node
            return {key: inline(value) for key, value in merged.items() if key not in ("$ref", "$defs")}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return inline(schema)  # type: ignore[no-any-return]


# Free text under a grammar: no quote mark, backslash, bracket, brace or line break, so a small
# model cannot close the string early or spill the prompt's markup into it. Only in the JSON Schema
# sent with choices (validation keeps the plain limits: '"' is fine in a decoded string).
_PLAIN_CHARS = r'[^"\\<>\[\]{}\n]'


def _plain(spec: dict[str, Any]) -> dict[str, Any]:
    """A string property's JSON Schema as a pattern a grammar can enforce."""
    if spec.get("type") == "string" and "maxLength" in spec:
        limits = f"{{{spec.get('minLength', 0)},{spec['maxLength']}}}"
        spec = {k: v for k, v in spec.items() if k not in ("minLength", "maxLength")}
        spec.setdefault("pattern", f"^{_PLAIN_CHARS}{limits}$")
    elif "anyOf" in spec:
        spec = {**spec, "anyOf": [_plain(option) for option in spec["anyOf"]]}
    return spec


def _const(value: Any, base: dict[str, Any]) -> dict[str, Any]:
    return {"const": value, "description": base.get("description")}


def _alternatives(description: str | None, choices: list[dict[str, Any]]) -> dict[str, Any]:
    objects = [
        {"type": "object", "properties": p, "required": list(p), "additionalProperties": False}
        for p in choices
    ]
    return {"description": description, "anyOf": objects}


def _small_item(item: type[Draft], section: str, choices: Choices) -> Any:
    """``item`` as the JSON Schema a small model gets under a grammar (validation unchanged).

    Free text is plain (``_plain``). A quote or statement is one of the article's quotations: its
    words, sentence number, speaker, the speaker's title and direct/reported are constants, so the
    model picks a quotation and cannot misquote it, cite the wrong sentence or give it to someone
    else; an analyst's view is that quotation.
    """
    base = _inlined(item.model_json_schema())
    fields = {name: _plain(spec) for name, spec in base["properties"].items()}
    words = _WORDS_FIELD.get(section)
    if words and choices.quotations:
        speaker, title = _SPEAKER_FIELD[section], _TITLE_FIELD[section]
        options = []
        for quotation in choices.quotations:
            option = {
                words: _const(quotation.words, fields[words]),
                "sentence": _const(quotation.sentence, fields["sentence"]),
                speaker: _const(quotation.speaker, fields[speaker]) if quotation.speaker else fields[speaker],
                title: _const(quotation.title, fields[title]),
            }
            if "kind" in fields:
                option["kind"] = _const("direct" if quotation.direct else "reported", fields["kind"])
            if "view" in fields:  # the analyst's view in their own words (measured: free views were invented)
                option["view"] = _const(quotation.words, fields["view"])
            options.append({**option, **{k: v for k, v in fields.items() if k not in option}})
        return Annotated[item, WithJsonSchema(_alternatives(base.get("description"), options))]
    return Annotated[item, WithJsonSchema({**base, "properties": fields})]


@dataclass(frozen=True)
class Choices:
    """What a small model may pick from instead of writing (ids only; see section_model)."""

    quotations: tuple[Quotation, ...] = ()  # the article's attributed quotations
    leads: tuple[int, ...] = ()  # the numbers of the opening sentences: the event is one of them


def _build(
    name: str,
    evidence: EvidenceMode,
    sections: tuple[str, ...],
    doc: str,
    choices: Choices | None,
    caps: dict[str, int],
) -> type[Draft]:
    fields: dict[str, Any] = {}
    for section in sections:
        item: Any = _ITEMS[evidence][section]
        if choices is not None and evidence == "ids":
            if section == "event" and choices.leads:
                # Measured: the 135M model's own event sentences and places and dates were invented;
                # it picks one of the opening sentences by number, which becomes the event and its evidence.
                pick = {**_inlined(EventPick.model_json_schema())}
                pick["properties"]["sentence"]["enum"] = list(choices.leads)
                item = Annotated[EventPick, WithJsonSchema(pick)]
            else:
                item = _small_item(item, section, choices)
        elif caps is WHOLE_MAX_ITEMS:
            item = _loosened(item)
        description = Summary.model_fields[section].description
        if section == "event":
            fields[section] = (item, Field(description=description))
        else:
            fields[section] = (list[item], Field(max_length=caps[section], description=description))
    model: type[Draft] = create_model(name, __base__=Draft, __doc__=doc, **fields)
    return model


@functools.cache
def _loosened(item: type[Draft]) -> type[Draft]:
    """``item`` for a capable model's whole summary: its strings and evidence lists bounded only
    against a looping model. Measured: hand-written reference summaries hold roles of 120
    characters and speakers' roles of 90, over the small models' caps."""
    fields: dict[str, Any] = {}
    for name, info in item.model_fields.items():
        metadata = [_loosened_constraint(constraint) for constraint in info.metadata]
        if metadata != info.metadata:
            loosened = copy.copy(info)
            loosened.metadata = metadata
            fields[name] = (info.annotation, loosened)
    if not fields:
        return item
    model: type[Draft] = create_model(item.__name__, __base__=item, __doc__=item.__doc__, **fields)
    return model


def _loosened_constraint(constraint: Any) -> Any:
    if type(constraint).__name__ == "MaxLen":  # annotated_types, as pydantic stores max_length
        limit = WHOLE_MAX_EVIDENCE if constraint.max_length == MAX_EVIDENCE else WHOLE_STRING_LIMIT
        return dataclasses.replace(constraint, max_length=limit)
    pattern = getattr(constraint, "pattern", None)
    if isinstance(pattern, str) and _PATTERN_LENGTH.search(pattern):
        loosened = copy.copy(constraint)
        loosened.pattern = _PATTERN_LENGTH.sub(f"{{1,{WHOLE_STRING_LIMIT}}}", pattern)
        return loosened
    return constraint


def section_model(evidence: EvidenceMode, section: str, choices: Choices | None = None) -> type[Draft]:
    """The response model for one section: ``{"<section>": ...}``.

    ``choices`` (with sentence numbers only): the JSON Schema lets a quote or statement text be
    only one of the article's quotations, with its own sentence number, and the event only one of
    the opening sentences, with itself as evidence; under a grammar (llama.cpp) a small model
    picks what it cannot write. Validation is the same either way.
    """
    name = "".join(part.title() for part in section.split("_"))
    doc = f"The {section.replace('_', ' ')} of a structured summary of one news article."
    return _build(name, evidence, (section,), doc, choices, MAX_ITEMS)


def summary_model(evidence: EvidenceMode, choices: Choices | None = None) -> type[Draft]:
    """The response model for a whole summary in one answer (``choices`` as in section_model)."""
    return _build("Summary", evidence, SECTIONS, Summary.__doc__ or "", choices, WHOLE_MAX_ITEMS)


def item_limits(model: type[BaseModel]) -> dict[str, int]:
    """The most items each list section of ``model`` takes (what the prompt tells the model)."""
    limits: dict[str, int] = {}
    for section, info in model.model_fields.items():
        caps = [m.max_length for m in info.metadata if getattr(m, "max_length", None) is not None]
        if caps:
            limits[section] = caps[0]
    return limits


def choices_for(numbered: NumberedArticle, attributions: list[Attribution]) -> Choices:
    """The article's attributed quotations in the shown sentences, and its opening sentences."""
    found: dict[tuple[int, str], Quotation] = {}
    for attribution in attributions:
        number = next(
            (n for n, span in enumerate(numbered.sentences, 1) if span.contains(attribution.span)), None
        )
        words = " ".join(attribution.quote.split())
        if number is None or not 0 < len(words) <= WORDS_LIMIT or _GRAMMAR_UNSAFE & set(words):
            continue
        title = attribution.affiliation or attribution.title
        found.setdefault(
            (number, words),
            Quotation(
                number,
                words,
                _safe(attribution.speaker, 60),
                _safe(title, 80),
                attribution.direct,
            ),
        )
    leads = tuple(range(1, min(len(numbered), LEAD_SENTENCES) + 1))
    return Choices(tuple(found.values()), leads)


def _safe(text: str | None, limit: int) -> str | None:
    """``text`` when it can be a grammar constant within ``limit`` characters, else None."""
    if not text or len(text) > limit or _GRAMMAR_UNSAFE & set(text) or "\n" in text:
        return None
    return text


# -- conversion into the Summary users get ----------------------------------------------------------
def _or_none(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def _words(numbered: NumberedArticle, words: str, number: int) -> str:
    span = numbered.locate(words, number)
    return span.of(numbered.text) if span is not None else words


def _item(section: str, draft: Draft, numbered: NumberedArticle | None) -> dict[str, Any]:
    """One item as the public schema has it: sentence numbers replaced by the sentences' text."""
    data = draft.model_dump(mode="json")
    nullable = ("where", "when", "affiliation", "attributed_to") + (
        ("role",) if section == "statements" else ()
    )
    for name in nullable:
        if name in data:
            data[name] = _or_none(data[name])
    if numbered is None:
        return data
    if "evidence" in data:
        data["evidence"] = [numbered.sentence(n) for n in data["evidence"]]
    number = data.pop("sentence", None)
    if number is not None:
        key = "quote" if section == "analyst_views" else "text"
        data[key] = _words(numbered, data[key], number)
    return data


def to_summary(drafts: dict[str, Any], evidence: EvidenceMode, numbered: NumberedArticle) -> Summary:
    """The public Summary of section drafts (``{section: item or items}``); repeated items are dropped."""
    cited = numbered if evidence == "ids" else None
    values: dict[str, Any] = {}
    for section in SECTIONS:
        value = drafts.get(section)
        if isinstance(value, EventPick):
            text = numbered.sentence(value.sentence)
            values["event"] = {
                "what": " ".join(text.split()),
                "where": None,
                "when": None,
                "evidence": [text],
            }
            continue
        if section == "event":
            values["event"] = _item(section, value, cited) if value is not None else None
            continue
        items: list[dict[str, Any]] = []
        for draft in value or []:
            item = _item(section, draft, cited)
            if item not in items:  # a small model's repetition adds nothing
                items.append(item)
        values[section] = items
    return Summary.model_validate(values)
