"""How fast the rule-based engine summarizes long articles; prints a table against the 1 s limit.

Articles are built at run time by repeating the shared corpus articles' text (nothing is copied
into the repository) up to each target length. Run: .venv/bin/python bench/rules_speed.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from summarize.engines.rules import summarize_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "qamishli"
SIZES = (500, 1_000, 2_500, 5_000, 10_000)
LIMIT_MS = 1_000.0


def build_article(words: int) -> str:
    """An article of about ``words`` words made of whole corpus paragraphs, repeated as needed.

    Each repeat opens with "Update N." so no paragraph is an exact duplicate, which the
    boilerplate filter would drop and so flatter the timing.
    """
    paragraphs = [
        p for path in sorted(CORPUS.glob("*.txt")) for p in path.read_text("utf-8").splitlines() if p
    ]
    if not paragraphs:
        raise SystemExit(f"no corpus at {CORPUS}")
    chosen: list[str] = []
    count = 0
    while count < words:
        repeat, index = divmod(len(chosen), len(paragraphs))
        paragraph = paragraphs[index] if repeat == 0 else f"Update {repeat}. {paragraphs[index]}"
        chosen.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(chosen)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print(f"rules engine, median of {runs} runs per size (limit {LIMIT_MS:.0f} ms)")
    print(f"{'words':>7}  {'median ms':>10}  {'max ms':>8}  {'share of limit':>14}")
    for size in SIZES:
        text = build_article(size)
        summarize_text(text)  # warm caches (regex compilation) before timing
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            summarize_text(text)
            timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        print(f"{len(text.split()):>7}  {median:>10.1f}  {max(timings):>8.1f}  {median / LIMIT_MS:>13.0%}")


if __name__ == "__main__":
    main()
