"""Articles longer than the model's context: summarized in parts, then merged into one summary.

- The article is split on paragraph boundaries (line breaks) into parts that fit the context,
  each part an exact slice of the article, so every quote the model copies from a part is also
  verbatim in the article. Consecutive parts share a paragraph (the overlap), so a quotation
  that runs into the next paragraph is seen whole by one part.
- How much fits is learnt from the engine's own context check (``ArticleTooLongError`` carries
  the estimate and the room left); the check runs before any request, so a part that does not
  fit costs nothing and is split again. A single paragraph that cannot fit is the only refusal.
- The parts' summaries are merged: the event is the first part's (the lede); actors, analysts and
  speakers are one person when ``summarize.text.names.same_name`` says so; duplicates (what the
  overlap repeats) are removed and their evidence pooled. The pipeline then grounds the merged
  summary against the whole article, so every span in the report points into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .article import Article
from .engines.base import Engine, EngineOutput, SummaryCheck
from .errors import ArticleTooLongError
from .schema import AnalystView, Statement, Summary
from .text.names import same_name
from .text.words import words
from .usage import TokenUsage

# Far more parts than a long feature needs at any usable context; a bound on requests per article.
MAX_PARTS = 100
# Parts are sized a little under what the estimate allows: the estimate is linear, the text is not.
FILL = 0.95
# A paragraph shared by two parts must be short next to the part, or the overlap would cost a part.
OVERLAP_SHARE = 0.25

_LINE = re.compile(r"[^\n]*\S[^\n]*")


@dataclass(frozen=True)
class Part:
    """One part of an article: the character range of a run of whole paragraphs."""

    start: int
    end: int
    first: int  # index of its first paragraph
    last: int  # index of its last paragraph (inclusive)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: the article's paragraphs, as line breaks delimit them."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text)]


@dataclass
class _Fit:
    """How many characters a part may hold, learnt from the context check's estimates."""

    room: int | None = None  # prompt tokens the context leaves
    seen: list[tuple[int, int]] = field(default_factory=list)  # (characters, estimated tokens)
    ceiling: int | None = None  # a part this long is known not to fit

    def observe(self, chars: int, error: ArticleTooLongError) -> None:
        self.ceiling = chars - 1 if self.ceiling is None else min(self.ceiling, chars - 1)
        if error.tokens_needed is not None and error.tokens_allowed is not None:
            self.room = error.tokens_allowed
            self.seen.append((chars, error.tokens_needed))

    def target(self, fallback: int) -> int:
        """Characters a part should hold; ``fallback`` when nothing was learnt (the server refused)."""
        target = fallback
        if self.room is not None and self.seen:
            (c1, t1), (c2, t2) = self.seen[0], self.seen[-1]
            if c1 != c2 and t1 != t2:  # prompt overhead and tokens per character, from two estimates
                slope = (t1 - t2) / (c1 - c2)
                target = int((self.room - (t1 - slope * c1)) / slope * FILL)
            else:
                target = int(c2 * self.room / t2 * FILL)
        if self.ceiling is not None:
            target = min(target, self.ceiling)
        return max(target, 1)


def _pack(spans: Sequence[tuple[int, int]], first: int, target: int) -> Part:
    """The longest run of paragraphs from ``first`` that fits ``target`` characters (at least one)."""
    last = first
    while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= target:
        last += 1
    return Part(spans[first][0], spans[last][1], first, last)


def _too_long_paragraph(
    article: Article, span: tuple[int, int], index: int, error: ArticleTooLongError
) -> None:
    start, end = span
    preview = " ".join(article.text[start:end].split()[:8])
    needs = (
        f": it needs about {error.tokens_needed} prompt tokens, more than the {error.tokens_allowed} the context leaves"
        if error.tokens_needed is not None
        else ""
    )
    raise ArticleTooLongError(
        f"the article is longer than the model's context, and its paragraph {index + 1} "
        f"({end - start:,} characters, starting {preview!r}) does not fit even alone{needs}; "
        "use a model with a longer context (--context-tokens)",
        original=error,
        tokens_needed=error.tokens_needed,
        tokens_allowed=error.tokens_allowed,
    )


def summarize_in_parts(
    engine: Engine,
    article: Article,
    too_long: ArticleTooLongError,
    *,
    check_for: Callable[[Article], SummaryCheck | None] = lambda part: None,
) -> tuple[EngineOutput, int]:
    """Summarize an article that ``engine`` refused as too long, part by part; the merged output and
    the number of parts. ``check_for`` gives each part its strict-grounding check."""
    spans = paragraph_spans(article.text)
    if not spans:
        raise too_long
    fit = _Fit()
    fit.observe(len(article.text) + 1, too_long)
    outputs: list[EngineOutput] = []
    first = 0
    while True:
        part = _pack(spans, first, fit.target(fallback=(spans[-1][1] - spans[first][0]) // 2))
        text = article.text[part.start : part.end]
        piece = Article(text=text, source=article.source, page=article.page)
        try:
            outputs.append(engine.summarize(piece, check=check_for(piece)))
        except ArticleTooLongError as exc:
            if part.first == part.last:
                _too_long_paragraph(article, spans[part.first], part.first, exc)
            fit.observe(part.end - part.start, exc)
            continue
        if part.last == len(spans) - 1:
            break
        if len(outputs) >= MAX_PARTS:
            raise ArticleTooLongError(
                f"the article would need more than {MAX_PARTS} parts to fit the model's context; "
                "use a model with a longer context (--context-tokens)",
                original=too_long,
            )
        first = _next_first(spans, part, fit.target(fallback=part.end - part.start))
    return merge_outputs(outputs), len(outputs)


def _next_first(spans: Sequence[tuple[int, int]], part: Part, target: int) -> int:
    """Where the next part starts: on this part's last paragraph (the overlap) when that is short
    and leaves room for new text, else on the paragraph after it."""
    overlap = part.last
    start, end = spans[overlap]
    if (
        part.first < overlap
        and end - start <= target * OVERLAP_SHARE
        and _pack(spans, overlap, target).last > overlap
    ):
        return overlap
    return part.last + 1


# -- merging -----------------------------------------------------------------------------------
T = TypeVar("T")


def _words(text: str | None) -> str:
    return " ".join(word.casefold() for word in words(text or ""))


def _same_words(first: str | None, second: str | None) -> bool:
    """One text inside the other, word for word (what the overlap repeats, or a shorter copy)."""
    a, b = _words(first), _words(second)
    return bool(a and b) and (a in b or b in a)


def _pooled(*lists: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for items in lists:
        for item in items:
            seen.setdefault(_words(item) or item, item)
    return list(seen.values())


def _merge(items: Iterable[T], same: Callable[[T, T], bool], combine: Callable[[T, T], T]) -> list[T]:
    merged: list[T] = []
    for item in items:
        for position, kept in enumerate(merged):
            if same(kept, item):
                merged[position] = combine(kept, item)
                break
        else:
            merged.append(item)
    return merged


def _longer(first: str, second: str) -> str:
    return second if len(second) > len(first) else first


def merge_summaries(summaries: Sequence[Summary]) -> Summary:
    """One summary from the summaries of an article's parts, in article order."""
    actors = _merge(
        (a for s in summaries for a in s.actors),
        lambda kept, new: same_name(kept.name, new.name),
        lambda kept, new: kept.model_copy(
            update={"name": _longer(kept.name, new.name), "evidence": _pooled(kept.evidence, new.evidence)}
        ),
    )
    motives = _merge(
        (m for s in summaries for m in s.stated_motives),
        lambda kept, new: same_name(kept.actor, new.actor) and _same_words(kept.motive, new.motive),
        lambda kept, new: kept.model_copy(update={"evidence": _pooled(kept.evidence, new.evidence)}),
    )
    views = _merge(
        (v for s in summaries for v in s.analyst_views),
        lambda kept, new: same_name(kept.analyst, new.analyst) and _same_words(kept.quote, new.quote),
        _keep_longer_quote,
    )
    uncertainties = _merge(
        (u for s in summaries for u in s.uncertainties),
        lambda kept, new: (
            _same_words(kept.claim, new.claim)
            or bool(set(map(_words, kept.evidence)) & set(map(_words, new.evidence)))
        ),
        lambda kept, new: kept.model_copy(update={"evidence": _pooled(kept.evidence, new.evidence)}),
    )
    statements = _merge(
        (st for s in summaries for st in s.statements),
        lambda kept, new: same_name(kept.speaker, new.speaker) and _same_words(kept.text, new.text),
        _keep_longer_text,
    )
    return Summary(
        event=summaries[0].event,
        actors=actors,
        stated_motives=motives,
        analyst_views=views,
        uncertainties=uncertainties,
        statements=statements,
    )


def _keep_longer_quote(kept: AnalystView, new: AnalystView) -> AnalystView:
    # The part that saw the whole quotation (the overlap cut the other short) keeps it.
    chosen = new if len(new.quote) > len(kept.quote) else kept
    return chosen.model_copy(update={"affiliation": kept.affiliation or new.affiliation})


def _keep_longer_text(kept: Statement, new: Statement) -> Statement:
    chosen = new if len(new.text) > len(kept.text) else kept
    return chosen.model_copy(update={"role": kept.role or new.role})


def merge_outputs(outputs: Sequence[EngineOutput]) -> EngineOutput:
    """The parts' outputs as one: the merged summary, and what every part cost, summed."""
    usage = TokenUsage.none()
    for output in outputs:
        usage.add_completion(output.usage.prompt_tokens, output.usage.completion_tokens)
        usage.requests += output.usage.requests
    return EngineOutput(
        summary=merge_summaries([o.summary for o in outputs]),
        model=outputs[0].model,
        usage=usage,
        attempts=sum(o.attempts for o in outputs),
        reasks=sum(o.reasks for o in outputs),
        mode=outputs[0].mode,
        prompt_version=outputs[0].prompt_version,
        notices=list(dict.fromkeys(n for o in outputs for n in o.notices)),
    )


__all__ = [
    "MAX_PARTS",
    "merge_outputs",
    "merge_summaries",
    "paragraph_spans",
    "summarize_in_parts",
]
