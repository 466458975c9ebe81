"""The extractor over the 24 real pages with hand-made ground truth: a regression floor.

The floor sits a little under the F1 measured by ``python bench/extract.py`` (0.982 with
trafilatura 2.3.1), so a change that loses story text or lets furniture back in fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.evaluation.extraction_score import load_html_corpus, score_corpus, score_page
from summarize.web.charsets import decode_page
from summarize.web.extraction import extract_page

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "html"
F1_FLOOR = 0.978
TRAFILATURA_DEFAULTS_F1 = 0.969


@pytest.mark.skipif(not (CORPUS / "manifest.json").is_file(), reason=f"no HTML corpus at {CORPUS}")
def test_extraction_f1_on_the_html_corpus_stays_above_its_floor() -> None:
    pages = load_html_corpus(CORPUS)
    scores = [score_page(extract_page(decode_page(p.html, p.name), p.name).body, p.truth) for p in pages]
    result = score_corpus(scores)
    assert len(pages) == 24
    assert result.f1 >= F1_FLOOR, f"F1 {result.f1:.4f} (P {result.precision:.3f}, R {result.recall:.3f})"
    assert result.f1 > TRAFILATURA_DEFAULTS_F1


def test_the_metric_is_the_benchmarks() -> None:
    truth = "one two three four five six"
    assert score_page(truth, truth).f1 == 1.0
    half = score_page("one two three four", truth)  # 1 of 3 shingles found, nothing extra
    assert (half.precision, round(half.recall or 0, 3)) == (1.0, 0.333)
    assert score_page("", truth).precision is None  # nothing extracted: left out of precision
    assert score_corpus([score_page(truth, truth), score_page("", truth)]).precision == 1.0
    assert score_corpus([score_page(truth, truth), score_page("", truth)]).recall == 0.5
