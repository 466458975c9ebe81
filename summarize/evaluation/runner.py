"""Running a suite: summarize each case's article, score it, and collect an EvalReport.

A replayed run that meets a request its recordings do not hold (StaleRecordingError) goes on
with the other articles, so the user learns of every stale one at once, then fails loudly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext

from rapidfuzz import fuzz

from ..article import Article
from ..errors import StaleRecordingError, SummarizeError
from ..result import SummaryResult
from ..schema import Summary
from .grounding_counts import count_grounding
from .judges import SimilarityJudge
from .matching import SECTIONS, SectionMatch, SummaryMatcher
from .metrics import ArticleResult, ItemOutcome, SectionScore, find_leaks
from .names import NameMatcher
from .references import EvalCase
from .report import EvalReport

SummarizeFn = Callable[[Article], SummaryResult]
# Called after each article with (index, total, case id) so a caller can draw progress.
ProgressFn = Callable[[int, int, str], None]
# Wraps everything done for one case (summary and judging): the recordings use it to know the article.
CaseContext = Callable[[str], AbstractContextManager[object]]


def score_summary(
    case: EvalCase, summary: Summary, matcher: SummaryMatcher
) -> tuple[dict[str, SectionScore], list[str]]:
    """Section scores and boilerplate leaks of one summary against its case's reference."""
    sections, leaks, _ = score_summary_items(case, summary, matcher)
    return sections, leaks


def score_summary_items(
    case: EvalCase, summary: Summary, matcher: SummaryMatcher
) -> tuple[dict[str, SectionScore], list[str], list[ItemOutcome]]:
    """Section scores, boilerplate leaks and every item's outcome (for what newly fails or passes)."""
    matches = matcher.match(summary, case.reference.summary)
    sections = {
        name: SectionScore(matched=m.matched, predicted=m.predicted, reference=m.reference)
        for name, m in matches.items()
    }
    items = [item for name, m in matches.items() for item in item_outcomes(name, m)]
    return sections, find_leaks(summary, case.reference.must_not_appear), items


def item_outcomes(section: str, match: SectionMatch) -> list[ItemOutcome]:
    """Each reference item, matched or missed (with the closest summary item), then each unmatched summary item."""
    by_reference = {j: i for i, j, _ in match.pairs}
    matched_predicted = set(by_reference.values())
    outcomes = []
    for j, label in enumerate(match.reference_labels):
        if j in by_reference:
            outcomes.append(
                ItemOutcome(
                    section=section,
                    reference=label,
                    summary=match.predicted_labels[by_reference[j]],
                    matched=True,
                )
            )
        else:
            closest = max(
                match.predicted_labels, key=lambda text: fuzz.token_set_ratio(label, text), default=None
            )
            outcomes.append(ItemOutcome(section=section, reference=label, summary=closest, matched=False))
    outcomes.extend(
        ItemOutcome(section=section, summary=label, matched=False)
        for i, label in enumerate(match.predicted_labels)
        if i not in matched_predicted
    )
    return outcomes


def evaluate_case(
    case: EvalCase, summarize: SummarizeFn, matcher: SummaryMatcher
) -> tuple[ArticleResult, str | None]:
    """Measure one article's summary (and name the model that wrote it); a failure scores as empty."""
    started = time.perf_counter()
    try:
        result = summarize(case.article)
    except StaleRecordingError:
        raise
    except SummarizeError as exc:
        seconds = time.perf_counter() - started
        # Nothing predicted: every reference item is missed.
        reference = case.reference.summary
        sections = {
            name: SectionScore(reference=1 if name == "event" else len(getattr(reference, name)))
            for name in SECTIONS
        }
        failed = ArticleResult(
            article=case.case_id,
            fiction=case.reference.fiction,
            sections=sections,
            seconds=round(seconds, 3),
            error=f"{type(exc).__name__}: {exc.message}",
        )
        return failed, None
    seconds = time.perf_counter() - started
    sections, leaks, items = score_summary_items(case, result.summary, matcher)
    usage = result.metadata.usage
    scored = ArticleResult(
        article=case.case_id,
        fiction=case.reference.fiction,
        sections=sections,
        grounding=count_grounding(result.summary, case.article.text, result.grounding),
        leaks=leaks,
        tokens=usage.total_tokens,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        seconds=round(seconds, 3),
        items=items,
    )
    return scored, result.metadata.model


def run_eval(
    cases: Sequence[EvalCase],
    summarize: SummarizeFn,
    judge: SimilarityJudge,
    names: NameMatcher,
    *,
    engine: str,
    model: str | None = None,
    progress: ProgressFn | None = None,
    case_context: CaseContext | None = None,
) -> EvalReport:
    """Evaluate every case in order and return the report; raise StaleRecordingError at the end
    when any article's recording was stale (naming the first, counting the others)."""
    matcher = SummaryMatcher(judge, names)
    results = []
    stale: list[StaleRecordingError] = []
    for index, case in enumerate(cases, start=1):
        try:
            with case_context(case.case_id) if case_context else nullcontext():
                result, used_model = evaluate_case(case, summarize, matcher)
        except StaleRecordingError as exc:
            stale.append(exc)
        else:
            results.append(result)
            model = model or used_model
        if progress is not None:
            progress(index, len(cases), case.case_id)
    if stale:
        first = stale[0]
        others = (
            f" ({len(stale) - 1} more stale: {', '.join(e.name for e in stale[1:])})"
            if len(stale) > 1
            else ""
        )
        raise StaleRecordingError(first.message + others, path=first.path, name=first.name, original=first)
    return EvalReport(
        engine=engine,
        model=model,
        judge=judge.name,
        judge_threshold=judge.threshold,
        sections=list(SECTIONS),
        articles=results,
    )
