"""How well ``summarize compare`` (rules engine) finds the facts outlets agree and conflict on.

Scores the comparison references in ``evals/compare/`` (the real Qamishli cluster, read from
../shared/corpus beside the repository, and the invented Halcyon arrest cluster) and times five
articles of about 1,000 words each, built at run time from the corpus paragraphs (nothing is
copied into the repository). Prints one table, real and fiction side by side.

Run: .venv/bin/python bench/compare.py [--details]
"""

from __future__ import annotations

import statistics
import sys
import time

from summarize.article import article_from_text
from summarize.compare import compare_articles
from summarize.compare.scoring import (
    COMPARE_REFERENCES,
    SHARED_CORPUS,
    Reference,
    Score,
    load_reference,
    score,
)
from summarize.text.parse import english_pipeline

REFERENCES = {
    "real (qamishli)": COMPARE_REFERENCES / "qamishli.yaml",
    "fiction (halcyon)": COMPARE_REFERENCES / "fiction_halcyon_arrest" / "reference.yaml",
}
TIMING_WORDS = 1_000
TIMING_ARTICLES = 5
RUNS = 5


def run(reference: Reference) -> tuple[Score, float]:
    """Compare a reference's articles with the rules engine; the score and the median seconds."""
    texts = {article_id: path.read_text(encoding="utf-8") for article_id, path in reference.paths.items()}
    timings = []
    comparison = None
    for _ in range(RUNS):
        articles = [article_from_text(text, f"{article_id}.txt") for article_id, text in texts.items()]
        started = time.perf_counter()
        comparison = compare_articles(articles, engine="rules")
        timings.append(time.perf_counter() - started)
    assert comparison is not None
    return score(comparison, reference, texts), statistics.median(timings)


def thousand_word_articles() -> list[str]:
    """Five articles of about 1,000 words: each corpus article, then other corpus paragraphs
    (each repeat marked "Update N." so no paragraph is an exact duplicate)."""
    paths = sorted((SHARED_CORPUS / "qamishli").glob("*.txt"))[:TIMING_ARTICLES]
    paragraphs = [[p for p in path.read_text("utf-8").splitlines() if p.strip()] for path in paths]
    articles = []
    for index, own in enumerate(paragraphs):
        pool = own + [p for j, others in enumerate(paragraphs) if j != index for p in others]
        chosen: list[str] = []
        count = 0
        while count < TIMING_WORDS:
            repeat, position = divmod(len(chosen), len(pool))
            paragraph = pool[position] if repeat == 0 else f"Update {repeat}. {pool[position]}"
            chosen.append(paragraph)
            count += len(paragraph.split())
        articles.append("\n\n".join(chosen))
    return articles


def time_thousand_words() -> tuple[float, int]:
    """Median seconds to compare five ~1,000-word articles (rules engine, pipeline loaded)."""
    texts = thousand_word_articles()
    timings = []
    for _ in range(RUNS):
        articles = [article_from_text(text, f"article{i}.txt") for i, text in enumerate(texts)]
        started = time.perf_counter()
        compare_articles(articles, engine="rules")
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), sum(len(t.split()) for t in texts)


def main() -> None:
    details = "--details" in sys.argv
    started = time.perf_counter()
    english_pipeline()
    load_seconds = time.perf_counter() - started
    results = {name: run(load_reference(path)) for name, path in REFERENCES.items()}
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cell: callable) -> None:  # type: ignore[valid-type]
        rows.append((label, [cell(s, t) for s, t in results.values()]))

    row("conflict recall", lambda s, t: f"{s.conflict_recall:.2f} ({s.conflicts_found}/{s.conflicts})")
    row(
        "conflict precision",
        lambda s, t: f"{s.conflict_precision:.2f} ({s.predicted_conflicts_right}/{s.predicted_conflicts})",
    )
    row("agreement recall", lambda s, t: f"{s.agreement_recall:.2f} ({s.agreements_found}/{s.agreements})")
    row("only recall", lambda s, t: f"{s.only_recall:.2f} ({s.only_found}/{s.only})")
    row(
        "near misses called conflicts",
        lambda s, t: f"{len(s.near_misses_called_conflicts)} of {s.near_misses}",
    )
    row("every span exact", lambda s, t: "yes" if s.spans_exact else "NO")
    row("time (s, median of 5)", lambda s, t: f"{t:.2f}")
    width = max(len(label) for label, _ in rows)
    names = list(results)
    print(f"{'':<{width}}  " + "  ".join(f"{n:>20}" for n in names))
    for label, cells in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{c:>20}" for c in cells))
    seconds, words = time_thousand_words()
    print(
        f"\n{TIMING_ARTICLES} articles, {words:,} words: {seconds:.2f} s to compare (median of {RUNS}, "
        f"summaries included; spaCy loaded once before: {load_seconds:.1f} s)"
    )
    if details:
        for name, (result, _) in results.items():
            print(f"\n{name}")
            for item in result.missed:
                print(f"  missed: {item}")
            for item in result.wrong_conflicts:
                print(f"  wrong conflict: {item}")
            for item in result.near_misses_called_conflicts:
                print(f"  near miss called a conflict: {item}")


if __name__ == "__main__":
    main()
