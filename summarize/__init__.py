"""Structured, source-grounded news summaries from any OpenAI-compatible model (or offline rules)."""

from .article import Article, read_article
from .batch import Outcome, summarize_many
from .config import Settings, resolve_settings
from .errors import SummarizeError
from .pipeline import Summarizer, summarize_article, summarize_file
from .result import RunMetadata, SummaryResult
from .schema import Summary

__all__ = [
    "Article",
    "Outcome",
    "RunMetadata",
    "Settings",
    "SummarizeError",
    "Summarizer",
    "Summary",
    "SummaryResult",
    "read_article",
    "resolve_settings",
    "summarize_article",
    "summarize_file",
    "summarize_many",
]
