"""Article-body extraction on the HTML corpus: summarize's extractor against trafilatura's own modes.

    python bench/extract.py [CORPUS_DIR]      # default: ../shared/corpus/html

Scores (summarize.evaluation.extraction_score: the benchmark's 4-word-shingle metric) on all
pages, on pages 00-11 (the ones the news-page rules were tuned on) and on pages 12-23 (held
out: never looked at while writing the rules), the median milliseconds per page (decoding and
metadata included for summarize), then the pages where summarize does worst.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

import trafilatura

from summarize.evaluation.extraction_score import (
    CorpusPage,
    CorpusScore,
    PageScore,
    load_html_corpus,
    score_corpus,
    score_page,
)
from summarize.web.charsets import decode_page
from summarize.web.extraction import extract_page

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "html"
TUNED_PAGES = 12
WORST_SHOWN = 6

Extractor = Callable[[bytes], str]


def summarize_extractor(html: bytes) -> str:
    return extract_page(decode_page(html, "page"), "page").body


def trafilatura_mode(*, favor_precision: bool = False, favor_recall: bool = False) -> Extractor:
    def extract(html: bytes) -> str:
        text = trafilatura.extract(
            html.decode("utf-8"), favor_precision=favor_precision, favor_recall=favor_recall
        )
        return text or ""

    return extract


EXTRACTORS: dict[str, Extractor] = {
    "summarize (trafilatura + news rules)": summarize_extractor,
    "trafilatura defaults": trafilatura_mode(),
    "trafilatura favor_precision": trafilatura_mode(favor_precision=True),
    "trafilatura favor_recall": trafilatura_mode(favor_recall=True),
}


def run(extract: Extractor, pages: list[CorpusPage]) -> tuple[list[PageScore], float]:
    extract(pages[0].html)  # warm-up: first-call imports and caches are not per-page cost
    scores, seconds = [], []
    for page in pages:
        started = time.perf_counter()
        text = extract(page.html)
        seconds.append(time.perf_counter() - started)
        scores.append(score_page(text, page.truth))
    return scores, median(seconds) * 1000


def cells(score: CorpusScore) -> str:
    return f"{score.f1:6.3f} {score.precision:6.3f} {score.recall:6.3f}"


def main(corpus: Path) -> None:
    pages = load_html_corpus(corpus)
    results = {name: run(extract, pages) for name, extract in EXTRACTORS.items()}
    tuned, held = f"F1 00-{TUNED_PAGES - 1:02d}", f"F1 {TUNED_PAGES:02d}-{len(pages) - 1:02d}"
    print(f"{len(pages)} pages from {corpus}")
    print(f"{'extractor':38} {'F1':>6} {'P':>6} {'R':>6}  {tuned:>8} {held:>8}  {'median ms':>9}")
    for name, (scores, ms) in results.items():
        print(
            f"{name:38} {cells(score_corpus(scores))}  {score_corpus(scores[:TUNED_PAGES]).f1:8.3f} "
            f"{score_corpus(scores[TUNED_PAGES:]).f1:8.3f}  {ms:9.1f}"
        )
    ours, baseline = results[next(iter(EXTRACTORS))][0], results["trafilatura defaults"][0]
    print("\nworst pages for summarize (page F1, precision/recall; trafilatura defaults alongside):")
    worst = sorted(range(len(pages)), key=lambda i: ours[i].f1)[:WORST_SHOWN]
    for i in worst:
        mine, theirs = ours[i], baseline[i]
        print(
            f"  {pages[i].name:24} summarize {mine.f1:.3f} ({mine.precision or 0:.2f}/{mine.recall or 0:.2f})"
            f"   trafilatura {theirs.f1:.3f} ({theirs.precision or 0:.2f}/{theirs.recall or 0:.2f})"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS)
