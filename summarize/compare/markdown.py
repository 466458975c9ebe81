"""Rendering a Comparison as Markdown: conflicts first, then agreements, speakers, sources,
claims one outlet alone makes, and each outlet's summary.

Every value from an article or a model goes through ``escape_markdown``: it shows as text,
never as HTML, a link or an image.
"""

from __future__ import annotations

from ..markdown import render_markdown
from ..markdown_escape import escape_markdown as _e
from .model import Comparison, Fact, FactStatus

_MAX_AGREEMENTS = 40


def _value_line(fact: Fact) -> list[str]:
    lines = []
    for value in fact.values:
        group = f" [{value.group + 1}]" if fact.status is FactStatus.conflict else ""
        hedged = " _(hedged)_" if value.hedged else ""
        lines.append(
            f"  - **{_e(value.outlet)}**{group}: “{_e(value.text)}” → {_e(value.normalized)}"
            f" (chars {value.span.start}–{value.span.end}){hedged}"
        )
    return lines


def _fact_block(fact: Fact) -> list[str]:
    return [f"- {fact.kind.value.replace('_', ' ')}: {_e(fact.about)}", *_value_line(fact)]


def render_comparison(comparison: Comparison) -> str:
    """A readable Markdown report of a comparison."""
    names = ", ".join(_e(outlet.name) for outlet in comparison.outlets)
    lines = [f"# Comparison of {len(comparison.outlets)} outlets", "", f"Outlets: {names}", ""]
    if comparison.overlap.note:
        lines += [f"> **Note:** {_e(comparison.overlap.note)}", ""]
    for failure in comparison.failures:
        lines += [f"> **Not compared:** {_e(failure.source)}: {_e(failure.message)}", ""]
    conflicts = [f for f in comparison.facts if f.status is FactStatus.conflict]
    agreements = [f for f in comparison.facts if f.status is FactStatus.agree]
    only = [f for f in comparison.facts if f.status is FactStatus.only]
    lines += ["## Conflicts", ""]
    lines += [line for fact in conflicts for line in _fact_block(fact)] or ["_None found._"]
    lines += ["", "## Agreements", ""]
    lines += [line for fact in agreements[:_MAX_AGREEMENTS] for line in _fact_block(fact)] or [
        "_None found._"
    ]
    if len(agreements) > _MAX_AGREEMENTS:
        lines.append(f"- … and {len(agreements) - _MAX_AGREEMENTS} more (see --format json)")
    lines += ["", "## Claims in one outlet only", ""]
    lines += [line for fact in only for line in _fact_block(fact)] or ["_None found._"]
    lines += ["", "## Speakers quoted by several outlets", ""]
    for speaker in comparison.speakers:
        lines.append(f"- **{_e(speaker.speaker)}** ({speaker.match.value} statement)")
        lines += [f"  - {_e(q.outlet)}: “{_e(q.text)}”" for q in speaker.quotes]
    if not comparison.speakers:
        lines.append("_None found._")
    lines += ["", "## Unnamed sources", ""]
    for outlet in comparison.outlets:
        sources = [s.text for s in comparison.unnamed_sources if s.outlet == outlet.name]
        if sources:
            lines.append(f"- **{_e(outlet.name)}**: " + "; ".join(f"“{_e(s)}”" for s in sources))
    if not comparison.unnamed_sources:
        lines.append("_None found._")
    lines += ["", "## Actors named by several outlets", ""]
    for actor in comparison.actors:
        forms = "; ".join(
            f"{_e(outlet)}: {', '.join(_e(f) for f in names)}" for outlet, names in actor.outlets.items()
        )
        lines.append(f"- **{_e(actor.name)}** ({forms})")
    if not comparison.actors:
        lines.append("_None found._")
    for outlet in comparison.outlets:
        summary = render_markdown(outlet.result).replace("\n# ", "\n### ").replace("\n## ", "\n#### ")
        if summary.startswith("# "):
            summary = "### " + summary[2:]
        lines += ["", f"## {_e(outlet.name)}", "", summary.rstrip()]
    meta = comparison.metadata
    lines += ["", f"_{_e(meta.engine)} · {meta.seconds:.1f}s · summarize {_e(meta.tool_version)}_"]
    return "\n".join(lines) + "\n"
