"""Shorter JSON for a result: ``--compact`` (the summary with each item's verdict, no repeated text)
and ``--fields`` (only the sections asked for).

The full result repeats the article: each item's evidence, then the same text again in the
grounding report's quotes and labels. The compact form keeps the summary's own fields and puts
each item's verdict (and, when it is not supported, the reasons) on the item itself; the evidence
stays in the full form, whose spans point into the article. ``--fields`` keeps the result's shape
and drops what was not asked for: summary sections, and ``grounding`` / ``metadata``; grounding
items follow the sections chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .result import SummaryResult
from .schema import Summary

SUMMARY_SECTIONS: tuple[str, ...] = tuple(Summary.model_fields)
RESULT_PARTS = ("grounding", "metadata")
FIELD_NAMES: tuple[str, ...] = (*SUMMARY_SECTIONS, *RESULT_PARTS)
# What the compact form keeps of the run metadata.
COMPACT_METADATA = ("source", "engine", "model", "grounding_mode", "seconds")


@dataclass(frozen=True)
class OutputShape:
    """How much of a result to print: everything (the default), compact, or chosen fields."""

    compact: bool = False
    fields: tuple[str, ...] = ()  # empty: every field

    @property
    def is_full(self) -> bool:
        """True when the result is printed whole, as its model serializes."""
        return not self.compact and not self.fields


def parse_fields(text: str) -> tuple[str, ...]:
    """'event,analyst_views,grounding' -> the names, checked; 'summary' means every section."""
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip().replace("-", "_")
        if not name:
            continue
        if name == "summary":
            names.extend(SUMMARY_SECTIONS)
        elif name in FIELD_NAMES:
            names.append(name)
        else:
            raise ValueError(f"{raw.strip()!r} is not one of summary, {', '.join(FIELD_NAMES)}")
    if not names:
        raise ValueError(f"name one or more of summary, {', '.join(FIELD_NAMES)}")
    return tuple(dict.fromkeys(names))


def shape_result(result: SummaryResult, shape: OutputShape) -> dict[str, Any]:
    """The result as a JSON-ready dict in the given shape."""
    data = compact_result(result) if shape.compact else result.model_dump(mode="json")
    return select_fields(data, shape.fields) if shape.fields else data


def compact_result(result: SummaryResult) -> dict[str, Any]:
    """The summary with each item's verdict on it, the grounding score and verdict counts, and the
    few metadata fields a reader needs."""
    summary = result.summary.model_dump(mode="json")
    verdicts: dict[tuple[str, int], dict[str, Any]] = {}
    counts: dict[str, int] = {}
    if result.grounding is not None:
        for item in result.grounding.items:
            found: dict[str, Any] = {"verdict": item.verdict.value}
            if item.reasons:
                found["reasons"] = item.reasons
            if item.attributed_to:
                found["attributed_to_in_article"] = item.attributed_to
            verdicts[(item.section, item.index)] = found
            counts[item.verdict.value] = counts.get(item.verdict.value, 0) + 1
    compact_summary: dict[str, Any] = {}
    for section, value in summary.items():
        if isinstance(value, list):
            compact_summary[section] = [
                _compact_item(item, verdicts.get((section, index))) for index, item in enumerate(value)
            ]
        elif isinstance(value, dict):
            compact_summary[section] = _compact_item(value, verdicts.get((section, 0)))
        else:
            compact_summary[section] = value
    metadata = result.metadata.model_dump(mode="json")
    grounding = None
    if result.grounding is not None:
        grounding = {"score": result.grounding.score, "verdicts": counts}
    return {
        "summary": compact_summary,
        "grounding": grounding,
        "metadata": {key: metadata[key] for key in COMPACT_METADATA},
    }


def _compact_item(item: dict[str, Any], verdict: dict[str, Any] | None) -> dict[str, Any]:
    kept = {key: value for key, value in item.items() if key != "evidence"}
    return {**kept, **(verdict or {})}


def select_fields(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """``data`` (full or compact) with only the chosen sections, grounding items following them."""
    sections = [name for name in fields if name in SUMMARY_SECTIONS]
    selected: dict[str, Any] = {}
    if sections:
        selected["summary"] = {name: data["summary"][name] for name in sections if name in data["summary"]}
    for part in RESULT_PARTS:
        if part not in fields:
            continue
        value = data.get(part)
        if part == "grounding" and isinstance(value, dict) and "items" in value and sections:
            value = {**value, "items": [item for item in value["items"] if item["section"] in sections]}
        selected[part] = value
    return selected
