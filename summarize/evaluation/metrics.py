"""The numbers an eval reports per article and in total, and how they add up.

Per section: matched / predicted / reference counts, from which precision, recall and F1.
Totals are micro-averaged (counts summed over articles, then divided), so an article with many
items weighs more than one with few, and a section empty in both summary and reference is
simply absent rather than a perfect or a failing score.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, computed_field

from ..schema import Summary
from ..text.fold import fold_word
from ..text.words import words
from .matching import SECTIONS


class SectionScore(BaseModel):
    """Matched, predicted and reference item counts of one section, with P/R/F1 derived from them."""

    model_config = ConfigDict(extra="ignore")

    matched: int = 0
    predicted: int = 0
    reference: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        """Share of the summary's items that match a reference item; None when it has none."""
        return self.matched / self.predicted if self.predicted else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        """Share of the reference's items the summary matched; None when the reference has none."""
        return self.matched / self.reference if self.reference else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; 0 when only one side has items, None when neither."""
        if not self.predicted and not self.reference:
            return None
        total = self.predicted + self.reference
        return 2 * self.matched / total

    def __add__(self, other: SectionScore) -> SectionScore:
        return SectionScore(
            matched=self.matched + other.matched,
            predicted=self.predicted + other.predicted,
            reference=self.reference + other.reference,
        )


class GroundingCounts(BaseModel):
    """How many summary items the grounding checks found supported, unsupported or misattributed."""

    model_config = ConfigDict(extra="ignore")

    items: int = 0
    supported: int = 0
    unsupported: int = 0
    contradicted: int = 0
    misattributed: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rate(self) -> float | None:
        """Share of items whose evidence the article supports; None for an empty summary."""
        return self.supported / self.items if self.items else None

    def __add__(self, other: GroundingCounts) -> GroundingCounts:
        return GroundingCounts(
            items=self.items + other.items,
            supported=self.supported + other.supported,
            unsupported=self.unsupported + other.unsupported,
            contradicted=self.contradicted + other.contradicted,
            misattributed=self.misattributed + other.misattributed,
        )


class ItemOutcome(BaseModel):
    """One item of one section: a reference item (matched or missed), or a summary item no
    reference item matched. Kept in the report so a later run can say what newly fails or passes."""

    model_config = ConfigDict(extra="ignore")

    section: str
    reference: str | None = Field(
        default=None, description="What the reference says; None for a summary item that matched nothing."
    )
    summary: str | None = Field(
        default=None,
        description="What the summary says: the matched item, else the closest one in the section, if any.",
    )
    matched: bool


class ArticleResult(BaseModel):
    """Everything measured on one article."""

    model_config = ConfigDict(extra="ignore")

    article: str
    fiction: bool = False
    sections: dict[str, SectionScore]
    grounding: GroundingCounts = Field(default_factory=GroundingCounts)
    leaks: list[str] = Field(
        default_factory=list, description="must_not_appear strings found in the summary."
    )
    tokens: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    error: str | None = Field(default=None, description="Why the engine produced no summary, if it failed.")
    items: list[ItemOutcome] = Field(default_factory=list)


class Totals(BaseModel):
    """Micro-averaged totals over a set of articles."""

    articles: int
    failed: int
    sections: dict[str, SectionScore]
    grounding: GroundingCounts
    leaks: int
    tokens: int
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds_per_article: float


def total(results: Iterable[ArticleResult]) -> Totals:
    """Sum the per-article counts into micro-averaged totals."""
    results = list(results)
    sections = {name: SectionScore() for name in SECTIONS}
    grounding = GroundingCounts()
    for result in results:
        for name in SECTIONS:
            sections[name] = sections[name] + result.sections.get(name, SectionScore())
        grounding = grounding + result.grounding
    seconds = sum(result.seconds for result in results)
    return Totals(
        articles=len(results),
        failed=sum(1 for result in results if result.error),
        sections=sections,
        grounding=grounding,
        leaks=sum(len(result.leaks) for result in results),
        tokens=sum(result.tokens for result in results),
        prompt_tokens=sum(result.prompt_tokens for result in results),
        completion_tokens=sum(result.completion_tokens for result in results),
        seconds_per_article=round(seconds / len(results), 3) if results else 0.0,
    )


def _words(text: str) -> list[str]:
    return [fold_word(token) for token in words(text)]


def summary_text(summary: Summary) -> str:
    """Every string in a summary, one per line (the text a reader would see)."""
    lines: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            lines.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(summary.model_dump(mode="json"))
    return "\n".join(lines)


def find_leaks(summary: Summary, must_not_appear: Iterable[str]) -> list[str]:
    """The boilerplate strings whose words appear, in order and contiguous, in any field of the summary."""
    fields = [_words(line) for line in summary_text(summary).splitlines()]
    leaks = []
    for boilerplate in must_not_appear:
        needle = _words(boilerplate)
        if needle and any(_contains_run(words, needle) for words in fields):
            leaks.append(boilerplate)
    return leaks


def _contains_run(words: list[str], needle: list[str]) -> bool:
    width = len(needle)
    return any(words[start : start + width] == needle for start in range(len(words) - width + 1))
