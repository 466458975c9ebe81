"""Value expressions in one parsed sentence: amounts, durations, ages and dates, with their spans.

The words come from the one tokenizer (``text.words``); the parse (``AnalysedArticle.parsed``)
says which noun a number counts ("7000 small investors", "140m crowns", "two of his associates")
and which word the value hangs on. "Mr Maravic and two associates" counts three people; "a year
and a half" is 18 months; "a fortnight" 14 days; "Maravic, 54," and "the 54-year-old founder"
are ages; "up to", "about", "more than" and "each" qualify a value.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..text.spans import Span
from ..text.words import NUMBER_WORDS, canonical_number, word_spans
from .anchors import fold
from .dates import DateMention, is_year, read_date
from .values import Amount, Bound, Duration
from .vocabulary import (
    APPROXIMATORS,
    CURRENCIES,
    CURRENCY_SYMBOLS,
    DAYS_IN,
    LOWER_BOUNDS,
    MEASURE_UNITS,
    MEASURES_BEFORE,
    PEOPLE_NOUNS,
    PERCENT_WORDS,
    SCALES,
    UPPER_BOUNDS,
)

_TWO_WORD_BOUNDS = {
    ("up", "to"): Bound.at_most,
    ("less", "than"): Bound.at_most,
    ("fewer", "than"): Bound.at_most,
    ("at", "most"): Bound.at_most,
    ("more", "than"): Bound.at_least,
    ("at", "least"): Bound.at_least,
}
_ARTICLES = {"a": 1.0, "an": 1.0}
_SINGULAR = {"centuries": "century"}


@dataclass(frozen=True)
class Expression:
    """A value found in a sentence: its span in the article, the parse token it hangs on, the value."""

    kind: str  # amount | duration | age | date
    span: Span
    head: Token
    value: Amount | Duration | DateMention
    holder: Token | None = None  # the person an age belongs to


class SentenceTokens:
    """One sentence: the tokenizer's words (spans in the article) and the parse, tied by offset."""

    def __init__(self, text: str, sentence: Span, doc: Doc) -> None:
        self.text = text
        self.sentence = sentence
        self.doc = doc
        self.spans = word_spans(text, sentence.start, sentence.end)
        self.words = [span.of(text) for span in self.spans]
        self.lower = [fold(word) for word in self.words]
        self._by_offset = {sentence.start + token.idx + k: token for token in doc for k in range(len(token))}

    def token_at(self, offset: int) -> Token | None:
        """The parse token covering an article offset."""
        return self._by_offset.get(offset)

    def span_of(self, token: Token) -> Span:
        """A parse token's span in the article."""
        start = self.sentence.start + token.idx
        return Span(start, start + len(token.text))

    def subtree_span(self, token: Token) -> Span:
        """The span of a token's whole subtree (trimmed of punctuation at its ends)."""
        tokens = [t for t in token.subtree if not t.is_punct or t.text in "%$€£"]
        if not tokens:
            return self.span_of(token)
        return Span(self.span_of(tokens[0]).start, self.span_of(tokens[-1]).end)


def find_expressions(sentence: SentenceTokens) -> list[Expression]:
    """Every amount, duration, age and date in a sentence, left to right, without overlaps."""
    found: list[Expression] = []
    words, lower = sentence.words, sentence.lower
    index = 0
    while index < len(words):
        step = (
            _date(sentence, index, found)
            or _duration(sentence, index, found)
            or _amount(sentence, index, found)
        )
        index = step if step else index + 1
    del words, lower
    return found


def _number(word: str) -> float | None:
    canonical = canonical_number(word)
    if canonical is None or fold(word) == "fortnight":
        return None
    try:
        return float(canonical)
    except ValueError:
        return None


def _qualifiers(sentence: SentenceTokens, index: int) -> tuple[int, bool, Bound | None]:
    """(first word index, approximate?, bound) of the qualifiers before a number."""
    lower = sentence.lower
    if index >= 2 and (lower[index - 2], lower[index - 1]) in _TWO_WORD_BOUNDS:
        return index - 2, False, _TWO_WORD_BOUNDS[(lower[index - 2], lower[index - 1])]
    if index >= 2 and (lower[index - 2], lower[index - 1]) in {("an", "estimated"), ("close", "to")}:
        return index - 2, True, None
    if index >= 1:
        word = lower[index - 1]
        if word in APPROXIMATORS:
            return index - 1, True, None
        if word in UPPER_BOUNDS and word != "up":
            return index - 1, False, Bound.at_most
        if word in LOWER_BOUNDS and word not in {"more", "least"}:
            return index - 1, False, Bound.at_least
    return index, False, None


def _date(sentence: SentenceTokens, index: int, found: list[Expression]) -> int | None:
    result = read_date(sentence.words, sentence.spans, index, sentence.text)
    if result is None:
        return None
    end, mention = result
    if mention.year is not None and mention.month is None and mention.weekday is None:
        # A lone four-digit number counting something ("2019 people") is not a year.
        following = sentence.lower[end] if end < len(sentence.words) else ""
        if following in PEOPLE_NOUNS or following in CURRENCIES or following in PERCENT_WORDS:
            return None
    head = sentence.token_at(mention.span.end - 1) or sentence.token_at(mention.span.start)
    if head is None:
        return None
    found.append(Expression("date", mention.span, head, mention))
    return end


def _duration(sentence: SentenceTokens, index: int, found: list[Expression]) -> int | None:
    words, lower = sentence.words, sentence.lower
    amount = _ARTICLES.get(lower[index]) or _number(words[index])
    if amount is None or index + 1 >= len(words):
        return None
    unit = _SINGULAR.get(lower[index + 1], lower[index + 1].removesuffix("s"))
    if unit not in DAYS_IN:
        return None
    end = index + 2
    if end + 2 < len(words) + 1 and lower[end : end + 3] == ["and", "a", "half"]:
        amount += 0.5
        end += 3
    if end < len(words) and lower[end] in {"ago", "old"}:
        return None  # a date ("14 months ago") or an age, read elsewhere
    if lower[index] in _ARTICLES and unit not in {
        "fortnight",
        "year",
        "month",
        "week",
        "day",
        "hour",
        "decade",
    }:
        return None
    first, approx, bound = _qualifiers(sentence, index)
    span = Span(sentence.spans[first].start, sentence.spans[end - 1].end)
    head = sentence.token_at(sentence.spans[index + 1].start)
    if head is None:
        return None
    found.append(Expression("duration", span, head, Duration(amount * DAYS_IN[unit], approx, bound)))
    return end


def _amount(sentence: SentenceTokens, index: int, found: list[Expression]) -> int | None:
    words, lower, spans = sentence.words, sentence.lower, sentence.spans
    word = words[index]
    number = _number(word)
    if number is None or lower[index] in {"hundred", "thousand", "dozen"}:
        return None
    end = index + 1
    step = _step(word)
    if word.endswith("%"):
        unit: str | None = "percent"
    else:
        unit = None
        while end < len(words) and lower[end] in {"hundred", "thousand"} and not word[:1].isdigit():
            number *= NUMBER_WORDS[lower[end]]
            end += 1
        if end < len(words) and lower[end] in SCALES and _adjacent_or_spaced(sentence, end):
            number *= SCALES[lower[end]]
            step *= SCALES[lower[end]]
            end += 1
        if end < len(words) and lower[end] in PERCENT_WORDS:
            unit, end = "percent", end + 1
        elif end < len(words) and lower[end] in CURRENCIES:
            unit, end = "money:" + _currency(lower[end]), end + 1
    symbol = sentence.text[spans[index].start - 1 : spans[index].start]
    if unit is None and symbol in CURRENCY_SYMBOLS:
        unit = "money:" + CURRENCY_SYMBOLS[symbol]
    if end < len(words) and lower[end] == "year-old":
        return _age(sentence, index, end + 1, number, found)
    first, approx, bound = _qualifiers(sentence, index)
    token = sentence.token_at(spans[index].start)
    if token is None:
        return None
    if unit is None:
        holder = _appositive_holder(sentence, token, index)
        if holder is not None:
            found.append(
                Expression(
                    "age", Span(spans[index].start, spans[end - 1].end), token, Amount(number, "age"), holder
                )
            )
            return end
    head, counted = _counted_noun(token)
    start = spans[first].start - (1 if symbol in CURRENCY_SYMBOLS else 0)
    stop = spans[end - 1].end
    if unit is None and index > 0 and lower[index - 1] in MEASURES_BEFORE:
        # "a magnitude 6.4 earthquake", "level 4": the measure is named before the number.
        unit, start = lower[index - 1], min(start, spans[index - 1].start)
        counted = None
    if unit is None:
        if counted is None:
            return None
        unit = _unit_name(counted)
        stop = max(stop, sentence.span_of(counted).end)
        start, number = _with_named_companion(sentence, token, counted, start, number)
    elif counted is not None and counted.i > token.i and unit != "percent":
        stop = max(stop, sentence.span_of(counted).end)
    if not unit:
        return None
    found.append(
        Expression("amount", Span(start, stop), head, Amount(number, unit, approx, bound, step=step))
    )
    return end


def _step(word: str) -> float:
    """The precision a figure is written to: 1 for "42", 0.1 for "41.8", 0.01 for "2.10"."""
    digits = canonical_number(word) or ""
    if "." not in digits:
        return 1.0
    return 10.0 ** -len(digits.split(".", 1)[1])


def _unit_name(noun: Token) -> str:
    """The unit a number counts, one name per unit: "people" for any people, "kilometre" for km."""
    lemma = noun.lemma_.casefold()
    if noun.lower_ in PEOPLE_NOUNS or lemma in PEOPLE_NOUNS:
        return "people"
    return MEASURE_UNITS.get(noun.lower_) or MEASURE_UNITS.get(lemma) or lemma


def _adjacent_or_spaced(sentence: SentenceTokens, index: int) -> bool:
    gap = sentence.text[sentence.spans[index - 1].end : sentence.spans[index].start]
    return gap in ("", " ")


def _currency(word: str) -> str:
    return {"sterling": "pound", "gbp": "pound", "usd": "dollar", "eur": "euro"}.get(
        word, word.removesuffix("s")
    )


def _counted_noun(token: Token) -> tuple[Token, Token | None]:
    """(the token the value hangs on, the noun the number counts) for a number token."""
    noun = token
    for _ in range(3):
        if noun.dep_ in ("nummod", "quantmod", "compound", "nmod") and noun.head.pos_ in (
            "NOUN",
            "PROPN",
            "NUM",
        ):
            noun = noun.head
            if noun.pos_ != "NUM" and noun.lower_ not in SCALES:
                return noun, noun
        else:
            break
    for child in token.children:  # "two of his associates"
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ == "NOUN":
                    return token, grandchild
    # A parse that lost the noun ("an estimated 7,000 IS militants"): the first noun just after.
    for following in token.doc[token.i + 1 : token.i + 4]:
        if following.pos_ == "NOUN" and following.lower_ not in SCALES:
            return token, following
        if following.is_punct or following.pos_ in ("VERB", "ADP", "CCONJ", "DET"):
            break
    return token, None


def _with_named_companion(
    sentence: SentenceTokens, number_token: Token, noun: Token, start: int, number: float
) -> tuple[int, float]:
    """ "Mr Maravic and two associates" (or "two of his associates") counts the named person too."""
    if noun.lemma_.casefold() not in PEOPLE_NOUNS and noun.lower_ not in PEOPLE_NOUNS:
        return start, number
    for item in (noun, number_token):
        if item.dep_ == "conj" and item.head.pos_ == "PROPN":
            first = min((t for t in item.head.subtree if t.i <= item.head.i), key=lambda t: t.i)
            return min(start, sentence.span_of(first).start), number + 1
    return start, number


def _appositive_holder(sentence: SentenceTokens, token: Token, index: int) -> Token | None:
    """ "Maravic, 54, ...": a bare number set off by commas after a name is the person's age."""
    text = sentence.text
    span = sentence.spans[index]
    before = text[max(0, span.start - 2) : span.start]
    after = text[span.end : span.end + 1]
    if (
        before != ", "
        or after not in (",", "")
        or not 1 <= float(canonical_number(span.of(text)) or 0) <= 120
    ):
        return None
    if index == 0 or not sentence.words[index - 1][:1].isupper() or is_year(sentence.words[index]):
        return None
    return sentence.token_at(sentence.spans[index - 1].start)


def _age(sentence: SentenceTokens, index: int, end: int, number: float, found: list[Expression]) -> int:
    token = sentence.token_at(sentence.spans[index].start)
    if token is None:
        return end
    noun = token
    while noun.head is not noun and (noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in {"year", "old"}):
        noun = noun.head
    holder = noun
    if noun.dep_ == "appos":
        holder = noun.head
    else:
        for child in noun.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                holder = child
    found.append(
        Expression(
            "age",
            Span(sentence.spans[index].start, sentence.spans[end - 1].end),
            token,
            Amount(number, "age"),
            holder,
        )
    )
    return end
