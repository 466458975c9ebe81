"""Who did what to whom: verb frames from dependency parses, compared between claim and evidence.

A frame is a verb with its logical subject (the doer: the ``nsubj``, or the ``by`` agent of a
passive), its logical object (the ``dobj``, or the subject of a passive) and its prepositional
arguments ("hanged on Thursday", "built for Malcolm Fraser"). A relative clause takes its head
noun as subject ("the home which was built"), and a verb joined to another ("shatters and falls",
"hoped to take") shares its subject. A claim's frame must find a frame of the same verb in its
evidence whose participants agree; participants exchanged between subject and object are a
contradiction, a participant the evidence gives to another verb or role is unsupported.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text.parse import parse_texts
from .features import stem
from .meaning import Finding, Severity
from .retrieval import same_stem

if TYPE_CHECKING:  # imported by the parser on first use
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "obj"})
_INHERIT = frozenset({"conj", "xcomp"})
_PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
    }
)
_RELATIVE = frozenset({"who", "which", "that"})
_IGNORED_VERBS = frozenset({"be", "have", "do", "say", "add", "note", "state"})
_NOUNISH = frozenset({"NOUN", "PROPN", "NUM", "PRON"})


@dataclass
class Frame:
    """A verb and its participants, each participant a set of stems of its phrase's key words;
    ``heads`` are the stems of the participants' head words."""

    verb: str
    text: str
    subject: set[str] = field(default_factory=set)
    object: set[str] = field(default_factory=set)
    preps: dict[str, set[str]] = field(default_factory=dict)
    heads: dict[str, set[str]] = field(default_factory=dict)
    proper: set[str] = field(default_factory=set)  # slots whose head is a proper name


def frames(doc: Doc) -> list[Frame]:
    """The verb frames of a parsed sentence or claim."""
    found: list[Frame] = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        verb = stem(token.lemma_.casefold())
        if verb in _IGNORED_VERBS:
            continue
        frame = Frame(verb=verb, text=token.text)
        passive = any(child.dep_ in _PASSIVE_SUBJECTS or child.dep_ == "auxpass" for child in token.children)
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                _add(frame, "subject", child)
            elif child.dep_ in _PASSIVE_SUBJECTS or child.dep_ in _OBJECTS:
                _add(frame, "object", child)
                for grandchild in child.children:  # "needed a posture against the US"
                    if grandchild.dep_ == "prep":
                        for pobj in grandchild.children:
                            if pobj.dep_ == "pobj":
                                _add(frame, "prep:" + grandchild.lower_, pobj)
            elif child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        _add(frame, "subject", grandchild)
            elif child.dep_ == "prep" and (child.lower_ != "by" or not passive):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        _add(frame, "prep:" + child.lower_, grandchild)
        if not frame.subject and not passive:
            for inherited in _inherited_subjects(token):
                _add(frame, "subject", inherited)
        if frame.subject or frame.object or frame.preps:
            found.append(frame)
    return found


_CLAIM_FRAMES: OrderedDict[str, list[Frame]] = OrderedDict()
_CLAIM_CACHE_SIZE = 4096


def claim_frames(texts: Sequence[str]) -> list[list[Frame]]:
    """The frames of several claims, parsed in one batch (a claim seen before is not parsed again)."""
    missing = [text for text in dict.fromkeys(texts) if text not in _CLAIM_FRAMES]
    if missing:
        for text, doc in zip(missing, parse_texts(missing), strict=True):
            _CLAIM_FRAMES[text] = frames(doc)
            if len(_CLAIM_FRAMES) > _CLAIM_CACHE_SIZE:
                _CLAIM_FRAMES.popitem(last=False)
    return [_CLAIM_FRAMES[text] for text in texts]


def _add(frame: Frame, slot: str, token: Token) -> None:
    words = _phrase(token)
    if not words:
        return
    if slot == "subject":
        frame.subject |= words
    elif slot == "object":
        frame.object |= words
    else:
        frame.preps.setdefault(slot.removeprefix("prep:"), set()).update(words)
    head = _head(token)
    frame.heads.setdefault(slot, set()).add(stem(head.lemma_.casefold()))
    if head.pos_ == "PROPN":
        frame.proper.add(slot)


def _head(token: Token) -> Token:
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _phrase(token: Token) -> set[str]:
    """Stems of a participant's head and its compound and name parts; a relative pronoun stands
    for the noun its clause describes; other pronouns say nothing checkable."""
    head = token
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        head = token.head.head
    elif token.lower_ in _PRONOUNS or token.pos_ not in _NOUNISH:
        return set()
    words = {head} | {c for c in head.children if c.dep_ in ("compound", "flat", "nummod")}
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in _NOUNISH:
            words.add(child)
    return {
        stem(w.lemma_.casefold()) for w in words if (w.lower_ not in _PRONOUNS and w.is_alpha) or w.like_num
    }


def _inherited_subjects(token: Token) -> list[Token]:
    """The subjects of the verb this one is joined to ("X shatters and falls", "X hoped to take")."""
    current = token
    for _ in range(3):
        if current.dep_ not in _INHERIT:
            return []
        current = current.head
        subjects = [child for child in current.children if child.dep_ in _SUBJECTS]
        if subjects:
            return subjects
    return []


def _overlap(first: set[str], second: set[str]) -> bool:
    return any(
        a == b or same_stem(a, b, is_name=False) or same_stem(a, b, is_name=True)
        for a in first
        for b in second
    )


def compare_frames(claim: list[Frame], evidence: list[Frame]) -> list[Finding]:
    """Findings for claim frames whose participants the evidence gives other roles.

    Participants exchanged between subject and object of the same verb contradict the evidence;
    a participant that the evidence's frame of the same verb lacks, but that heads a participant
    of another of its frames ("seven games ... were investigated after Conrad was arrested"), is
    unsupported. A participant named differently (a paraphrase) is left to the word checks.
    """
    findings: list[Finding] = []
    for frame in claim:
        candidates = [
            e for e in evidence if e.verb == frame.verb or same_stem(e.verb, frame.verb, is_name=False)
        ]
        if not candidates:
            continue
        # Heads that fill the same kind of slot for another verb of the evidence.
        elsewhere = {
            slot: {h for e in evidence if e not in candidates for h in e.heads.get(slot, set())}
            for slot in frame.heads
        }
        problems = [_disagreement(frame, other, elsewhere) for other in candidates]
        if all(problems):
            findings.append(
                min((p for p in problems if p), key=lambda f: f.severity != Severity.contradicted)
            )
    return findings


def _disagreement(claim: Frame, evidence: Frame, elsewhere: dict[str, set[str]]) -> Finding | None:
    evidence_others = evidence.object | {w for words in evidence.preps.values() for w in words}
    swapped = (
        claim.subject
        and evidence.object
        and _overlap(claim.heads.get("subject", set()), evidence_others)
        and not _overlap(claim.subject, evidence.subject)
    ) or (
        claim.object
        and evidence.subject
        and _overlap(claim.heads.get("object", set()), evidence.subject)
        and not _overlap(claim.object, evidence.object)
    )
    if swapped:
        return Finding(
            Severity.contradicted,
            "roles",
            f"in the article the roles around “{evidence.text}” are the other way round",
        )
    slots = [("subject", claim.subject, evidence.subject), ("object", claim.object, evidence.object)]
    slots += [("prep:" + p, words, evidence.preps.get(p, set())) for p, words in claim.preps.items()]
    for slot, words, given in slots:
        heads = claim.heads.get(slot, set())
        named = slot in claim.proper and slot in evidence.proper
        if (
            words
            and given
            and not _overlap(words, given)
            and (named or _overlap(heads, elsewhere.get(slot, set())))
        ):
            role = slot.removeprefix("prep:")
            return Finding(
                Severity.unsupported,
                "roles",
                f"in the article, what goes with “{evidence.text}{' ' + role if slot.startswith('prep:') else ''}” is something else",
            )
    return None
