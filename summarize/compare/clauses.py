"""Who did what: clauses that several outlets report, matched by their words.

A clause is a verb with its own arguments, without the clauses hanging on it (a reported
clause, an adverbial clause, a relative clause, a coordinated verb); "Police arrested Teodor
Maravic ... at Vessen airport" is one, "as he was about to board a flight" another. Clauses of
different outlets whose content words overlap enough (rare words weighing more) and whose verbs
agree report the same action: an ``actor_action`` fact whose values are the clauses themselves.
Clauses are built once per article, as a layer of its ``AnalysedArticle``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ..text import AnalysedArticle, Span
from ..text.attribution.cues import SPEECH_VERBS
from ..text.lexicon import CAUSAL_PHRASES
from .anchors import LIGHT_KEYS, about_text, fold, groups_of, is_hedged, is_negated, key_of, keys_of
from .expressions import SentenceTokens
from .slots import body_sentence_indices, find_article_date

# Children that head clauses of their own.
_OWN_CLAUSES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
_CLAUSE_HEADS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "acl", "xcomp", "pcomp"})
MIN_KEYS = 2
MIN_QUOTED_WORDS = 5  # a clause this long carried word for word by two outlets is one statement
MIN_SHARED = 2  # shared words beyond names
_SOURCING = frozenset({"cite", "quote", "tell"})
MAX_WORDS = 40
SAME_ACTION = 0.38  # weighted cosine of the clauses' words, with the verbs agreeing
SAME_ACTION_ANY_VERB = 0.55


@dataclass
class Clause:
    """One clause of one article (see the module docstring)."""

    sentence: int
    span: Span  # the whole clause
    core: Span  # who did what: subject, verb and object, without adjuncts (the fact's value)
    verb: str | None
    groups: frozenset[int]
    keys: frozenset[str]
    names: frozenset[str]  # keys of proper nouns: a shared name alone is not a shared action
    words: tuple[str, ...]  # the folded words, to find one quotation carried by several outlets
    hedged: bool
    negated: bool
    quoted: bool
    causal: bool = False  # states a cause or a purpose ("because", "to maintain", "in favour of")
    about: str = ""
    outlet: int = -1


def _clause_tokens(verb: Token) -> list[Token]:
    kept: list[Token] = []

    def walk(token: Token) -> None:
        kept.append(token)
        for child in token.children:
            if child.dep_ in _OWN_CLAUSES and child.pos_ in ("VERB", "AUX") and not _purpose(child):
                continue
            if child.dep_ in ("cc", "mark", "punct") and child.head is verb:
                continue
            walk(child)

    walk(verb)
    return sorted(kept, key=lambda t: t.i)


_CORE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "expl", "dobj", "obj", "attr", "oprd", "dative", "agent", "acomp"}
)
_VERB_PARTS = frozenset({"aux", "auxpass", "neg", "prt"})


def _core_tokens(verb: Token) -> list[Token]:
    """Subject, verb (with auxiliaries and a joined verb: "started pulling out") and object."""
    kept: list[Token] = [verb]
    for child in verb.children:
        if child.dep_ in _VERB_PARTS:
            kept.append(child)
        elif child.dep_ in _CORE_DEPS:
            kept.extend(
                t for t in child.subtree if not (t.pos_ in ("VERB", "AUX") and t.dep_ in _OWN_CLAUSES)
            )
        elif child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            kept.extend(_core_tokens(child))
    if len([t for t in kept if not t.is_punct and t.pos_ not in ("DET", "AUX", "PART")]) < 3:
        for child in verb.children:  # "He fled to Moscow": too little without its place
            if child.dep_ == "prep":
                kept.extend(child.subtree)
    return sorted(set(kept), key=lambda t: t.i)


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose belongs to its clause ("relinquished its outpost to maintain a presence")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _causal(tokens: list[Token]) -> bool:
    words = [fold(t.text) for t in tokens]
    return (
        any(_purpose(t) for t in tokens)
        or any(
            tuple(words[i : i + len(phrase)]) == phrase
            for phrase in CAUSAL_PHRASES
            for i in range(len(words))
        )
        or "because" in words
    )


def _span(sentence: SentenceTokens, tokens: list[Token]) -> Span | None:
    while tokens and (tokens[0].is_punct or tokens[0].pos_ in ("CCONJ", "SCONJ")):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ")]”’\"'":
        tokens = tokens[:-1]
    if not tokens:
        return None
    span = Span(sentence.span_of(tokens[0]).start, sentence.span_of(tokens[-1]).end)
    text = span.of(sentence.text)
    # Keep quotation marks balanced: a clause never starts or ends half inside a quotation.
    stripped = text.strip('“”"')
    if stripped != text:
        start = span.start + (len(text) - len(text.lstrip('“”"')))
        end = span.end - (len(text) - len(text.rstrip('“”"')))
        span = Span(start, end)
    return span


def build_article_clauses(article: AnalysedArticle) -> list[Clause]:
    """The clauses of an article's body (use ``article.layer(build_article_clauses)``)."""
    body = body_sentence_indices(article)
    _, dateline = find_article_date(article, body)
    parses = article.parsed(body)
    quotations = article.quotations
    found: list[Clause] = []
    speech = {fold(w) for w in SPEECH_VERBS}
    for index in body:
        sentence = SentenceTokens(article.text, article.sentences[index], parses[index])
        for token in sentence.doc:
            if token.pos_ not in ("VERB", "AUX") or token.dep_ not in _CLAUSE_HEADS:
                continue
            if token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX"):
                continue  # "started pulling out": part of its governing verb's clause
            tokens = _clause_tokens(token)
            skip = {
                t.i
                for t in sentence.doc
                if dateline is not None and dateline.covers(sentence.span_of(t).start)
            }
            tokens = [t for t in tokens if t.i not in skip]
            if not tokens or len(tokens) > MAX_WORDS:
                continue
            span = _span(sentence, tokens)
            core_tokens = [t for t in _core_tokens(token) if t in set(tokens)]
            core = _span(sentence, core_tokens) if core_tokens else None
            if span is None or core is None:
                continue
            keys = keys_of(tokens)
            lemma = fold(token.lemma_)
            if fold(token.text) in speech or lemma in speech or lemma in _SOURCING:
                continue  # "Reuters' sources said", "citing five Syrian sources": who, not what
            verb = key_of(token)
            if verb in LIGHT_KEYS:
                verb = None
            words = tuple(fold(t.text) for t in tokens if not t.is_punct)
            if len(keys - {verb}) < MIN_KEYS and len(words) < MIN_QUOTED_WORDS:
                continue
            found.append(
                Clause(
                    sentence=index,
                    span=span,
                    core=core,
                    verb=verb,
                    groups=groups_of(frozenset({verb})) if verb else frozenset(),
                    keys=keys,
                    names=keys_of([t for t in tokens if t.pos_ == "PROPN"]),
                    words=words,
                    hedged=is_hedged(token),
                    negated=is_negated(token),
                    quoted=any(q.contains(span) or q.overlap(span) > len(span) // 2 for q in quotations),
                    causal=_causal(tokens),
                    about=about_text(token, (), skip),
                )
            )
    return found


def clause_similarity(a: Clause, b: Clause, weight: dict[str, float]) -> float:
    """Weighted cosine of two clauses' words."""
    shared = sum(weight.get(k, 1.0) for k in a.keys & b.keys)
    if not shared:
        return 0.0
    first = sum(weight.get(k, 1.0) for k in a.keys)
    second = sum(weight.get(k, 1.0) for k in b.keys)
    return shared / math.sqrt(first * second)


def verbs_agree(a: Clause, b: Clause) -> bool:
    """The same verb, synonyms, or one clause's verb among the other's words."""
    if a.verb and a.verb == b.verb:
        return True
    if a.groups & b.groups:
        return True
    return bool((a.verb and a.verb in b.keys) or (b.verb and b.verb in a.keys))


def _candidates(clauses: Sequence[Clause], weight: dict[str, float]) -> list[tuple[int, int]]:
    """Pairs of clauses sharing words other than names (the commonest words left out of the
    index), or carrying the same words: the only pairs that can match."""
    ordinary = sorted(weight.values())
    common = ordinary[len(ordinary) // 10] if ordinary else 0.0  # the tenth of keys weighing least
    index: dict[str, list[int]] = {}
    for position, clause in enumerate(clauses):
        for key in clause.keys - clause.names:
            if weight.get(key, 1.0) > common:
                index.setdefault(key, []).append(position)
        if len(clause.words) >= MIN_QUOTED_WORDS:
            index.setdefault("words:" + " ".join(clause.words), []).append(position)
    found: set[tuple[int, int]] = set()
    for members in index.values():
        for n, first in enumerate(members):
            for second in members[n + 1 :]:
                found.add((first, second))
    return sorted(found)


def align_clauses(clauses: Sequence[Clause], weight: dict[str, float]) -> list[list[Clause]]:
    """Clauses grouped into actions several outlets report: strongest pairs first, one per outlet."""
    pairs: list[tuple[float, int, int]] = []
    for i, j in _candidates(clauses, weight):
        a, b = clauses[i], clauses[j]
        if a.outlet == b.outlet or a.negated != b.negated:
            continue
        if len(a.words) >= MIN_QUOTED_WORDS and a.words == b.words:
            pairs.append((2.0, i, j))
            continue
        shared = (a.keys & b.keys) - a.names - b.names
        agree = verbs_agree(a, b)
        if len(shared) < (MIN_SHARED if agree else MIN_SHARED + 1):
            continue
        score = clause_similarity(a, b, weight)
        if score >= (SAME_ACTION if agree else SAME_ACTION_ANY_VERB):
            pairs.append((score, i, j))
    pairs.sort(key=lambda p: -p[0])
    group_of: dict[int, list[int]] = {}
    for _, i, j in pairs:
        first = group_of.get(i, [i])
        second = group_of.get(j, [j])
        if first is second:
            continue
        if {clauses[k].outlet for k in first} & {clauses[k].outlet for k in second}:
            continue
        merged = first + second
        for k in merged:
            group_of[k] = merged
    seen: set[int] = set()
    groups: list[list[Clause]] = []
    for index in range(len(clauses)):
        group = group_of.get(index)
        if group is not None and id(group) not in seen:
            seen.add(id(group))
            groups.append(sorted((clauses[k] for k in group), key=lambda c: c.outlet))
    return groups
