"""Comparing outlets: several articles on one event, fact by fact (``summarize compare``).

Public API: ``compare_files(paths, **options)`` and ``compare_articles(articles, **options)``
return a ``Comparison`` (``summarize.compare.model``): each outlet's summary, the facts two or
more outlets give (agree / conflict) and notable ones only one gives, speakers quoted by several
outlets, unnamed sources, and actors merged across outlets. Every value is a span of its own
outlet's article.
"""

from .api import TooFewArticlesError, compare_articles, compare_files
from .model import Comparison, Fact, FactKind, FactStatus, FactValue

__all__ = [
    "Comparison",
    "Fact",
    "FactKind",
    "FactStatus",
    "FactValue",
    "TooFewArticlesError",
    "compare_articles",
    "compare_files",
]
