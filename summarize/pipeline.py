"""The pipeline: article in, engine, grounding, SummaryResult out. No engine-specific code here."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from types import TracebackType
from typing import Any

from .article import Article, article_from_text, read_article
from .chunking import summarize_in_parts
from .config import Settings, resolve_settings
from .engines.base import Engine, SummaryCheck
from .engines.registry import create_engine
from .errors import ArticleTooLongError, ConfigError, GroundingError
from .grounding import REJECTED, ClaimJudge, GroundingReport
from .grounding.policy import Grounder
from .llm.pacing import RequestGate
from .result import RunMetadata, SummaryResult


def tool_version() -> str:
    """This package's installed version."""
    try:
        return metadata.version("summarize")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "0+unknown"


# Told the article's source and what is being done to it ("summarizing with local", "grounding").
StageListener = Callable[[str, str], None]


class Summarizer:
    """Summarizes articles with one engine, kept open across articles (a local server starts once).

    ``on_stage``, when set, is told each stage of each article as it begins (progress displays).
    """

    def __init__(
        self, settings: Settings, engine: Engine | None = None, *, gate: RequestGate | None = None
    ) -> None:
        self.settings = settings
        self.on_stage: StageListener | None = None
        # Shared with sibling summarizers (a batch's workers): a Retry-After pauses them all.
        self.gate = gate or RequestGate()
        self._owns_engine = engine is None
        if engine is None:
            choice = create_engine(settings, gate=self.gate)
            engine, self.notice = choice.engine, choice.notice
        else:
            self.notice = None
        self.engine = engine
        self.judge = claim_judge_of(engine) if settings.judge == "llm" else None

    @property
    def runs_concurrently(self) -> bool:
        """True when sibling summarizers can work at once (an endpoint: requests are I/O)."""
        return self._owns_engine and bool(getattr(self.engine, "runs_concurrently", False))

    def sibling(self) -> Summarizer:
        """Another summarizer with these settings, its own engine, and this one's request gate."""
        return Summarizer(self.settings, gate=self.gate)

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the engine (stops a local server)."""
        self.engine.close()

    def summarize(self, article: Article) -> SummaryResult:
        """Summarize one article and ground the result as the settings ask."""
        started = time.perf_counter()
        grounding = self.settings.grounding
        # One grounder per article, shared with an engine that checks its own output; a model
        # judge (--judge llm) gets its own.
        grounder = (
            article.analysed.layer(Grounder)
            if self.judge is None
            else Grounder(article.analysed, judge=self.judge)
        )
        self._stage(article, f"summarizing with {self.engine.name}")
        notices = [self.notice] if self.notice else []
        try:
            output = self.engine.summarize(article, check=grounder.reasons if grounding == "strict" else None)
        except ArticleTooLongError as too_long:
            output, parts = summarize_in_parts(self.engine, article, too_long, check_for=self._part_check)
            notices.append(
                f"the article is longer than the model's context: summarized in {parts} overlapping parts, "
                "merged, and grounded against the whole article"
            )
        summary = output.summary
        notices.extend(output.notices)
        report = None
        if grounding != "off":
            self._stage(article, "grounding")
            report = grounder.report(summary)
            if grounding == "strict":
                _require_supported_event(report)
                summary, report, dropped = grounder.prune(summary)
                if dropped:
                    notices.append(f"strict grounding dropped {dropped} unsupported item(s)")
        meta = RunMetadata(
            source=article.source,
            engine=self.engine.name,
            model=output.model,
            mode=output.mode,
            prompt_version=output.prompt_version,
            tool_version=tool_version(),
            grounding_mode=grounding,
            usage=output.usage,
            attempts=output.attempts,
            reasks=output.reasks,
            seconds=round(time.perf_counter() - started, 3),
            notices=notices,
            page=article.page,
        )
        return SummaryResult(summary=summary, metadata=meta, grounding=report).with_article_text(article.text)

    def _stage(self, article: Article, stage: str) -> None:
        if self.on_stage is not None:
            self.on_stage(article.source, stage)

    def _part_check(self, part: Article) -> SummaryCheck | None:
        return Grounder(part.analysed).reasons if self.settings.grounding == "strict" else None


def _require_supported_event(report: GroundingReport) -> None:
    # Items can be dropped; the event cannot, so a strict run without a supported event fails.
    for item in report.items:
        if item.section == "event" and item.verdict in REJECTED:
            raise GroundingError(
                "strict grounding: the article does not support the summary's event ("
                + "; ".join(item.reasons or ["no evidence found"])
                + ")"
            )


def claim_judge_of(engine: Engine) -> ClaimJudge:
    """The engine as a claim judge (``--judge llm``): only model engines can judge."""
    if not callable(getattr(engine, "judge_claim", None)):
        raise ConfigError(
            "--judge llm needs a model: configure an endpoint (OPENAI_BASE_URL or OPENAI_API_KEY) "
            "or use --engine local"
        )
    return engine  # type: ignore[return-value]  # it has judge_claim, checked just above


@contextmanager
def open_claim_judge(settings: Settings) -> Iterator[ClaimJudge]:
    """A claim judge over the engine the settings name (closed when the block ends)."""
    choice = create_engine(settings)
    try:
        yield claim_judge_of(choice.engine)
    finally:
        choice.engine.close()


def summarize_article(
    text: str, *, source: str = "<text>", engine: Engine | str | None = None, **options: Any
) -> SummaryResult:
    """Summarize one article's text; keyword options are the CLI's (model=, base_url=, engine=, ...).

    ``engine`` may be an Engine instance (e.g. a fake in tests) or an engine name.
    """
    return _summarize_once(article_from_text(text, source), engine, options)


def summarize_file(path: str, *, engine: Engine | str | None = None, **options: Any) -> SummaryResult:
    """Summarize the article at ``path`` (a file, an HTML page, a URL, or '-' for stdin).

    Options are summarize_article's; a web page's metadata is kept in ``result.metadata.page``.
    """
    max_bytes = resolve_settings(max_bytes=options.get("max_bytes")).max_bytes
    return _summarize_once(read_article(path, max_bytes=max_bytes), engine, options)


def _summarize_once(article: Article, engine: Engine | str | None, options: dict[str, Any]) -> SummaryResult:
    if isinstance(engine, str):
        options["engine"] = engine
        engine = None
    settings = resolve_settings(**options)
    with Summarizer(settings, engine) as summarizer:
        return summarizer.summarize(article)
