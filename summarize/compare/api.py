"""The comparison pipeline: articles in, each outlet's summary and the facts between them out.

``compare_articles`` takes already-read articles; ``compare_files`` reads paths, URLs or '-',
reporting an unreadable input and comparing the rest. Summaries come from the configured engine
(the offline rules engine when nothing is configured); facts, speakers and sources are found by
rules over the articles themselves, so every value is a span of its own article.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..article import Article, read_article
from ..config import Settings, resolve_settings
from ..errors import InputError, SummarizeError
from ..pipeline import Summarizer, tool_version
from ..web.sniffing import is_url
from .align import Weights, group_slots
from .clauses import Clause, align_clauses, build_article_clauses
from .facts import OutletText, build_clause_fact, build_fact, notable_only
from .model import Comparison, ComparisonMetadata, Fact, FactStatus, Failure, Outlet
from .overlap import describe_overlap
from .people import merged_actors, shared_speakers, unnamed_sources
from .slots import Slot, body_sentence_indices, build_article_slots

MIN_ARTICLES = 2


class TooFewArticlesError(InputError):
    """Fewer than two readable articles to compare."""


def outlet_name(article: Article, taken: set[str]) -> str:
    """The outlet's name: the page's site name, else the file's stem (or the URL's host)."""
    name = article.page.site_name if article.page and article.page.site_name else None
    if not name:
        source = article.source
        if is_url(source):
            name = urlsplit(source).hostname or source
        elif source in ("<stdin>", "<text>"):
            name = "stdin" if source == "<stdin>" else "text"
        else:
            name = Path(source).stem or source
    unique, number = name, 1
    while unique in taken:
        number += 1
        unique = f"{name} ({number})"
    taken.add(unique)
    return unique


def compare_articles(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    summarizer: Summarizer | None = None,
    failures: Sequence[Failure] = (),
    **options: Any,
) -> Comparison:
    """Compare already-read articles (two or more); options are the CLI's (engine=, model=, ...)."""
    started = time.perf_counter()
    if len(articles) < MIN_ARTICLES:
        raise TooFewArticlesError(
            f"compare needs at least {MIN_ARTICLES} readable articles, got {len(articles)}"
        )
    for article in articles:
        # One parse per article, in one batch, before the summaries: their grounding reads it too.
        article.analysed.parsed(body_sentence_indices(article.analysed))
    own = summarizer is None
    if summarizer is None:
        summarizer = Summarizer(settings or resolve_settings(**options))
    try:
        results = [summarizer.summarize(article) for article in articles]
        engine = summarizer.engine.name
    finally:
        if own:
            summarizer.close()
    taken: set[str] = set()
    outlets: list[Outlet] = []
    texts: list[OutletText] = []
    all_slots: list[Slot] = []
    all_clauses: list[Clause] = []
    contexts: list[frozenset[str]] = []
    for index, (article, result) in enumerate(zip(articles, results, strict=True)):
        name = outlet_name(article, taken)
        analysed = article.analysed
        found = analysed.layer(build_article_slots)
        outlets.append(
            Outlet(
                name=name,
                source=article.source,
                date=found.date.isoformat() if found.date else None,
                result=result,
            )
        )
        texts.append(OutletText(name, analysed))
        all_slots.extend(replace(slot, outlet=index) for slot in found.slots)
        all_clauses.extend(replace(clause, outlet=index) for clause in analysed.layer(build_article_clauses))
        contexts.extend(found.contexts)
    weights = Weights(contexts)
    groups, paired = group_slots(all_slots, weights)
    facts = [build_fact(group, texts) for group in groups]
    paired |= {id(slot) for group in groups for slot in group}
    weight = {key: weights.of(key) for clause in all_clauses for key in clause.keys}
    for actions in align_clauses(all_clauses, weight):
        if not _restates_conflict(actions, facts, texts):
            facts.append(build_clause_fact(actions, texts))
    facts.sort(key=_fact_order)
    facts.extend(build_fact([slot], texts) for slot in notable_only(all_slots, paired, len(texts)))
    return Comparison(
        outlets=outlets,
        overlap=describe_overlap(facts, texts, weights),
        facts=facts,
        speakers=shared_speakers(texts),
        unnamed_sources=unnamed_sources(texts),
        actors=merged_actors(texts),
        failures=list(failures),
        metadata=ComparisonMetadata(
            engine=engine, tool_version=tool_version(), seconds=round(time.perf_counter() - started, 3)
        ),
    )


def _restates_conflict(actions: list[Clause], facts: list[Fact], texts: list[OutletText]) -> bool:
    """Clauses that hold the values of a conflict: the conflict says it; an "agree" would mislead."""
    spans = {texts[clause.outlet].name: clause.core for clause in actions}
    for fact in facts:
        if fact.status is not FactStatus.conflict:
            continue
        inside = [v for v in fact.values if v.outlet in spans and spans[v.outlet].contains(v.span)]
        if len({v.group for v in inside}) >= 2:
            return True
    return False


def _fact_order(fact: Fact) -> tuple[int, int]:
    status = {FactStatus.conflict: 0, FactStatus.agree: 1, FactStatus.only: 2}[fact.status]
    return status, -len(fact.values)


def compare_files(paths: Sequence[str | Path], **options: Any) -> Comparison:
    """Read and compare articles (files, HTML pages, URLs, '-'); unreadable ones are reported in
    ``failures`` and the rest compared. Options are the CLI's (engine=, model=, ...)."""
    if len(paths) < MIN_ARTICLES:
        raise TooFewArticlesError(f"compare needs at least {MIN_ARTICLES} articles, got {len(paths)}")
    articles: list[Article] = []
    failures: list[Failure] = []
    for path in paths:
        try:
            articles.append(read_article(path))
        except SummarizeError as exc:
            failures.append(Failure(source=str(path), message=exc.message, exit_code=exc.exit_code))
    if len(articles) < MIN_ARTICLES:
        reasons = "; ".join(f.message for f in failures)
        raise TooFewArticlesError(
            f"compare needs at least {MIN_ARTICLES} readable articles, got {len(articles)} ({reasons})"
        )
    return compare_articles(articles, failures=failures, **options)
