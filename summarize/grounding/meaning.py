"""Comparing a claim with its evidence: what the claim says that the passage does not, or says
otherwise.

Each word of the claim that carries information is aligned with the evidence passage. Then:

- names, numbers and dates must be in the passage, and a number must count the same thing
  ("7,000 militants", not the "7,000" of another fact); a date must be the passage's date;
- polarity must agree around the same words (not, no longer, denied, failed to), and a word
  whose opposite the passage uses is contradicted (increase / decrease);
- a claim may not state as fact what the passage hedges (may, could, reportedly, likely);
- a claim may not add a cause the passage does not give (because, led to, in order to);
- a claim may not widen the scope (all, every, the only) beyond what the passage says;
- who did what to whom must hold: the same participants on the same side of the same verb, and
  the same end of a movement (from / to).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..text.lexicon import ANTONYMS, COMPASS, DETERMINERS, DURATIONS, LOCATIVE, SLOT_PREPOSITIONS
from ..text.names import COURTESY_TITLES
from .features import Kind, Passage, Token, stem
from .retrieval import ArticleIndex, same_stem

_BE = frozenset({"was", "were", "been", "be", "being", "is", "are"})
_OPPOSITE: dict[str, set[str]] = {}
for _a, _b in ANTONYMS:
    _OPPOSITE.setdefault(stem(_a), set()).add(stem(_b))
    _OPPOSITE.setdefault(stem(_b), set()).add(stem(_a))


@dataclass(frozen=True)
class Policy:
    """Which checks apply to a kind of text: a full claim, or a phrase (a role, a place, a source)."""

    relations: bool = True
    polarity: bool = True
    hedges: bool = True
    causes: bool = True
    scope: bool = True
    slots: bool = True
    coverage_rejects: bool = True  # a mostly missing claim is unsupported, not only partial
    local_names: bool = True  # names must be in the evidence passage, not just in the article


CLAIM = Policy()
# Noun phrases and summaries of several passages: names, numbers and dates must be there; the
# rest of the wording is compared loosely.
PHRASE = Policy(
    relations=False,
    polarity=False,
    hedges=False,
    causes=False,
    scope=False,
    slots=False,
    coverage_rejects=False,
)


class Severity(StrEnum):
    """How much a finding takes away from a claim."""

    contradicted = "contradicted"
    unsupported = "unsupported"
    partial = "partial"


@dataclass(frozen=True)
class Finding:
    """One reason a claim is not (fully) supported, in words a reader understands."""

    severity: Severity
    kind: str
    message: str


@dataclass
class Comparison:
    """The findings for one claim against one evidence window, and how much of it was covered."""

    findings: list[Finding] = field(default_factory=list)
    lenient: bool = False  # a phrase: missing words make it partial, never unsupported
    content: int = 0
    missing_weight: float = 0.0
    total_weight: float = 0.0

    @property
    def missing_ratio(self) -> float:
        return self.missing_weight / self.total_weight if self.total_weight else 0.0


def matches(claim_token: Token, evidence_token: Token) -> bool:
    """Whether two tokens say the same thing (inflections, spellings, number forms forgiven)."""
    c, e = claim_token, evidence_token
    if c.kind in (Kind.number, Kind.date) or e.kind in (Kind.number, Kind.date):
        if c.number is not None and e.number is not None:
            return c.number == e.number
        if c.month is not None or e.month is not None:
            return c.month == e.month
        return c.folded == e.folded
    if c.stem == e.stem:
        return True
    if c.name and e.name and (c.name == e.name or same_stem(c.name, e.name, is_name=True)):
        return True
    if c.stem[:2] != e.stem[:2]:
        return False
    return same_stem(c.stem, e.stem, is_name=c.kind is Kind.name or e.kind is Kind.name)


def compare(
    claim: Passage,
    evidence: list[Passage],
    index: ArticleIndex,
    *,
    context: Sequence[Passage] = (),
    policy: Policy = CLAIM,
) -> Comparison:
    """Compare a claim with its evidence passages; ``context`` is the text just before them (where
    "he", "the base" and "the country" were named); ``policy`` says which checks apply."""
    result = Comparison()
    aligned: dict[int, tuple[int, Token]] = {}  # claim token index -> (passage index, evidence token)
    for token in claim.content:
        weight = index.weight(token)
        result.content += 1
        result.total_weight += weight
        found = _align(token, evidence)
        if found is not None:
            aligned[token.index] = found
        elif token.kind is not Kind.name or _align(token, context) is None:
            result.missing_weight += weight
    if policy.slots:
        _slots(claim, evidence, aligned, context, result)
        _bound(claim, evidence, aligned, result)
    _numbers_and_dates(claim, evidence, aligned, index, result)
    _missing_names(claim, aligned, index, context, result, local=policy.local_names)
    if policy.polarity:
        _polarity(claim, evidence, aligned, result)
    if policy.hedges and not claim.hedges:
        _hedging(claim, evidence, aligned, result)
    if policy.causes:
        _cause(claim, evidence, result)
    if policy.scope:
        _scope(claim, evidence, result)
    if policy.relations:
        _roles(claim, evidence, aligned, result)
    return result


def _slot_class(passage: Passage, token: Token) -> str | None:
    """What fills a slot: a number, a date, a duration or a name (other words are not compared)."""
    if token.kind is Kind.date:
        return "date"
    if token.kind is Kind.name:
        return "name"
    if token.folded in COMPASS:
        return "compass"
    following = passage.tokens[token.index + 1] if token.index + 1 < len(passage.tokens) else None
    if (
        token.stem in DURATIONS
        or token.folded in DURATIONS
        or (token.number == "14" and token.folded == "fortnight")
    ):
        return "duration"
    if token.kind is Kind.number:
        if following is not None and following.folded in DURATIONS:
            return "duration"
        return "number"
    return None


def _fillers(passage: Passage) -> list[tuple[str, Token]]:
    """(preposition, first checkable token after it) pairs: "since 2019", "for a fortnight", "in Qamishli"."""
    found: list[tuple[str, Token]] = []
    tokens = passage.tokens
    for position, token in enumerate(tokens):
        if token.folded not in SLOT_PREPOSITIONS and token.folded != "of":
            continue
        for other in tokens[position + 1 : position + 4]:
            if other.kind is Kind.function and other.folded not in DETERMINERS:
                break
            if other.kind is not Kind.function:
                kind = _slot_class(passage, other)
                if (
                    kind is not None
                    and other.folded not in COURTESY_TITLES
                    and (token.folded != "of" or kind in ("name", "compass"))
                ):
                    found.append((token.folded, other))
                break
    return found


def _slots(
    claim: Passage,
    evidence: list[Passage],
    aligned: dict[int, tuple[int, Token]],
    context: Sequence[Passage],
    result: Comparison,
) -> None:
    """A slot filled differently in the claim's own sentence: "since 2014" where it says "since 2019"."""
    if not evidence:
        return
    primary = evidence[0]
    claimed = {t.index for t in claim.tokens}
    used = {id(other) for position, other in aligned.values() if position == 0}
    rivals = {(p, _slot_class(primary, t)): t for p, t in _fillers(primary) if id(t) not in used}
    for preposition, token in _fillers(claim):
        if token.index not in claimed or aligned.get(token.index, (-1,))[0] == 0:
            continue
        if token.kind is Kind.name and (
            _align(token, context) is not None
            or (token.index in aligned and not _after_locative(claim, token))
        ):
            continue  # named just before the window ("the country" refers back to it), or a participant
        rival = rivals.get((preposition, _slot_class(claim, token)))
        if rival is not None:
            result.findings.append(
                Finding(
                    Severity.contradicted,
                    "slot",
                    f"the article says “{preposition} {_quote(primary, rival.index, rival.index + (1 if _slot_class(primary, rival) == 'duration' and rival.kind is Kind.number else 0))}”, not “{preposition} {token.text}”",
                )
            )
            return


def _bound(
    claim: Passage, evidence: list[Passage], aligned: dict[int, tuple[int, Token]], result: Comparison
) -> None:
    """A number or date found only in a passage that shares little else with the claim belongs to
    another fact."""
    for token in claim.tokens:
        if token.kind not in (Kind.number, Kind.date) or token.index not in aligned:
            continue
        position, other = aligned[token.index]
        if position == 0:
            continue
        company = sum(1 for p, _ in aligned.values() if p == position) - 1
        if company < 2:
            result.findings.append(
                Finding(
                    Severity.unsupported,
                    "number" if token.kind is Kind.number else "date",
                    f"“{token.text}” is in the article, but about something else: “{_around(evidence[position], other)}”",
                )
            )
            return


def _after_locative(passage: Passage, token: Token) -> bool:
    """A place in a locative phrase ("in Qamishli", "to the Khmeimim base") of this passage."""
    for other in reversed(passage.tokens[max(0, token.index - 3) : token.index]):
        if other.folded in LOCATIVE:
            return True
        if other.kind is not Kind.function and other.folded not in COMPASS and other.kind is not Kind.name:
            return False
    return False


def _align(token: Token, evidence: Sequence[Passage]) -> tuple[int, Token] | None:
    for position, passage in enumerate(evidence):
        for other in passage.tokens:
            if other.kind is not Kind.function and matches(token, other):
                return position, other
    return None


def _quote(passage: Passage, first: int, last: int) -> str:
    tokens = passage.tokens[max(0, first) : last + 1]
    return " ".join(t.text for t in tokens)


def _numbers_and_dates(
    claim: Passage,
    evidence: list[Passage],
    aligned: dict[int, tuple[int, Token]],
    index: ArticleIndex,
    result: Comparison,
) -> None:
    for token in claim.tokens:
        if token.kind not in (Kind.number, Kind.date) or token.number is None:
            continue
        unit = claim.unit_after(token)
        if token.index in aligned:
            position, other = aligned[token.index]
            other_unit = evidence[position].unit_after(other)
            if unit and other_unit and not same_stem(unit, other_unit, is_name=False):
                elsewhere = _number_with_unit(evidence, unit)
                if elsewhere is not None:
                    result.findings.append(
                        Finding(
                            Severity.contradicted,
                            "number",
                            f"“{token.text}” counts {other_unit} in the article; it gives “{elsewhere}” for {unit}",
                        )
                    )
            continue
        # A number the passage does not give: another value for the same thing contradicts it.
        rival = _number_with_unit(evidence, unit) if unit else None
        month = _adjacent_month(claim, token)
        if rival is None and month is not None:
            rival = _day_of_month(evidence, month)
        if rival is not None:
            result.findings.append(
                Finding(Severity.contradicted, "number", f"the article gives “{rival}”, not “{token.text}”")
            )
        elif index.sentences_with(token):
            result.findings.append(
                Finding(
                    Severity.unsupported,
                    "number",
                    f"“{token.text}” is in the article, but not in the passage that supports this claim",
                )
            )
        else:
            result.findings.append(
                Finding(Severity.unsupported, "number", f"“{token.text}” is not in the article")
            )


def _number_with_unit(evidence: list[Passage], unit: str | None) -> str | None:
    if unit is None:
        return None
    for passage in evidence:
        for token in passage.tokens:
            if token.kind is Kind.number and token.number is not None:
                other_unit = passage.unit_after(token)
                if other_unit and same_stem(other_unit, unit, is_name=False):
                    return _quote(
                        passage,
                        token.index,
                        token.index
                        + 1
                        + (
                            passage.tokens[token.index + 1].kind is Kind.function
                            if token.index + 1 < len(passage.tokens)
                            else 0
                        ),
                    )
    return None


def _adjacent_month(passage: Passage, token: Token) -> int | None:
    for other in passage.tokens[max(0, token.index - 1) : token.index + 2]:
        if other.month is not None:
            return other.month
    return None


def _day_of_month(evidence: list[Passage], month: int) -> str | None:
    for passage in evidence:
        for token in passage.tokens:
            if token.month == month:
                for other in passage.tokens[max(0, token.index - 1) : token.index + 2]:
                    if other.kind is Kind.number and other.number and len(other.number) <= 2:
                        first, last = sorted((other.index, token.index))
                        return _quote(passage, first, last)
    return None


def _missing_names(
    claim: Passage,
    aligned: dict[int, tuple[int, Token]],
    index: ArticleIndex,
    context: Sequence[Passage],
    result: Comparison,
    *,
    local: bool,
) -> None:
    for token in claim.tokens:
        if token.index in aligned or token.kind not in (Kind.name, Kind.date) or token.number is not None:
            continue
        if token.kind is Kind.name and _align(token, context) is not None:
            continue  # named just before the passage, which refers back to it
        if not local and index.sentences_with(token):
            continue  # a phrase summing up the article may name what the article names anywhere
        if token.kind is Kind.date and token.month is None and token.folded not in _WEEKDAY_WORDS:
            continue
        if index.sentences_with(token):
            message = f"“{token.text}” is in the article, but not in the passage that supports this claim"
        else:
            message = f"“{token.text}” is not in the article"
        result.findings.append(Finding(Severity.unsupported, token.kind.value, message))


_WEEKDAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _polarity(
    claim: Passage, evidence: list[Passage], aligned: dict[int, tuple[int, Token]], result: Comparison
) -> None:
    # Polarity disagrees when words negated on one side meet the same words affirmed on the other,
    # and no negated word is shared (a paraphrase moves a "not" around; a flip removes it).
    agree = False
    differ: tuple[Passage, Token] | None = None
    for token in claim.tokens:
        if token.kind is not Kind.word or token.index not in aligned:
            continue
        position, other = aligned[token.index]
        if token.negated and other.negated:
            agree = True
        elif (
            token.negated != other.negated and (token.negation_head or other.negation_head) and differ is None
        ):
            # Only the word a negation denies counts: "will not gamble with safety" says nothing
            # against "protects safety".
            differ = (evidence[position], other)
    if differ is not None and not agree:
        passage, other = differ
        said = "negates" if other.negated else "affirms"
        result.findings.append(
            Finding(Severity.contradicted, "negation", f"the article {said} “{_around(passage, other)}”")
        )
        return
    for token in claim.tokens:
        if token.kind is not Kind.word or token.index in aligned:
            continue
        opposites = _OPPOSITE.get(token.stem)
        if not opposites:
            continue
        for passage in evidence:
            for other in passage.tokens:
                if other.stem in opposites and token.negated == other.negated:
                    result.findings.append(
                        Finding(
                            Severity.contradicted,
                            "opposite",
                            f"the article says “{other.text}”, the opposite of “{token.text}”",
                        )
                    )
                    return


def _around(passage: Passage, token: Token) -> str:
    return _quote(passage, token.index - 3, token.index + 1)


def _hedging(
    claim: Passage, evidence: list[Passage], aligned: dict[int, tuple[int, Token]], result: Comparison
) -> None:
    for token in claim.tokens:
        if token.kind is not Kind.word or token.index not in aligned:
            continue
        position, other = aligned[token.index]
        if other.hedged and not token.hedged:
            result.findings.append(
                Finding(
                    Severity.unsupported,
                    "hedge",
                    f"the article only says “{_around(evidence[position], other)}”; the claim states it as fact",
                )
            )
            return


def _cause(claim: Passage, evidence: list[Passage], result: Comparison) -> None:
    if claim.causal and not any(passage.causal for passage in evidence):
        cue = claim.tokens[claim.causal[0]].text
        result.findings.append(
            Finding(Severity.unsupported, "cause", f"the article gives no cause or purpose here (“{cue}”)")
        )


def _scope(claim: Passage, evidence: list[Passage], result: Comparison) -> None:
    evidence_universal = {p.tokens[i].folded for p in evidence for i in p.universal}
    for position in claim.universal:
        word = claim.tokens[position].folded
        negated = any(0 < position - cue <= 4 for cue in claim.negations)
        if word in evidence_universal or negated or word == "each":
            continue
        partial = [p.tokens[i].text for p in evidence for i in p.partial]
        said = f"; it says “{partial[0]}”" if partial else ""
        result.findings.append(
            Finding(Severity.unsupported, "scope", f"the article does not say “{word}”{said}")
        )
        return


def _roles(
    claim: Passage, evidence: list[Passage], aligned: dict[int, tuple[int, Token]], result: Comparison
) -> None:
    # The same participant at the other end of a movement: "from Qamishli" against "to Qamishli".
    for token in claim.tokens:
        if token.index in aligned and token.direction:
            position, other = aligned[token.index]
            if other.direction and other.direction != token.direction:
                result.findings.append(
                    Finding(
                        Severity.contradicted,
                        "direction",
                        f"the article has “{_around(evidence[position], other)}”: the other end of the move",
                    )
                )
                return
    # Subjects and objects exchanged are found in the dependency parse (relations.py).


def _verb_like(passage: Passage, token: Token) -> bool:
    """A content word not introduced by a determiner or a preposition (so likely a verb)."""
    if token.kind is not Kind.word:
        return False
    before = passage.tokens[token.index - 1].folded if token.index else ""
    return before not in DETERMINERS and before not in {"of", "in", "on", "at", "for", "with"}


def _side(passage: Passage, participant: Token, pivot: Token) -> int:
    """-1 when the participant acts (before the verb, or after "by" in a passive), else +1."""
    side = -1 if participant.index < pivot.index else 1
    tokens = passage.tokens
    passive = any(t.folded in _BE for t in tokens[max(0, pivot.index - 3) : pivot.index])
    agent = any(t.folded == "by" for t in tokens[max(0, participant.index - 3) : participant.index])
    if passive:
        side = -1 if agent else 1
    return side
