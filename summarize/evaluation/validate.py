"""Checking hand-written references against their articles (``summarize eval validate``).

Each problem is one line an editor can jump to, ``file:line:column: field: what is wrong``:

- the reference's own shape (a missing field, a kind that is not one of the choices, a typo'd
  key), from the same pydantic models the run uses (references.reference_problems);
- every quote (evidence, analyst quotes, statements, ``must_not_appear``) must be in the article,
  as copied or with only whitespace, quote-mark, dash or case differences; otherwise the line
  shows the closest passage of the article;
- every name (actors, motive holders, analysts, speakers) must be spelled as in the article, or
  be an alias (``aliases.yaml``) of a spelling that is; otherwise the closest name in the article;
- a reference none of whose quotes is in its article is a mismatch: one line says so, instead of
  one per quote;
- a reference with no article beside it, or a reference naming another article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from ..article import Article
from ..errors import ConfigError
from ..grounding.alignment import AlignmentStatus, locate_quote
from ..yaml_files import read_yaml
from .locations import FileLocations, PathPart, dotted
from .names import NameMatcher
from .references import EvalCase, Reference, find_case_files, read_case_article, reference_problems

FOUND = frozenset({AlignmentStatus.exact, AlignmentStatus.normalized})
# A reference with at least this many quotes, none of them in the article, is for another article.
MISMATCH_MIN_QUOTES = 2
_CAPITALIZED_RUN = re.compile(
    r"\b[A-Z][\w'’.\-]*(?:\s+(?:(?:al|el|bin|de|la|van|von|of|the|for|and)\s+)*[A-Z][\w'’.\-]*)*"
)


@dataclass
class ValidationResult:
    """What ``validate_references`` found."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return " ".join(
        text.casefold().replace("’", "'").replace("‘", "'").replace("‑", "-").replace("–", "-").split()
    )


def _quotes(reference: Reference) -> Iterator[tuple[list[PathPart], str]]:
    summary = reference.summary
    for j, quote in enumerate(summary.event.evidence):
        yield ["summary", "event", "evidence", j], quote
    for section in ("actors", "stated_motives", "uncertainties"):
        for i, item in enumerate(getattr(summary, section)):
            for j, quote in enumerate(item.evidence):
                yield ["summary", section, i, "evidence", j], quote
    for i, view in enumerate(summary.analyst_views):
        yield ["summary", "analyst_views", i, "quote"], view.quote
    for i, statement in enumerate(summary.statements):
        yield ["summary", "statements", i, "text"], statement.text
    for i, boilerplate in enumerate(reference.must_not_appear):
        yield ["must_not_appear", i], boilerplate


def _names(reference: Reference) -> Iterator[tuple[list[PathPart], str]]:
    summary = reference.summary
    for i, actor in enumerate(summary.actors):
        yield ["summary", "actors", i, "name"], actor.name
    for i, motive in enumerate(summary.stated_motives):
        yield ["summary", "stated_motives", i, "actor"], motive.actor
    for i, view in enumerate(summary.analyst_views):
        yield ["summary", "analyst_views", i, "analyst"], view.analyst
    for i, statement in enumerate(summary.statements):
        yield ["summary", "statements", i, "speaker"], statement.speaker


def _shown(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _closest_passage(quote: str, text: str) -> str:
    alignment = fuzz.partial_ratio_alignment(quote, text)
    if alignment is None or alignment.score < 60:
        return "nothing in the article comes close"
    passage = text[alignment.dest_start : alignment.dest_end]
    return f"closest passage, {alignment.score:.0f}% alike: {_shown(passage)}"


def check_against_article(
    reference: Reference, reference_path: Path, article: Article, article_path: Path, names: NameMatcher
) -> list[str]:
    """Every quote and name of ``reference`` that its article does not hold, one line each."""
    locations = FileLocations(reference_path)
    text = article.text
    missing: list[str] = []
    quotes = list(_quotes(reference))
    for path, quote in quotes:
        alignment = locate_quote(quote, article.analysed)
        if alignment.status in FOUND:
            continue
        missing.append(
            f"{locations.where(path)}: {dotted(path)}: {_shown(quote)} is not in {article_path.name} "
            f"({_closest_passage(quote, text)})"
        )
    if len(quotes) >= MISMATCH_MIN_QUOTES and len(missing) == len(quotes):
        return [
            f"{reference_path}: none of its {len(quotes)} quotes is in {article_path}: is it the reference "
            "of another article, or the article of another reference?"
        ]
    folded = _fold(text)
    candidates: list[str] | None = None
    for path, name in _names(reference):
        if _fold(name) in folded or any(_fold(alias) in folded for alias in names.aliases_of(name)):
            continue
        if candidates is None:
            candidates = sorted(set(_CAPITALIZED_RUN.findall(text)))
        best = process.extractOne(name, candidates, scorer=fuzz.ratio) if candidates else None
        hint = (
            f"closest name in the article: {best[0]!r}" if best and best[1] >= 50 else "no similar name in it"
        )
        missing.append(
            f"{locations.where(path)}: {dotted(path)}: {name!r} is not spelled as in {article_path.name} ({hint}); "
            "write it as the article does, or add the spelling to aliases.yaml"
        )
    return missing


def check_cases(cases: list[EvalCase], names: NameMatcher) -> list[str]:
    """The article checks of cases already loaded (their shape was checked on loading)."""
    problems: list[str] = []
    for case in cases:
        if case.reference_path is not None and case.article_path is not None:
            problems.extend(
                check_against_article(
                    case.reference, case.reference_path, case.article, case.article_path, names
                )
            )
    return problems


def validate_references(corpus_dirs: list[Path], evals_dir: Path, names: NameMatcher) -> ValidationResult:
    """Check every reference in the eval folder (and its corpus folders) against its article."""
    result = ValidationResult()
    files = find_case_files(corpus_dirs, evals_dir)
    for orphan in files.orphans:
        result.problems.append(
            f"{orphan}: no article {orphan.stem}.txt (or .html) beside this reference: rename one to match the other"
        )
    for pair in files.pairs:
        result.checked += 1
        try:
            data = read_yaml(pair.reference_path, "reference")
            article = read_case_article(pair.article_path)
        except ConfigError as exc:
            result.problems.append(exc.message)
            continue
        reference, problems = reference_problems(pair.reference_path, data)
        result.problems.extend(problems)
        if reference is not None and not problems:
            result.problems.extend(
                check_against_article(reference, pair.reference_path, article, pair.article_path, names)
            )
    return result
