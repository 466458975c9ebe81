"""Rendering a SummaryResult as Markdown for people to read.

Every value from the article, the model or the page goes through ``escape_markdown`` (``_e``):
it is shown as text, never run as HTML, a link or an image.
"""

from __future__ import annotations

from .markdown_escape import escape_markdown as _e
from .result import SummaryResult


def _quote_list(quotes: list[str]) -> str:
    return "; ".join(f"“{_e(q)}”" for q in quotes)


def render_markdown(result: SummaryResult) -> str:
    """A readable Markdown report of one summary, with evidence and grounding verdicts."""
    s = result.summary
    verdicts: dict[tuple[str, int], str] = {}
    if result.grounding is not None:
        for item in getattr(result.grounding, "items", []):
            verdicts[(item.section, item.index)] = item.verdict
    lines = [f"# {_e(s.event.what)}", ""]
    facts = [
        f"**Where:** {_e(s.event.where)}" if s.event.where else "",
        f"**When:** {_e(s.event.when)}" if s.event.when else "",
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
            f"- **{_e(a.name)}** ({a.kind.value}): {_e(a.role)}{mark('actors', i)}"
            for i, a in enumerate(s.actors)
        ],
    )
    section(
        "Stated motives",
        [
            f"- **{_e(m.actor)}**: {_e(m.motive)} (stated by {m.stated_by.value}){mark('stated_motives', i)}  \n"
            f"  {_quote_list(m.evidence)}"
            for i, m in enumerate(s.stated_motives)
        ],
    )
    section(
        "Analyst views",
        [
            f"- **{_e(v.analyst)}**{', ' + _e(v.affiliation) if v.affiliation else ''}: {_e(v.view)}"
            f"{mark('analyst_views', i)}  \n  “{_e(v.quote)}”"
            for i, v in enumerate(s.analyst_views)
        ],
    )
    section(
        "Uncertainties",
        [
            f"- {_e(u.claim)} ({u.reason.value.replace('_', ' ')}"
            f"{', attributed to ' + _e(u.attributed_to) if u.attributed_to else ''}){mark('uncertainties', i)}  \n"
            f"  {_quote_list(u.evidence)}"
            for i, u in enumerate(s.uncertainties)
        ],
    )
    section(
        "Who said what",
        [
            f"- **{_e(st.speaker)}**{', ' + _e(st.role) if st.role else ''} ({st.kind.value}): “{_e(st.text)}”"
            f"{mark('statements', i)}"
            for i, st in enumerate(s.statements)
        ],
    )
    meta = result.metadata
    score = getattr(result.grounding, "score", None)
    footer = f"_{_e(meta.engine)} · {_e(meta.model)} · {meta.usage.total_tokens} tokens · {meta.seconds:.1f}s"
    footer += f" · grounding score {score:.2f}_" if score is not None else "_"
    lines.append(footer)
    return "\n".join(lines) + "\n"
