"""The text layer's segmenter against spaCy's (en_core_web_sm 3.8), side by side on the corpus and
fiction articles: sentence counts, boundaries where they disagree, and time.

Why the package segments with its own rules and uses spaCy only for parses: spaCy splits inside
quotations ("“We stay. We fight,” he said." becomes two sentences, cutting a quote from its
speaker) and costs far more than the rules; its parser is what the checker needs (who did what
to whom), run over the segmenter's sentences. This prints the evidence for that choice.

    python bench/text_layer.py
"""

from __future__ import annotations

import time
from pathlib import Path

from summarize.text import AnalysedArticle
from summarize.text.parse import english_pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"


def articles() -> list[tuple[str, str]]:
    paths = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "evals" / "cases").glob("*.txt"))
    return [(path.stem[:22], path.read_text(encoding="utf-8")) for path in paths]


def main() -> None:
    nlp = english_pipeline()
    rows = []
    ours_time = spacy_time = parse_time = 0.0
    examples: list[str] = []
    for name, text in articles():
        started = time.perf_counter()
        ours = {(s.start, s.end) for s in AnalysedArticle(text).sentences}
        ours_time += time.perf_counter() - started
        started = time.perf_counter()
        theirs: set[tuple[int, int]] = set()
        for line_start, line in _lines(text):
            doc = nlp(line)
            theirs |= {
                (line_start + s.start_char, line_start + s.end_char) for s in doc.sents if s.text.strip()
            }
        spacy_time += time.perf_counter() - started
        started = time.perf_counter()
        AnalysedArticle(text).parsed(range(len(ours)))
        parse_time += time.perf_counter() - started
        only_ours = {span for span in ours if span not in theirs}
        only_theirs = {span for span in theirs if span not in ours}
        rows.append((name, len(ours), len(theirs), len(only_ours), len(only_theirs)))
        for start, end in sorted(only_ours)[:1]:
            if any(mark in text[start:end] for mark in '“"'):
                examples.append(f"{name}: ours keeps “{text[start:end][:110]}…” whole")
    print(f"{'article':24} {'ours':>6} {'spaCy':>6} {'only ours':>10} {'only spaCy':>11}")
    for name, ours_count, theirs_count, a, b in rows:
        print(f"{name:24} {ours_count:>6} {theirs_count:>6} {a:>10} {b:>11}")
    words = sum(len(text.split()) for _, text in articles())
    print(
        f"\n{words:,} words: our segmenter {1000 * ours_time:.0f} ms; spaCy segmenting (full pipeline) "
        f"{1000 * spacy_time:.0f} ms; spaCy parse of our sentences {1000 * parse_time:.0f} ms"
    )
    print("\n".join(examples[:5]))


def _lines(text: str) -> list[tuple[int, str]]:
    found = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            found.append((position, line))
        position += len(line) + 1
    return found


if __name__ == "__main__":
    main()
