"""The eval as a Markdown summary fit for a pull-request comment (or a CI job summary).

It says first whether the gate passed and, if not, which way it failed (a floor: exit 9; a
regression: exit 12); then per-section F1 with its change against the baseline, the grounding
rate, tokens and (when the model's price is known) cost; then the items that newly fail or newly
pass against the baseline: article, section, what the reference says, what the summary says.
Every string from an article, a reference or a model is escaped (summarize.markdown_escape) and
shortened, so a summary cannot break the table or inject markup into the page showing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..markdown_escape import escape_markdown
from .metrics import ItemOutcome
from .report import SECTION_LABELS, EvalReport, GateCheck

# A comment must stay readable (GitHub caps one at 65,536 characters).
MAX_CHANGED_ITEMS = 25
MAX_CELL_CHARS = 160
RECORDING_WORDS = {
    "replay": "replayed from recordings",
    "record": "recorded live",
    "record-missing": "replayed, stale and new articles recorded live",
}


@dataclass(frozen=True)
class ItemChange:
    """An item whose outcome differs from the baseline's."""

    article: str
    item: ItemOutcome


def _cell(text: str | None, empty: str = "—") -> str:
    if not text:
        return empty
    short = text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"
    return escape_markdown(short).replace("|", "\\|")


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _delta(now: float | None, before: float | None, *, money: bool = False, integer: bool = False) -> str:
    if now is None or before is None:
        return ""
    change = now - before
    if abs(change) < (1e-9 if not integer else 0.5):
        return "±0"
    sign = "+" if change > 0 else "−"
    if money:
        return f"{sign}${abs(change):.4f}"
    if integer:
        return f"{sign}{abs(change):,.0f}"
    return f"{sign}{abs(change):.2f}"


def _key(item: ItemOutcome) -> tuple[str, str | None, str | None]:
    # A reference item is itself whatever the summary said; a stray summary item is its text.
    return (item.section, item.reference, None if item.reference is not None else item.summary)


def item_changes(
    report: EvalReport, baseline: EvalReport | None
) -> tuple[list[ItemChange], list[ItemChange]]:
    """(newly failing, newly passing) items over the articles both runs have item details for."""
    if baseline is None:
        return [], []
    before = {result.article: result for result in baseline.articles if result.items}
    failing: list[ItemChange] = []
    passing: list[ItemChange] = []
    for result in report.articles:
        old = before.get(result.article)
        if old is None or (not result.items and not result.error):
            continue
        old_outcomes = {_key(item): item.matched for item in old.items}
        for item in result.items:
            was = old_outcomes.get(_key(item))
            if item.reference is None:
                # A summary item matching nothing: new if the baseline's summary did not have it.
                if was is None:
                    failing.append(ItemChange(result.article, item))
            elif was is True and not item.matched:
                failing.append(ItemChange(result.article, item))
            elif was is False and item.matched:
                passing.append(ItemChange(result.article, item))
        if result.error:  # a failed article lost every item it matched before
            failing.extend(
                ItemChange(
                    result.article, ItemOutcome(section=i.section, reference=i.reference, matched=False)
                )
                for i in old.items
                if i.matched and i.reference is not None
            )
    return failing, passing


def _verdict(checks: Sequence[GateCheck]) -> str:
    failed = [check for check in checks if not check.passed]
    if not failed:
        return "✅ summarize eval passed"
    if any(check.kind == "floor" for check in failed):
        return "❌ summarize eval failed: a score is under its floor (exit 9)"
    return "❌ summarize eval failed: a score regressed against the baseline (exit 12)"


def render_pr_comment(report: EvalReport, checks: Sequence[GateCheck], baseline: EvalReport | None) -> str:
    """The whole Markdown comment."""
    totals = report.totals()
    shared = None
    if baseline is not None and baseline.engine == report.engine and baseline.judge == report.judge:
        shared = {r.article for r in report.articles} & {r.article for r in baseline.articles}
    else:
        baseline = None
    now = report.totals(shared) if shared else totals
    before = baseline.totals(shared) if baseline is not None and shared else None

    how = RECORDING_WORDS.get(report.recording or "", "live")
    facts = [
        f"engine `{_cell(report.engine)}`",
        f"model `{_cell(report.model or 'unknown')}`",
        f"judge `{report.judge}`",
        f"{totals.articles} article(s)" + (f", {totals.failed} failed" if totals.failed else ""),
        how,
        (f"baseline: {len(shared)} article(s) in common" if shared else "no baseline to compare with"),
    ]
    lines = [f"## {_verdict(checks)}", "", " · ".join(facts), ""]
    lines += [
        "| | F1 | vs baseline | precision | recall | matched / in summary / in reference |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for section in report.sections:
        score = totals.sections[section]
        change = _delta(now.sections[section].f1, before.sections[section].f1) if before else ""
        lines.append(
            f"| {SECTION_LABELS.get(section, section)} | {_number(score.f1)} | {change} | "
            f"{_number(score.precision)} | {_number(score.recall)} | "
            f"{score.matched} / {score.predicted} / {score.reference} |"
        )
    grounding = totals.grounding
    lines.append(
        f"| **grounding rate** | {_number(grounding.rate)} | "
        f"{_delta(now.grounding.rate, before.grounding.rate) if before else ''} | | | "
        f"{grounding.supported} of {grounding.items} items supported |"
    )
    lines.append(
        f"| **boilerplate leaks** | {totals.leaks} | "
        f"{_delta(now.leaks, before.leaks, integer=True) if before else ''} | | | |"
    )
    lines.append(
        f"| **tokens** | {totals.tokens:,} | {_delta(now.tokens, before.tokens, integer=True) if before else ''} "
        f"| | | prompt {totals.prompt_tokens:,} · completion {totals.completion_tokens:,} |"
    )
    cost = report.cost()
    if cost is not None and report.price is not None:
        change = ""
        if baseline is not None and shared:
            before_cost = (
                report.price.cost(before.prompt_tokens, before.completion_tokens) if before else None
            )
            change = _delta(report.cost(shared), before_cost, money=True)
        lines.append(
            f"| **cost** | ${cost:.4f} | {change} | | | "
            f"${report.price.prompt:g} / ${report.price.completion:g} per million prompt / completion tokens |"
        )
    lines.append("")
    failed = [check for check in checks if not check.passed]
    if failed:
        lines += ["**Failed checks**", ""]
        lines += [f"- {escape_markdown(check.name)}: {escape_markdown(check.message)}" for check in failed]
        lines.append("")
    passed = sum(1 for check in checks if check.passed and check.kind != "note")
    notes = [check for check in checks if check.kind == "note"]
    lines.append(f"{passed} check(s) passed." + "".join(f" {escape_markdown(n.message)}." for n in notes))
    lines.append("")
    failing, passing = item_changes(report, baseline)
    lines += _changes_table("Newly failing", failing)
    lines += _changes_table("Newly passing", passing)
    lines += _article_details(report)
    return "\n".join(lines).rstrip() + "\n"


def _changes_table(title: str, changes: list[ItemChange]) -> list[str]:
    if not changes:
        return []
    lines = [
        f"### {title} ({len(changes)})",
        "",
        "| article | section | the reference says | the summary says |",
        "|---|---|---|---|",
    ]
    for change in changes[:MAX_CHANGED_ITEMS]:
        item = change.item
        if item.reference is None:
            reference, summary = "— (not in the reference)", _cell(item.summary)
        elif item.matched:
            reference, summary = _cell(item.reference), _cell(item.summary)
        else:
            reference = _cell(item.reference)
            summary = f"— (closest: {_cell(item.summary)})" if item.summary else "— (nothing in this section)"
        lines.append(
            f"| {_cell(change.article)} | {SECTION_LABELS.get(item.section, item.section)} | {reference} | {summary} |"
        )
    if len(changes) > MAX_CHANGED_ITEMS:
        lines.append(f"\n… and {len(changes) - MAX_CHANGED_ITEMS} more (the JSON report lists every item).")
    lines.append("")
    return lines


def _article_details(report: EvalReport) -> list[str]:
    header = " | ".join(SECTION_LABELS.get(section, section) for section in report.sections)
    lines = [
        "<details><summary>Per article: F1 per section, grounding rate, tokens</summary>",
        "",
        f"| article | {header} | grounded | tokens |",
        "|---|" + "---:|" * (len(report.sections) + 2),
    ]
    for result in report.articles:
        scores = " | ".join(
            _number(result.sections[s].f1) if s in result.sections else "–" for s in report.sections
        )
        name = _cell(result.article) + (" ✗" if result.error else "")
        lines.append(f"| {name} | {scores} | {_number(result.grounding.rate)} | {result.tokens:,} |")
    lines += ["", "</details>", ""]
    return lines
