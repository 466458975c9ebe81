"""Scoring article-body extraction against hand-made ground truth (bench/extract.py and its test).

The metric of the article-extraction benchmark the HTML corpus comes from: text is tokenised
into ``\\w+`` runs, lowercased, and cut into 4-word shingles counted with multiplicity; per page,
true positives, false positives and false negatives are normalised to sum to 1 (so long pages
weigh no more than short ones); precision and recall are averaged over pages (precision over the
pages where something was extracted, recall over those with a non-empty truth), and F1 is taken
of the two averages.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

SHINGLE_WORDS = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """Precision (None when nothing was extracted) and recall (None when the truth is empty)."""

    precision: float | None
    recall: float | None

    @property
    def f1(self) -> float:
        """The page's own F1 (0 when nothing was extracted), for ranking worst cases."""
        precision, recall = self.precision or 0.0, self.recall or 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class CorpusScore:
    """F1 of the page-averaged precision and recall."""

    f1: float
    precision: float
    recall: float


@dataclass(frozen=True)
class CorpusPage:
    """One page of the HTML corpus: its file name, raw bytes, ground-truth body and original URL."""

    name: str
    html: bytes
    truth: str
    url: str


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    count = max(1, len(tokens) - SHINGLE_WORDS + 1)
    return Counter(shingle for i in range(count) if (shingle := tuple(tokens[i : i + SHINGLE_WORDS])))


def score_page(extracted: str, truth: str) -> PageScore:
    """Shingle precision and recall of one extraction against its ground truth."""
    predicted, expected = _shingles(extracted), _shingles(truth)
    tp = sum((predicted & expected).values())
    fp = sum((predicted - expected).values())
    fn = sum((expected - predicted).values())
    perfect = fp == fn == 0
    return PageScore(
        precision=(1.0 if perfect else tp / (tp + fp)) if tp + fp else None,
        recall=(1.0 if perfect else tp / (tp + fn)) if tp + fn else None,
    )


def score_corpus(pages: list[PageScore]) -> CorpusScore:
    """F1 of the precision and recall averaged over pages."""
    precisions = [page.precision for page in pages if page.precision is not None]
    recalls = [page.recall for page in pages if page.recall is not None]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    total = precision + recall
    return CorpusScore(
        f1=2 * precision * recall / total if total else 0.0, precision=precision, recall=recall
    )


def load_html_corpus(folder: Path) -> list[CorpusPage]:
    """The pages listed in ``folder/manifest.json`` (``file``, ``body``, ``url``), in manifest order."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [
        CorpusPage(
            name=entry["file"],
            html=(folder / entry["file"]).read_bytes(),
            truth=(folder / entry["body"]).read_text(encoding="utf-8"),
            url=entry.get("url", ""),
        )
        for entry in manifest
    ]
