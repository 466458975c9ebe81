"""Running a suite: summarize each case's article, score it, and collect an EvalReport."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from ..article import Article
from ..errors import SummarizeError
from ..result import SummaryResult
from ..schema import Summary
from .grounding_counts import count_grounding
from .judges import SimilarityJudge
from .matching import SECTIONS, SummaryMatcher
from .metrics import ArticleResult, SectionScore, find_leaks
from .names import NameMatcher
from .references import EvalCase
from .report import EvalReport

SummarizeFn = Callable[[Article], SummaryResult]
# Called after each article with (index, total, case id) so a caller can draw progress.
ProgressFn = Callable[[int, int, str], None]


def score_summary(
    case: EvalCase, summary: Summary, matcher: SummaryMatcher
) -> tuple[dict[str, SectionScore], list[str]]:
    """Section scores and boilerplate leaks of one summary against its case's reference."""
    matches = matcher.match(summary, case.reference.summary)
    sections = {
        name: SectionScore(matched=m.matched, predicted=m.predicted, reference=m.reference)
        for name, m in matches.items()
    }
    return sections, find_leaks(summary, case.reference.must_not_appear)


def evaluate_case(
    case: EvalCase, summarize: SummarizeFn, matcher: SummaryMatcher
) -> tuple[ArticleResult, str | None]:
    """Measure one article's summary (and name the model that wrote it); a failure scores as empty."""
    started = time.perf_counter()
    try:
        result = summarize(case.article)
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
    sections, leaks = score_summary(case, result.summary, matcher)
    scored = ArticleResult(
        article=case.case_id,
        fiction=case.reference.fiction,
        sections=sections,
        grounding=count_grounding(result.summary, case.article.text, result.grounding),
        leaks=leaks,
        tokens=result.metadata.usage.total_tokens,
        seconds=round(seconds, 3),
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
) -> EvalReport:
    """Evaluate every case in order and return the report."""
    matcher = SummaryMatcher(judge, names)
    results = []
    for index, case in enumerate(cases, start=1):
        result, used_model = evaluate_case(case, summarize, matcher)
        results.append(result)
        model = model or used_model
        if progress is not None:
            progress(index, len(cases), case.case_id)
    return EvalReport(
        engine=engine,
        model=model,
        judge=judge.name,
        judge_threshold=judge.threshold,
        sections=list(SECTIONS),
        articles=results,
    )
