"""Quotation marks: the spans of top-level quotations in a text, never across a line break.

Straight and curly double quotes, single quotes (told from apostrophes: "Russia’s", "Times' "),
guillemets (which take a space inside in French) and German „...“ quotes are understood.
"""

from __future__ import annotations

from .spans import Span, trimmed

OPEN_TO_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’", "'": "'"}
SINGLE_OPENERS = frozenset({"‘", "'"})
QUOTE_CHARS = "“”\"'‘’«»„"


def quotation_spans(text: str) -> list[Span]:
    """Spans of top-level quotations, marks included, in text order."""
    spans: list[Span] = []
    # Per closing mark, the line end beyond which a search already failed: an unmatched mark on a
    # long line is looked for once, not once per opener (keeps hostile input linear).
    exhausted: dict[str, int] = {}
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in OPEN_TO_CLOSE and _opens(text, index):
            close = _closing(text, index, exhausted)
            if close is not None:
                spans.append(Span(index, close + 1))
                index = close + 1
                continue
        index += 1
    return spans


def inside_marks(text: str, quotation: Span) -> Span:
    """The words inside a quotation's marks, without a trailing comma or surrounding spaces."""
    inner = trimmed(text, quotation.start + 1, quotation.end - 1)
    end = inner.end
    while end > inner.start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Span(inner.start, end)


def _opens(text: str, index: int) -> bool:
    char = text[index]
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if after.isspace() and char != "«":  # French guillemets take a space inside
        return False
    if char in SINGLE_OPENERS:
        # An apostrophe ("Russia’s", "Times' ") is not an opening quote.
        return not before.isalnum() and after.isalnum()
    return char != '"' or not before.isalnum()


def _closing(text: str, index: int, exhausted: dict[str, int]) -> int | None:
    opener = text[index]
    closers = "“”" if opener == "„" else OPEN_TO_CLOSE[opener]
    end_of_line = text.find("\n", index)
    limit = len(text) if end_of_line == -1 else end_of_line
    if exhausted.get(closers, -1) == limit:
        return None
    position = index + 1
    while position < limit:
        found = [p for p in (text.find(c, position, limit) for c in closers) if p >= 0]
        if not found:
            break
        position = min(found)
        after = text[position + 1] if position + 1 < len(text) else " "
        if opener not in SINGLE_OPENERS or not after.isalnum():
            return position
        position += 1
    exhausted[closers] = limit
    return None
