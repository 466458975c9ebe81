"""The pipeline: article in, engine, grounding, SummaryResult out. No engine-specific code here."""

from __future__ import annotations

import time
from importlib import metadata
from types import TracebackType
from typing import Any

from .article import Article, article_from_text, read_article
from .config import Settings, resolve_settings
from .engines.base import Engine
from .engines.registry import create_engine
from .errors import GroundingError
from .grounding import REJECTED, GroundingReport
from .grounding.policy import Grounder
from .result import RunMetadata, SummaryResult


def tool_version() -> str:
    """This package's installed version."""
    try:
        return metadata.version("summarize")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "0+unknown"


class Summarizer:
    """Summarizes articles with one engine, kept open across articles (a local server starts once)."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        if engine is None:
            choice = create_engine(settings)
            engine, self.notice = choice.engine, choice.notice
        else:
            self.notice = None
        self.engine = engine

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
        grounder = Grounder(article.analysed)
        output = self.engine.summarize(article, check=grounder.reasons if grounding == "strict" else None)
        summary = output.summary
        notices = [self.notice] if self.notice else []
        notices.extend(output.notices)
        report = None
        if grounding != "off":
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


def _require_supported_event(report: GroundingReport) -> None:
    # Items can be dropped; the event cannot, so a strict run without a supported event fails.
    for item in report.items:
        if item.section == "event" and item.verdict in REJECTED:
            raise GroundingError(
                "strict grounding: the article does not support the summary's event ("
                + "; ".join(item.reasons or ["no evidence found"])
                + ")"
            )


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
