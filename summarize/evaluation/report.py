"""The eval report: its JSON form (also the committed baseline), JUnit XML, and the printed tables."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.table import Table

from ..errors import ConfigError
from .metrics import ArticleResult, SectionScore, Totals, total

REPORT_VERSION = 1
SECTION_LABELS = {
    "event": "event",
    "actors": "actors",
    "stated_motives": "motives",
    "analyst_views": "analysts",
    "uncertainties": "uncertain",
}


class GateCheck(BaseModel):
    """One check the gate made: a metric against its floor or its baseline."""

    name: str
    passed: bool
    message: str
    kind: Literal["floor", "regression", "note"] = "note"


class Price(BaseModel):
    """What the model costs, in US dollars per million tokens."""

    model_config = ConfigDict(extra="forbid")

    prompt: float = Field(ge=0, description="USD per million prompt (input) tokens.")
    completion: float = Field(ge=0, description="USD per million completion (output) tokens.")

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        """The price of that many tokens, in USD."""
        return (prompt_tokens * self.prompt + completion_tokens * self.completion) / 1_000_000


class EvalReport(BaseModel):
    """All measurements of one eval run; saved as JSON and committed as a baseline."""

    model_config = ConfigDict(extra="ignore")

    version: int = REPORT_VERSION
    engine: str
    model: str | None = None
    judge: str
    judge_threshold: float
    sections: list[str]
    articles: list[ArticleResult]
    recording: str | None = Field(
        default=None,
        description="How the endpoint was reached: live (None), record, replay or record-missing.",
    )
    price: Price | None = Field(
        default=None, description="The model's price, when given: the report shows cost."
    )

    def cost(self, article_ids: Iterable[str] | None = None) -> float | None:
        """What the run's tokens cost in USD, when the price is known."""
        if self.price is None:
            return None
        totals = self.totals(article_ids)
        return self.price.cost(totals.prompt_tokens, totals.completion_tokens)

    def totals(self, article_ids: Iterable[str] | None = None) -> Totals:
        """Micro-averaged totals, over all articles or only the given ones."""
        if article_ids is None:
            return total(self.articles)
        wanted = set(article_ids)
        return total(result for result in self.articles if result.article in wanted)

    def to_json(self) -> str:
        """The report as indented JSON, totals included for readers (they are recomputed on load)."""
        data = self.model_dump(mode="json")
        data["totals"] = self.totals().model_dump(mode="json")
        if self.price is not None:
            data["totals"]["cost_usd"] = self.cost()
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_report(report: EvalReport, path: Path) -> None:
    """Write the JSON report, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.to_json(), encoding="utf-8")


def load_report(path: Path) -> EvalReport:
    """Read a JSON report (e.g. a committed baseline)."""
    try:
        return EvalReport.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise ConfigError(f"{path}: not a readable eval report ({exc})", original=exc) from exc


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _f1_cell(score: SectionScore) -> str:
    return (
        "–" if score.f1 is None else f"{score.f1:.2f} ({score.matched}/{score.predicted}/{score.reference})"
    )


def article_table(report: EvalReport) -> Table:
    """One row per article: F1 (matched/predicted/reference) per section, grounding, leaks, cost."""
    table = Table(
        title=f"summarize eval · engine {report.engine} · judge {report.judge}", title_justify="left"
    )
    table.add_column("article")
    for section in report.sections:
        table.add_column(SECTION_LABELS.get(section, section), justify="right")
    for label in ("grounded", "leaks", "tokens", "s"):
        table.add_column(label, justify="right")
    rows = [(result.article + (" ✗" if result.error else ""), result) for result in report.articles]
    for label, result in rows:
        table.add_row(
            label,
            *(_f1_cell(result.sections.get(section, SectionScore())) for section in report.sections),
            _cell(result.grounding.rate),
            str(len(result.leaks)),
            str(result.tokens),
            f"{result.seconds:.2f}",
        )
    totals = report.totals()
    table.add_section()
    table.add_row(
        f"all ({totals.articles})",
        *(_f1_cell(totals.sections[section]) for section in report.sections),
        _cell(totals.grounding.rate),
        str(totals.leaks),
        str(totals.tokens),
        f"{totals.seconds_per_article:.2f}",
        style="bold",
    )
    return table


def totals_table(report: EvalReport) -> Table:
    """Micro-averaged precision, recall and F1 per section over all articles."""
    totals = report.totals()
    table = Table(title="totals (micro-averaged over articles)", title_justify="left")
    for label in ("section", "precision", "recall", "F1", "matched", "predicted", "reference"):
        table.add_column(label, justify="left" if label == "section" else "right")
    for section in report.sections:
        score = totals.sections[section]
        table.add_row(
            SECTION_LABELS.get(section, section),
            _cell(score.precision),
            _cell(score.recall),
            _cell(score.f1),
            str(score.matched),
            str(score.predicted),
            str(score.reference),
        )
    grounding = totals.grounding
    table.add_section()
    table.add_row(
        "grounding rate", _cell(grounding.rate), "", "", str(grounding.supported), str(grounding.items), ""
    )
    table.add_row("unsupported", str(grounding.unsupported), "", "", "", "", "")
    table.add_row("contradicted", str(grounding.contradicted), "", "", "", "", "")
    table.add_row("misattributed", str(grounding.misattributed), "", "", "", "", "")
    table.add_row("boilerplate leaks", str(totals.leaks), "", "", "", "", "")
    return table


def print_report(report: EvalReport, console: Console, checks: Sequence[GateCheck] = ()) -> None:
    """Print the per-article table, the totals and the gate's verdicts."""
    console.print(article_table(report))
    console.print("cells: F1 (matched/predicted/reference); – means the section is empty on both sides")
    console.print(totals_table(report))
    for check in checks:
        mark = "[green]pass[/green]" if check.passed else "[red]FAIL[/red]"
        console.print(f"{mark} {check.name}: {check.message}")


def write_junit(report: EvalReport, checks: Sequence[GateCheck], path: Path) -> None:
    """JUnit XML: one test case per article (fails if the engine failed) and one per gate check."""
    suites = ET.Element("testsuites", name="summarize eval")
    articles = ET.SubElement(
        suites,
        "testsuite",
        name=f"eval.{report.engine}.articles",
        tests=str(len(report.articles)),
        failures=str(sum(1 for result in report.articles if result.error)),
        time=f"{sum(result.seconds for result in report.articles):.3f}",
    )
    for result in report.articles:
        case = ET.SubElement(
            articles,
            "testcase",
            classname=f"eval.{report.engine}",
            name=result.article,
            time=f"{result.seconds:.3f}",
        )
        if result.error:
            ET.SubElement(case, "failure", message=result.error).text = result.error
        scores = ", ".join(f"{section} F1={_cell(score.f1)}" for section, score in result.sections.items())
        ET.SubElement(case, "system-out").text = (
            f"{scores}; grounding rate={_cell(result.grounding.rate)}; leaks={len(result.leaks)}; "
            f"tokens={result.tokens}"
        )
    gate = ET.SubElement(
        suites,
        "testsuite",
        name=f"eval.{report.engine}.gate",
        tests=str(len(checks)),
        failures=str(sum(1 for check in checks if not check.passed)),
    )
    for check in checks:
        case = ET.SubElement(gate, "testcase", classname=f"eval.{report.engine}.gate", name=check.name)
        if not check.passed:
            ET.SubElement(case, "failure", message=check.message).text = check.message
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)
