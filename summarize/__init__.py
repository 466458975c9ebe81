"""Structured, source-grounded news summaries from any OpenAI-compatible model (or offline rules)."""

from .article import Article, read_article
from .batch import Outcome, summarize_many
from .compare import Comparison, compare_articles, compare_files
from .config import Settings, resolve_settings
from .errors import SummarizeError
from .pipeline import Summarizer, summarize_article, summarize_file
from .result import RunMetadata, SummaryResult
from .schema import Summary

__all__ = [
    "Article",
    "Comparison",
    "Outcome",
    "RunMetadata",
    "Settings",
    "SummarizeError",
    "Summarizer",
    "Summary",
    "SummaryResult",
    "compare_articles",
    "compare_files",
    "read_article",
    "resolve_settings",
    "summarize_article",
    "summarize_file",
    "summarize_many",
]
