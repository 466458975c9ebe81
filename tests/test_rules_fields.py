"""Every text field of every rules summary (corpus, fiction and web pages) reads as written by a
person: the parser, run on the field alone, finds it ending on a sentence or phrase boundary, and
a verb in it when it is a sentence; run on the article's sentence a field was copied from, it finds
no phrase or clause cut in the middle. A field that is a whole sentence or a whole quotation of
the article passes as the article wrote it. The check is the test's own (no engine code): 0
clipped fields is the goal. And every item on the web pages, which no rule was written for, is
grounded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.tokens import Doc

from summarize.engines.rules import summarize_text
from summarize.grounding import ground_summary
from summarize.grounding.verdicts import REJECTED
from summarize.schema import StatementKind, Summary
from summarize.text import AnalysedArticle, Span
from summarize.text.parse import parse_texts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"
# The reference corpus, the fiction cases, and the web-page corpus's article bodies (24 real news
# pages from many sites that no rule was written for).
PAGES = ROOT.parent / "shared" / "corpus" / "html"
ARTICLES = (
    sorted(CORPUS.glob("*.txt"))
    + sorted((ROOT / "evals" / "cases").glob("*.txt"))
    + sorted(PAGES.glob("*.body.txt"))
)

_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_CLOSERS = "”’\"'»)]"
# Words a phrase or sentence cannot end on: an article, a preposition waiting for its object, a
# conjunction, "to", a possessive, a relative word.
_DANGLING_TAGS = {"DT", "PDT", "IN", "CC", "TO", "PRP$", "POS", "WDT", "WP", "WP$", "WRB"}
_ELLIPSIS = {"than", "as", "so", "neither", "nor", "did", "does"}


def _fields(summary: Summary) -> list[tuple[str, str, str]]:
    """(where, kind, text) for every free-text field; kind is sentence, phrase or words."""
    fields = [("event.what", "sentence", summary.event.what)]
    fields += [(f"actor {a.name}: role", "either", a.role) for a in summary.actors]
    fields += [(f"motive {m.actor}", "sentence", m.motive) for m in summary.stated_motives]
    for view in summary.analyst_views:
        fields.append((f"view {view.analyst}", "sentence", view.view))
        fields.append((f"view {view.analyst}: quote", "words", view.quote))
        if view.affiliation:
            fields.append((f"view {view.analyst}: affiliation", "phrase", view.affiliation))
    for item in summary.uncertainties:
        fields.append(("uncertainty claim", "sentence", item.claim))
        if item.attributed_to:
            fields.append(("uncertainty source", "phrase", item.attributed_to))
    for statement in summary.statements:
        kind = "words" if statement.kind is StatementKind.direct else "clause"
        fields.append((f"statement {statement.speaker}", kind, statement.text))
        if statement.role:
            fields.append((f"statement {statement.speaker}: role", "phrase", statement.role))
    return fields


def _as_written(text: str, article: AnalysedArticle) -> bool:
    """A whole sentence or a whole quotation of the article (trailing punctuation aside)."""
    core = text.strip().rstrip(".!?" + _CLOSERS).lstrip("“‘\"'")
    if not core:
        return False
    for span in [*article.sentences, *article.quotations]:
        whole = article.of(span).strip().rstrip(".!?," + _CLOSERS).lstrip("“‘\"'«")
        if whole == core:
            return True
    return False


def _last_word(doc: Doc) -> int | None:
    for token in reversed(doc):
        if not (token.is_punct or token.text in _CLOSERS):
            return token.i
    return None


def _problem(kind: str, text: str, doc: Doc, ends_sentence: bool = False) -> str | None:
    last = _last_word(doc)
    if last is None:
        return "no words"
    end = doc[last]
    before = [t.lower_ for t in doc[max(0, last - 4) : last]]
    if end.tag_ in _DANGLING_TAGS and end.dep_ != "prt":
        return f"ends on “{end.text}”"
    if end.dep_ in ("amod", "compound", "nummod", "poss", "det") and end.head.i > end.i:
        return f"ends on a modifier “{end.text}”"
    if last > 0 and doc[last - 1].tag_ in ("POS", "PRP$", "DT") and end.pos_ == "ADJ":
        return f"ends on an adjective with no noun “{end.text}”"  # "the country’s political"
    elliptical = _ELLIPSIS & set(before) or ends_sentence  # "... to show that they had." as written
    if (end.lemma_ in ("be", "have", "do") or end.tag_ == "MD") and not elliptical:
        complements = [
            c for c in end.children if c.dep_ not in ("nsubj", "nsubjpass", "expl", "punct", "mark")
        ]
        if not complements:
            return f"ends on a verb waiting for its complement “{end.text}”"  # "... the base is"
    sentence = kind == "sentence" or (kind == "either" and text.rstrip(_CLOSERS).endswith((".", "!", "?")))
    if sentence:
        if not text[:1].isupper() and text[:1] not in "“\"'‘":
            return "a sentence starting in lowercase"
        if not any(t.tag_ in _FINITE or (t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT") for t in doc):
            return "a sentence with no verb"
        root = next(t for t in doc if t.dep_ == "ROOT")
        if root.pos_ not in ("VERB", "AUX") and not any(
            t.tag_ in _FINITE and t.head.i == root.i for t in doc
        ):
            return f"a sentence whose main word “{root.text}” is no verb"
    if kind == "clause" and not any(t.pos_ in ("VERB", "AUX") for t in doc):
        roots = [t for t in doc if t.dep_ == "ROOT"]
        if not roots or roots[0].pos_ not in ("NOUN", "PROPN", "PRON"):
            return "reported words with neither a verb nor a noun phrase"
    if kind == "phrase":
        root = next(t for t in doc if t.dep_ == "ROOT")
        if root.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and not re.search(r"[A-Z]", text):
            return f"a phrase whose head “{root.text}” is no noun"
    return None


# Dependents a cut may leave behind: punctuation and what stands beside a clause (a second clause,
# an adverbial or relative clause, an appositive, an adjunct).
_LOOSE = {
    "punct",
    "cc",
    "conj",
    "advcl",
    "relcl",
    "appos",
    "parataxis",
    "prep",
    "npadvmod",
    "advmod",
    "acl",
    "mark",
}
# Links that bind a word to a head that comes after it: a subject to its verb, a modifier to its noun.
_BOUND = {"nsubj", "nsubjpass", "amod", "compound", "det", "poss", "nummod", "aux", "auxpass", "case", "nmod"}
_MODIFIERS = {"amod", "det", "poss", "nummod", "aux", "auxpass", "case"}


def _located(text: str, article: AnalysedArticle) -> tuple[int, int] | None:
    """Where a field stands verbatim in the article (as written, or as a clause made a sentence)."""
    core = text.strip()
    for variant in (core, core[:-1] if core.endswith(".") else core):
        for candidate in (variant, variant[:1].lower() + variant[1:]):
            start = article.text.find(candidate)
            if start >= 0 and candidate:
                return start, start + len(candidate)
    return None


def _ends_a_sentence(text: str, article: AnalysedArticle) -> bool:
    """True when the field is copied up to where the article's sentence ends."""
    located = _located(text, article)
    if located is None:
        return False
    end = located[1]
    return any(
        s.start <= located[0] and article.of(Span(end, s.end)).strip(" .!?" + _CLOSERS) == ""
        for s in article.sentences
        if s.start <= located[0] < s.end
    )


def _cut_problem(kind: str, text: str, article: AnalysedArticle) -> str | None:
    """For a field copied from a sentence: does it stop where the article's own parse says a phrase
    or clause goes on (a subject without its verb, a verb without its complement, a modifier
    without its noun)? A noun phrase may be a subject or a title before a name."""
    located = _located(text, article)
    if located is None:
        return None
    start, end = located
    sentence = next((s for s in article.sentences if s.start <= start < s.end), None)
    if sentence is None or end > sentence.end:
        return None
    (doc,) = parse_texts([article.of(sentence)])
    inside = [
        t for t in doc if start <= sentence.start + t.idx and sentence.start + t.idx + len(t.text) <= end
    ]
    words = [t for t in inside if not t.is_punct]
    if not words or inside[-1].i == len(doc) - 1:
        return None
    last = words[-1]
    edge = inside[-1].i
    phrase = kind == "phrase" or (kind == "either" and not text.rstrip(_CLOSERS).endswith("."))
    bound = last.dep_ in _BOUND
    if phrase:  # "five Syrian sources" said ..., "political analyst" Dmitry Bridzhe: whole noun phrases
        # A title's head is the name it stands before ("former president Bashar al‑Assad").
        name = last.head.pos_ == "PROPN" or any(ch.isupper() for ch in last.head.text)
        bound = (last.dep_ in _MODIFIERS or last.dep_ == "compound") and not name
    if last.head.i > edge and bound:
        return f"“{last.text}” is cut from “{last.head.text}”"
    for token in inside:
        for child in token.children:
            comma = doc[edge + 1].text in (",", ";", "–", "—", ":") if edge + 1 < len(doc) else True
            if child.i > edge and child.dep_ not in _LOOSE and not comma:
                return f"“{token.text}” is cut from its “{child.text}”"
    return None


def clipped_fields(text: str) -> list[str]:
    """Every clipped field of the rules summary of ``text``, described."""
    article = AnalysedArticle(text)
    fields = [f for f in _fields(summarize_text(text)) if not _as_written(f[2], article)]
    docs = parse_texts([f[2] for f in fields])
    found = []
    for (where, kind, value), doc in zip(fields, docs, strict=True):
        problem = _problem(kind, value, doc, _ends_a_sentence(value, article)) or _cut_problem(
            kind, value, article
        )
        if problem:
            found.append(f"{where}: {problem}: {value!r}")
    return found


@pytest.mark.skipif(not ARTICLES, reason="no articles")
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_field_is_clipped(path: Path) -> None:
    assert clipped_fields(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("sentence", "SDF has agreed to fold into the Syrian state the base is"),
        ("phrase", "attributed to citing an"),
        ("sentence", "Syria from the SDF this month."),
        ("sentence", "Russia begins withdrawing forces amid shifts in the country’s political."),
        ("phrase", "US and the"),
    ],
)
def test_the_check_catches_clipped_fields(kind: str, text: str) -> None:
    (doc,) = parse_texts([text])
    assert _problem(kind, text, doc) is not None


@pytest.mark.skipif(not list(PAGES.glob("*.body.txt")), reason="web-page corpus not present")
@pytest.mark.parametrize("path", sorted(PAGES.glob("*.body.txt")), ids=lambda p: p.stem[:2])
def test_every_item_on_an_unseen_page_is_grounded(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = ground_summary(summarize_text(text), text)
    assert [(i.section, i.label, i.reasons) for i in report.items if i.verdict in REJECTED] == []
