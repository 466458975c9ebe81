"""Rendering a SummaryResult as Markdown for people to read, every model- or article-given string escaped.

Summaries carry text the model wrote and text copied from the article; either may hold Markdown,
HTML or terminal escape codes. Each such string is put on one line, its control characters shown
as escapes and its Markdown punctuation backslash-escaped, so it renders as the text it is.
"""

from __future__ import annotations

import re

from .redaction import printable
from .result import SummaryResult

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")


def md(text: str | None) -> str:
    """``text`` as inert inline Markdown: one line, no raw HTML, links, emphasis or escape codes."""
    if not text:
        return ""
    one_line = " ".join(printable(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)


def _quote_list(quotes: list[str]) -> str:
    return "; ".join(f"“{md(q)}”" for q in quotes)


def render_markdown(result: SummaryResult) -> str:
    """A readable Markdown report of one summary, with evidence and grounding verdicts."""
    s = result.summary
    verdicts: dict[tuple[str, int], str] = {}
    if result.grounding is not None:
        for item in getattr(result.grounding, "items", []):
            verdicts[(item.section, item.index)] = item.verdict
    lines = [f"# {md(s.event.what)}", ""]
    facts = [
        f"**Where:** {md(s.event.where)}" if s.event.where else "",
        f"**When:** {md(s.event.when)}" if s.event.when else "",
    ]
    if any(facts):
        lines += [" · ".join(f for f in facts if f), ""]
    lines += [f"> Evidence: {_quote_list(s.event.evidence)}", ""]

    def mark(section: str, index: int) -> str:
        verdict = verdicts.get((section, index))
        return f" _[{verdict}]_" if verdict else ""

    def section(title: str, rows: list[str]) -> None:
        lines.extend([f"## {title}", ""])
        lines.extend(rows or ["_None in the article._"])
        lines.append("")

    section(
        "Actors",
        [
            f"- **{md(a.name)}** ({a.kind.value}): {md(a.role)}{mark('actors', i)}"
            for i, a in enumerate(s.actors)
        ],
    )
    section(
        "Stated motives",
        [
            f"- **{md(m.actor)}**: {md(m.motive)} (stated by {m.stated_by.value}){mark('stated_motives', i)}  \n"
            f"  {_quote_list(m.evidence)}"
            for i, m in enumerate(s.stated_motives)
        ],
    )
    section(
        "Analyst views",
        [
            f"- **{md(v.analyst)}**{', ' + md(v.affiliation) if v.affiliation else ''}: {md(v.view)}"
            f"{mark('analyst_views', i)}  \n  “{md(v.quote)}”"
            for i, v in enumerate(s.analyst_views)
        ],
    )
    section(
        "Uncertainties",
        [
            f"- {md(u.claim)} ({u.reason.value.replace('_', ' ')}"
            f"{', attributed to ' + md(u.attributed_to) if u.attributed_to else ''}){mark('uncertainties', i)}  \n"
            f"  {_quote_list(u.evidence)}"
            for i, u in enumerate(s.uncertainties)
        ],
    )
    meta = result.metadata
    score = getattr(result.grounding, "score", None)
    footer = f"_{md(meta.engine)} · {md(meta.model)} · {meta.usage.total_tokens} tokens · {meta.seconds:.1f}s"
    footer += f" · grounding score {score:.2f}_" if score is not None else "_"
    lines.append(footer)
    return "\n".join(lines) + "\n"
