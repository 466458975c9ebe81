"""Stated motives: a cue that ties an actor to an aim or a reason, the clause that states it, and
who in the article states it.

A motive needs a cue linking the actor to the aim: intent ("wants to", "seeking to", "in a bid
to", "aimed at", "meant to", a purpose infinitive such as "to restore public confidence") or
reason ("because", "in response to", "forced ... to", "no longer needed"). The actor is the
subject of the clause the cue belongs to (the event's actor when the subject is the event
itself: "the deadline was meant to ..."), never the person reporting it. The motive is that
clause written as a sentence, a non-restrictive aside left out; it widens to the sentence when
its subject is a pronoun. ``stated_by`` comes from the attribution covering the cue: the actor
(or its spokesperson), an analyst, another source (an official of another party, an outlet, an
unnamed source), or the reporter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..grounding.claims import check_claim
from ..grounding.report import STATED_REASON
from ..grounding.verdicts import REJECTED
from ..schema import ActorKind, StatedBy, StatedMotive
from ..text import Attribution, Span, attribution_at, same_name
from ..text.segment import sentence_ends
from ..text.words import words
from .agents import Agents
from .clauses import (
    DESCRIPTIVE_ASIDES,
    Parsed,
    clause_head,
    clause_range,
    implicit_subject,
    render,
    subject_of,
    without_asides,
    without_connectives,
)
from .document import Document
from .gazetteer import country_of
from .names import Entity
from .overlap import said_before
from .sources import Voices, voices_of
from .speakers import is_analyst
from .views import BACKGROUND

_PURPOSE_VERBS = (
    r"protect|maintain|retain|secure|preserve|assert|consolidate|counter|deter|remain in power|restore"
    r"|ensure|prevent|avoid|save|force|pressure|punish|boost|curb|rein in|shore up|court|appease|placate"
    r"|reassure|win|regain|exert|stop|control|bring|keep|cut|reduce|tighten|expand|strengthen|weaken"
)
_CUE = re.compile(
    r"\b(?:wants? to|wanted to|seek(?:s|ing)? (?:to|favou?r)|sought to|in order to|so as to"
    r"|aim(?:s|ed|ing)? (?:at|to)|in an? (?:bid|effort|attempt) to|efforts? to|attempt(?:s|ing)? to"
    r"|tr(?:y|ies|ied|ying) to|intend(?:s|ed)? to|designed to|meant to|hop(?:es|ed|ing) to"
    r"|keen(?:ness)? to|determined to|with the aim of|with a view to|in pursuit of|in favou?r of"
    r"|because|in exchange for|so that|motivated by|in response to|predicated on|driven by"
    r"|forc(?:e|es|ed|ing) \w+(?: \w+)? to|(?:has|have|had|having) to|no longer need(?:s|ed)?|not needed"
    r"|no need|need(?:s|ed)? to|priorit(?:y|ies)"
    rf"|(?<!ability )(?<!able )(?<!need )(?<!unable )(?<!power )(?<!right )to (?:{_PURPOSE_VERBS}))\b",
    re.IGNORECASE,
)
# Verbs that frame what someone says or thinks: a reported clause is not widened into its frame.
_FRAMES = frozenset(
    {"say", "tell", "add", "note", "state", "feel", "believe", "think", "argue", "claim", "warn"}
)
_REASON_CUES = re.compile(
    r"^(?:because|in favou?r of|in response to|motivated by|predicated on|driven by)$", re.I
)
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "this"})
# A speaker whose bare title is an office speaks for the body or state they serve.
_OFFICES = re.compile(
    r"\b(?:minister|spokes(?:man|woman|person)|governor|mayor|president|chairman|chairwoman|chief executive"
    r"|ceo|secretary|ambassador|envoy)\b",
    re.IGNORECASE,
)
# Cues that are a noun of the actor's ("Damascus’s efforts to ...").
_NOUN_CUES = re.compile(
    r"^(?:efforts? to|keen(?:ness)? to|priorit(?:y|ies)|in an? (?:bid|effort|attempt) to)$"
)
_MAX_MOTIVES = 8
_MAX_WORDS = 45


@dataclass(frozen=True)
class _Candidate:
    sentence: Span
    cue: re.Match[str]


def build_motives(document: Document, actors: list[Entity]) -> list[StatedMotive]:
    """Motive statements from the body (the headline only for an actor the body gives none), one
    per sentence, in article order."""
    if not actors:
        return []
    headline = document.layout.headline
    sentences = [*document.sentences, *([headline] if headline is not None else [])]
    # Every cue of a sentence, in order: the first that names an actor gives its motive.
    cues = {s: list(_CUE.finditer(document.of(s))) for s in sentences}
    voices = voices_of(document)
    agents = Agents(document, actors)
    kept = _Kept(document)
    for sentence, parsed in document.parse_each([s for s, found in cues.items() if found]):
        results = (
            (candidate, _motive(document, parsed, candidate, agents))
            for candidate in (_Candidate(sentence, cue) for cue in cues[sentence])
        )
        candidate, found = next(
            ((c, f) for c, f in results if f is not None and _checks(document, f[1], sentence)), (None, None)
        )
        if candidate is None or found is None:
            continue
        actor, text = found
        if candidate.sentence is headline and any(same_name(m.actor, actor.name) for m in kept.motives):
            continue
        cue_span = Span(
            candidate.sentence.start + candidate.cue.start(), candidate.sentence.start + candidate.cue.end()
        )
        if kept.continues(actor, candidate, cue_span) or kept.restates(actor, text, candidate):
            continue
        kept.add(
            StatedMotive(
                actor=actor.name,
                motive=text,
                stated_by=_stated_by(document, voices, actor, cue_span),
                evidence=[document.of(candidate.sentence)],
            ),
            candidate,
            cue_span,
        )
        if len(kept.motives) == _MAX_MOTIVES:
            break
    return kept.motives


class _Kept:
    """The motives chosen so far, and what makes a new one a repeat of them."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.motives: list[StatedMotive] = []
        self._last: tuple[str | None, Span] | None = None  # the last motive's voice and sentence
        self._cues: set[tuple[str, str]] = set()  # (actor, noun cue) already used: "efforts to"

    def continues(self, actor: Entity, candidate: _Candidate, cue: Span) -> bool:
        """One voice making one argument over consecutive sentences is one motive: the later
        sentence joins the earlier one's evidence."""
        if not self.motives or self._last is None or not same_name(self.motives[-1].actor, actor.name):
            return False
        voice = _voice_at(self.document, cue)
        if voice != self._last[0] or not _follows(self.document, self._last[1], candidate.sentence):
            return False
        self.motives[-1].evidence.append(self.document.of(candidate.sentence))
        self._last = (voice, candidate.sentence)
        return True

    def restates(self, actor: Entity, text: str, candidate: _Candidate) -> bool:
        """The same actor's aim said again, or "its efforts to ..." a second time."""
        noun_cue = candidate.cue.group().casefold()
        if _NOUN_CUES.match(noun_cue) and (actor.name, noun_cue) in self._cues:
            return True
        earlier = [m.motive for m in self.motives if same_name(m.actor, actor.name)]
        return bool(earlier) and said_before(text, earlier) >= 0.6

    def add(self, motive: StatedMotive, candidate: _Candidate, cue: Span) -> None:
        self.motives.append(motive)
        self._last = (_voice_at(self.document, cue), candidate.sentence)
        noun_cue = candidate.cue.group().casefold()
        if _NOUN_CUES.match(noun_cue):
            self._cues.add((motive.actor, noun_cue))


def _checks(document: Document, motive: str, sentence: Span) -> bool:
    """True when the motive is its sentence's own words, or the claim checker finds it there (a cut
    that changed what the sentence says is dropped, not shown)."""
    if _verbatim(motive, document.of(sentence)):
        return True
    check = check_claim(document.article, motive, quotes=[document.of(sentence)], policy=STATED_REASON)
    return check.verdict not in REJECTED


def _verbatim(text: str, sentence: str) -> bool:
    """True when ``text`` is a stretch of ``sentence`` made a sentence (capital, full stop)."""
    core = text.rstrip(".")
    return core in sentence or (core[:1].lower() + core[1:]) in sentence


def _voice_at(document: Document, cue: Span) -> str | None:
    """Who says the cue's words (None for the reporter)."""
    attribution = attribution_at(document.attributions, cue)
    return attribution.speaker if attribution is not None else None


def _follows(document: Document, earlier: Span | None, later: Span) -> bool:
    """True when ``later`` is the body sentence right after ``earlier``."""
    if earlier is None or later not in document.sentences or earlier not in document.sentences:
        return False
    return document.sentences.index(later) == document.sentences.index(earlier) + 1


def _motive(
    document: Document,
    parsed: Parsed,
    candidate: _Candidate,
    agents: Agents,
) -> tuple[Entity, str] | None:
    cue_span = Span(
        candidate.sentence.start + candidate.cue.start(), candidate.sentence.start + candidate.cue.end()
    )
    cue_tokens = parsed.tokens_in(cue_span)
    if not cue_tokens:
        return None
    token = cue_tokens[0]
    if token.lower_.startswith("forc") and token.pos_ != "VERB":
        return None  # "US forces also appear to ...": the noun, not "forced ... to"
    reason = _REASON_CUES.match(candidate.cue.group()) is not None
    head = clause_head(token)
    if head is not None and reason and token.dep_ == "mark" and clause_head(head.head) is not None:
        head = clause_head(head.head)  # "The base was there because Russia had ties ...": the main clause
    while head is not None and head.dep_ == "relcl" and not any(c.tag_ == "WRB" for c in head.children):
        # "(anything) it takes to ...": a relative clause with a gap is no sentence ("when Halm
        # needed to ..." has none).
        head = clause_head(head.head)
    if head is None:
        return None
    actor = agents.of_cue(parsed, token)
    subject = subject_of(head) or implicit_subject(head)
    if actor is None and subject is not None:
        actor = agents.of_subject(parsed, subject)
        if actor is None and subject.lower_ in _PRONOUNS:
            actor = agents.antecedent(parsed, subject)
    if actor is None and not (reason and " " in candidate.cue.group()):
        # Not for "in favour of Damascus": the one a prepositional cue points at is no actor.
        actor = agents.in_clause(parsed, head, cue_span, reason)
    if actor is None:
        return None
    if any(c.dep_ == "neg" and c.i not in {t.i for t in cue_tokens} for c in head.children):
        return None  # "We will not gamble with safety to save a few minutes": an aim turned down
    # "... and it is seeking to ..." reads as the whole sentence; a reported "it had suspended ..."
    # stays the reported clause (the actor field says who "it" is).
    while _pronoun_subject(head) and head.head.i != head.i and (parent := clause_head(head.head)) is not None:
        if parent.lemma_ in _FRAMES or head.head.lemma_ in _FRAMES:
            break  # "... and felt they no longer needed ...": the frame's clause, not the frame
        head = parent
    first, last = clause_range(head)
    first, last = _within_quotation(document, parsed, cue_span, first, last)
    first, last = _within_own_sentence(document, parsed, cue_span, first, last)
    keep = {t.i for t in cue_tokens}
    pieces = without_asides(parsed.doc, first, last, keep, DESCRIPTIVE_ASIDES)
    text = render(parsed, without_connectives(parsed.doc, pieces))
    if not 4 <= len(words(text)) <= _MAX_WORDS or BACKGROUND.search(text):
        return None  # too short or long to read as a motive, or history ("initial deployment in 2015")
    return actor, text


def _pronoun_subject(head: Token) -> bool:
    subject = subject_of(head)
    return subject is not None and subject.lower_ in _PRONOUNS


def _within_quotation(
    document: Document, parsed: Parsed, cue: Span, first: int, last: int
) -> tuple[int, int]:
    """A motive inside a direct quotation stays inside its marks: the speaker's words, not the cue
    that follows them ("...,” referring to ...)."""
    quote = next(
        (a.span for a in document.attributions if a.direct and a.span.start <= cue.start < a.span.end), None
    )
    if quote is None or not (
        quote.start <= parsed.start(parsed.doc[first]) or _holds_clause(parsed, quote, cue)
    ):
        return first, last
    inside = [
        t.i
        for t in parsed.doc[first : last + 1]
        if quote.start <= parsed.start(t) and parsed.end(t) <= quote.end
    ]
    return (inside[0], inside[-1]) if inside else (first, last)


def _within_own_sentence(
    document: Document, parsed: Parsed, cue: Span, first: int, last: int
) -> tuple[int, int]:
    """Inside a quotation of several sentences, only the cue's own sentence (the segmenter's rule,
    applied inside the marks)."""
    sentence = parsed.span
    ends = [sentence.start, *sentence_ends(document.text, sentence, [], [0]), sentence.end]
    start = max(e for e in ends if e <= cue.start)
    end = min(e for e in ends if e > cue.start)
    inside = [t.i for t in parsed.doc[first : last + 1] if start <= parsed.start(t) and parsed.end(t) <= end]
    return (inside[0], inside[-1]) if inside else (first, last)


def _holds_clause(parsed: Parsed, quote: Span, cue: Span) -> bool:
    """True when the quotation holds the whole clause the cue is in (its verb and subject), not
    just a few words of it ("suspended ... “to restore public confidence”")."""
    token = parsed.token_at(cue.start)
    head = clause_head(token) if token is not None else None
    return head is not None and quote.start <= parsed.start(head) < quote.end


def _stated_by(document: Document, voices: Voices, actor: Entity, cue: Span) -> StatedBy:
    attribution = attribution_at(document.attributions, cue)
    if attribution is None or not attribution.speaker:
        return StatedBy.reporter
    voice = voices.of(attribution)
    if voice is None:
        return StatedBy.reporter
    if voice.entity is actor or same_name(voice.name, actor.name) or _speaks_for(attribution, actor):
        return StatedBy.actor
    if is_analyst(attribution) or re.search(r"\b(?:analysts?|experts?|observers)\b", voice.name, re.I):
        return StatedBy.analyst
    return StatedBy.source


def _speaks_for(attribution: Attribution, actor: Entity) -> bool:
    """A spokesperson or office-holder of the actor: "the Kremlin spokesman" for Russia, "Transport
    Minister" for the government, "Governor" for the central bank; not "a Syrian official" for Russia."""
    described = " ".join(filter(None, [attribution.title, attribution.affiliation]))
    if not described:
        return False
    if any(same_name(word, actor.name) for word in words(described) if word[:1].isupper()):
        return True
    countries = {country_of(w) for w in words(described) if w[:1].isupper()} - {None}
    if countries:
        return actor.country in countries
    return bool(_OFFICES.search(described)) and actor.kind in (ActorKind.state, ActorKind.organization)
