"""Time and score quote alignment: summarize's QuoteLocator against langextract's WordAligner.

Builds a ~100 KB article from the corpus paragraphs (shuffled with a fixed seed, generated at run
time, never committed) and 1,000 quotes with known answers: 250 each exact, normalized (case,
quotes, dashes, spacing), fuzzy (a few character edits and a dropped word) and fabricated (the
article's own words in a new order). A found quote is correct when its span overlaps an
occurrence of its source passage by at least 80% (IoU); a fabricated one when it is not found.

    .venv/bin/python bench/grounding.py            # needs the [bench] extra (langextract)
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from summarize.grounding import QuoteLocator
from summarize.text import AnalysedArticle

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"
SEED = 20260126
KINDS = ("exact", "normalized", "fuzzy", "fabricated")
Span = tuple[int, int] | None


def build_article(target: int = 100_000) -> str:
    paragraphs = [
        p.strip()
        for f in sorted(CORPUS.glob("*.txt"))
        for p in f.read_text("utf-8").split("\n")
        if len(p) > 60
    ]
    rng = random.Random(SEED)
    chunks: list[str] = []
    while sum(len(c) + 2 for c in chunks) < target:
        rng.shuffle(paragraphs)
        chunks.extend(paragraphs)
    return "\n\n".join(chunks)


def normalized_variant(rng: random.Random, passage: str) -> str:
    table = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "'": "’", '"': "“", "-": "–"}
    text = "".join(table.get(ch, ch) for ch in passage)
    text = text.upper() if rng.random() < 0.5 else text.lower()
    return text.replace(" ", "  ", 2)


def fuzzy_variant(rng: random.Random, passage: str) -> str:
    words = passage.split()
    del words[rng.randrange(1, len(words) - 1)]
    chars = list(" ".join(words))
    for _ in range(2):
        index = rng.randrange(len(chars))
        if chars[index].isalpha():
            chars[index] = rng.choice("aeiourst")
    return "".join(chars)


def build_quotes(article: str, count: int = 1000) -> list[tuple[str, str, str]]:
    """(kind, quote, source passage) with a fixed seed; the passage is '' for fabricated quotes."""
    rng = random.Random(SEED)
    words = [m for m in re.finditer(r"\S+", article)]
    vocabulary = [m.group() for m in words]
    quotes: list[tuple[str, str, str]] = []
    for index in range(count):
        kind = KINDS[index % 4]
        length = rng.randint(8, 25)
        first = rng.randrange(len(words) - length)
        passage = article[words[first].start() : words[first + length - 1].end()]
        if kind == "exact":
            quotes.append((kind, passage, passage))
        elif kind == "normalized":
            quotes.append((kind, normalized_variant(rng, passage), passage))
        elif kind == "fuzzy":
            quotes.append((kind, fuzzy_variant(rng, passage), passage))
        else:
            quotes.append((kind, " ".join(rng.choice(vocabulary) for _ in range(length)), ""))
    return quotes


def occurrences(article: str, passage: str) -> list[tuple[int, int]]:
    spans, start = [], article.find(passage)
    while start >= 0:
        spans.append((start, start + len(passage)))
        start = article.find(passage, start + 1)
    return spans


def correct(article: str, passage: str, span: Span) -> bool:
    if not passage:
        return span is None
    if span is None:
        return False
    for start, end in occurrences(article, passage):
        overlap = min(end, span[1]) - max(start, span[0])
        if overlap / (max(end, span[1]) - min(start, span[0])) >= 0.8:
            return True
    return False


def summarize_aligner(article: str) -> Callable[[str], Span]:
    locator = QuoteLocator(AnalysedArticle(article))

    def align(quote: str) -> Span:
        found = locator.locate(quote)
        return (found.span.start, found.span.end) if found.span is not None else None

    return align


def langextract_aligner(article: str) -> Callable[[str], Span]:
    from langextract import resolver
    from langextract.core import data

    aligner = resolver.WordAligner()  # type: ignore[no-untyped-call]

    def align(quote: str) -> Span:
        extraction = data.Extraction(extraction_class="quote", extraction_text=quote)
        [[aligned]] = aligner.align_extractions([[extraction]], article)
        interval = aligned.char_interval
        if aligned.alignment_status is None or interval is None:
            return None
        return (interval.start_pos or 0, interval.end_pos or 0)

    return align


def run(
    name: str, make: Callable[[str], Callable[[str], Span]], article: str, quotes: list[tuple[str, str, str]]
) -> dict[str, float]:
    started = time.perf_counter()
    align = make(article)
    results = [(kind, correct(article, passage, align(quote))) for kind, quote, passage in quotes]
    elapsed = time.perf_counter() - started
    row = {"seconds": elapsed, "all": sum(ok for _, ok in results) / len(results)}
    for kind in KINDS:
        mine = [ok for k, ok in results if k == kind]
        row[kind] = sum(mine) / len(mine)
    print(f"  {name}: {elapsed:.2f} s", file=sys.stderr)
    return row


def main() -> None:
    article = build_article()
    quotes = build_quotes(article)
    print(f"article: {len(article):,} characters; quotes: {len(quotes)} ({', '.join(KINDS)}: 250 each)")
    rows = {"summarize QuoteLocator": run("summarize", summarize_aligner, article, quotes)}
    try:
        rows["langextract WordAligner"] = run("langextract", langextract_aligner, article, quotes)
    except ImportError:
        print("langextract is not installed (pip install -e '.[bench]'); showing summarize only")
    header = f"{'aligner':<26}{'time (s)':>10}{'all':>8}" + "".join(f"{k:>12}" for k in KINDS)
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        cells = "".join(f"{row[k]:>12.1%}" for k in KINDS)
        print(f"{name:<26}{row['seconds']:>10.2f}{row['all']:>8.1%}{cells}")
    if len(rows) == 2:
        ours, theirs = rows.values()
        print(f"time ratio (langextract / summarize): {theirs['seconds'] / ours['seconds']:.1f}x")


if __name__ == "__main__":
    main()
