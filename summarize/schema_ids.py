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

The numbered article that sentence numbers resolve against is set for the duration of a request
with :func:`citing` (a context variable: pydantic validators cannot take arguments, and
instructor renders its ``context`` into the messages as a template, which an article must never be).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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
# Item caps per list section: what a short news story holds, and a bound on a looping model.
MAX_ITEMS = {"actors": 5, "stated_motives": 3, "analyst_views": 3, "uncertainties": 3, "statements": 4}
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
                data = json.loads(json_data, strict=False)
            except ValueError:
                raise exc from None
        return cls.model_validate(data, strict=strict, context=context, by_alias=by_alias, by_name=by_name)


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

    what: Annotated[str, _text(200, "What happened, in one plain sentence of at most 25 words.")]
    where: Annotated[
        str | None, _nullable(60, "Where it happened, as the article names the place; null if not stated.")
    ]
    when: Annotated[
        str | None,
        _nullable(
            40,
            "When it happened, as the article says it (e.g. 'this week', '26 January'); null if not stated.",
        ),
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
    view: Annotated[str, _text(200, "The analyst's view in one sentence.")]
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
    view: Annotated[str, _text(200, "The analyst's view in one sentence.")]
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


# Words the article quotes or reports, and the number of the sentence that holds them.
Quotation = tuple[int, str]
_GRAMMAR_UNSAFE = frozenset('"\\')
# The field of each section that carries the article's own words.
_WORDS_FIELD = {"analyst_views": "quote", "statements": "text"}
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


def _with_choices(item: type[Draft], words_field: str, choices: tuple[Quotation, ...]) -> Any:
    """``item`` as a JSON Schema that allows only the article's quotations, each with its sentence.

    One alternative per quotation, the words first and then their sentence number, both
    constants: under a grammar (llama.cpp) a model picks words the article holds and cannot
    cite the wrong sentence for them. Validation is unchanged (the words must be in the cited sentence).
    """
    base = _inlined(item.model_json_schema())
    rest = {name: spec for name, spec in base["properties"].items() if name not in (words_field, "sentence")}
    alternatives = []
    for number, words in choices:
        properties = {
            words_field: {"const": words, "description": base["properties"][words_field].get("description")},
            "sentence": {"const": number, "description": base["properties"]["sentence"].get("description")},
            **rest,
        }
        alternatives.append(
            {
                "type": "object",
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            }
        )
    return Annotated[item, WithJsonSchema({"description": base.get("description"), "anyOf": alternatives})]


def _build(
    name: str, evidence: EvidenceMode, sections: tuple[str, ...], doc: str, quotations: tuple[Quotation, ...]
) -> type[Draft]:
    fields: dict[str, Any] = {}
    for section in sections:
        item: Any = _ITEMS[evidence][section]
        words_field = _WORDS_FIELD.get(section)
        if quotations and words_field and evidence == "ids":
            item = _with_choices(item, words_field, quotations)
        description = Summary.model_fields[section].description
        if section == "event":
            fields[section] = (item, Field(description=description))
        else:
            fields[section] = (list[item], Field(max_length=MAX_ITEMS[section], description=description))
    model: type[Draft] = create_model(name, __base__=Draft, __doc__=doc, **fields)
    return model


def section_model(
    evidence: EvidenceMode, section: str, quotations: tuple[Quotation, ...] = ()
) -> type[Draft]:
    """The response model for one section: ``{"<section>": ...}``.

    ``quotations``: the article's quoted and reported words with their sentence numbers; where
    given (with sentence numbers), analyst quotes and statement texts must be one of them in the
    JSON Schema, so a grammar (llama.cpp) lets the model write only those.
    """
    name = "".join(part.title() for part in section.split("_"))
    doc = f"The {section.replace('_', ' ')} of a structured summary of one news article."
    return _build(name, evidence, (section,), doc, quotations)


def summary_model(evidence: EvidenceMode, quotations: tuple[Quotation, ...] = ()) -> type[Draft]:
    """The response model for a whole summary in one answer (``quotations`` as in section_model)."""
    return _build("Summary", evidence, SECTIONS, Summary.__doc__ or "", quotations)


def quotations_of(numbered: NumberedArticle, attributions: list[Attribution]) -> tuple[Quotation, ...]:
    """The quoted and reported words of the shown sentences, each with its sentence number."""
    found: dict[Quotation, None] = {}
    for attribution in attributions:
        number = next(
            (n for n, span in enumerate(numbered.sentences, 1) if span.contains(attribution.span)), None
        )
        words = " ".join(attribution.quote.split())
        # llama-cpp-python 0.3 escapes a '"' inside a const wrongly, and its grammar parser then
        # crashes the server (segfault): such words are left out of the choices.
        if number is not None and 0 < len(words) <= WORDS_LIMIT and not _GRAMMAR_UNSAFE & set(words):
            found[(number, words)] = None
    return tuple(found)


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
