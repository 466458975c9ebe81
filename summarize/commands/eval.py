"""``summarize eval``: score an engine against the reference summaries, report, and gate.

Parses options, runs summarize.evaluation, prints tables on stdout (progress on stderr), writes
the JSON report and JUnit XML, and raises EvalGateError (exit 9) when the gate fails; the CLI's
``main`` turns that into the message and exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..config import ENGINES, GROUNDING_MODES, resolve_settings
from ..evaluation.gate import check_gate, enforce_gate, load_thresholds
from ..evaluation.judges import JUDGES, create_judge
from ..evaluation.names import NameMatcher
from ..evaluation.references import (
    ALIASES_FILE_NAME,
    collect_cases,
    default_corpus_dirs,
    find_evals_dir,
    load_alias_groups,
)
from ..evaluation.report import load_report, print_report, save_report, write_junit
from ..evaluation.runner import ProgressFn, run_eval
from ..pipeline import Summarizer
from .options import settings_options

# Wide enough for the per-article table when stdout is a file or a CI log (rich defaults to 80).
REPORT_WIDTH = 160


def default_baseline_path(evals_dir: Path, engine: str, judge: str) -> Path:
    """evals/baseline/<engine>.json for the lexical judge, <engine>.<judge>.json for the others."""
    suffix = "" if judge == "meaning" else f".{judge}"
    return evals_dir / "baseline" / f"{engine}{suffix}.json"


@contextmanager
def _progress(stderr: Console) -> Iterator[ProgressFn]:
    if not stderr.is_terminal:
        # A CI log gets one line per article instead of a redrawn bar.
        def log(done: int, total: int, case_id: str) -> None:
            stderr.print(f"summarize eval: {done}/{total} {case_id}")

        yield log
        return
    with Progress(
        TextColumn("eval"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} {task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int, case_id: str) -> None:
            bar.update(task, completed=done, total=total, description=case_id)

        yield advance


@click.command("eval")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="rules",
    show_default=True,
    help="Engine to evaluate; rules (the default) runs offline.",
)
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of *.txt or *.html articles (repeatable). Default: evals/cases plus ../shared/corpus if present.",
)
@click.option(
    "--judge",
    type=click.Choice(JUDGES),
    default="meaning",
    show_default=True,
    help="How free-text fields are matched: lexical (deterministic), embedding (MiniLM, needs the "
    "[embedding] extra), llm (needs a configured endpoint).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSON report path. Default: reports/eval-<engine>.json",
)
@click.option(
    "--junit",
    "junit_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JUnit XML path. Default: reports/eval-<engine>.xml",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Baseline report to compare with. Default: evals/baseline/<engine>.json",
)
@click.option(
    "--thresholds",
    "thresholds_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Floors and tolerances. Default: evals/thresholds.yaml",
)
@click.option("--update-baseline", is_flag=True, help="Write this run's report as the new baseline.")
@click.option(
    "--grounding",
    type=click.Choice(GROUNDING_MODES[1:]),
    default="warn",
    show_default=True,
    help="Grounding mode of the pipeline under test (strict drops unsupported items).",
)
@settings_options("model", "base_url", "gguf")
def eval_command(
    engine: str,
    corpora: tuple[Path, ...],
    judge: str,
    report_path: Path | None,
    junit_path: Path | None,
    baseline_path: Path | None,
    thresholds_path: Path | None,
    update_baseline: bool,
    grounding: str,
    model: str | None,
    base_url: str | None,
    gguf: Path | None,
) -> None:
    """Score ENGINE's summaries against the hand-written references and gate on the results.

    Prints a table per article and section, writes a JSON report and JUnit XML, and exits 9
    when a section's F1 or the grounding rate is under its floor or fell beyond tolerance
    against the baseline.
    """
    evals_dir = find_evals_dir()
    # Every file the user edits is checked before the suite runs, not after minutes of summaries.
    thresholds = load_thresholds(thresholds_path or evals_dir / "thresholds.yaml")
    cases = collect_cases(list(corpora) or default_corpus_dirs(evals_dir), evals_dir)
    names = NameMatcher(load_alias_groups(evals_dir / ALIASES_FILE_NAME))
    settings = resolve_settings(engine=engine, grounding=grounding, model=model, base_url=base_url, gguf=gguf)
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    stdout = Console(highlight=False, width=None if sys.stdout.isatty() else REPORT_WIDTH)
    with Summarizer(settings) as summarizer:
        if summarizer.notice:
            stderr.print(f"summarize eval: {summarizer.notice}")
        similarity = create_judge(judge, summarizer.engine)
        with _progress(stderr) as progress:
            report = run_eval(
                cases,
                summarizer.summarize,
                similarity,
                names,
                engine=summarizer.engine.name,
                progress=progress,
            )
    engine_name = report.engine
    baseline_file = baseline_path or default_baseline_path(evals_dir, engine_name, judge)
    baseline = None
    if update_baseline:
        save_report(report, baseline_file)
        stderr.print(f"summarize eval: baseline written to {baseline_file}")
    elif baseline_file.is_file():
        baseline = load_report(baseline_file)
    else:
        stderr.print(f"summarize eval: no baseline at {baseline_file}; checking floors only")
    checks = check_gate(report, thresholds, baseline)
    print_report(report, stdout, checks)
    report_file = report_path or Path("reports") / f"eval-{engine_name}.json"
    junit_file = junit_path or Path("reports") / f"eval-{engine_name}.xml"
    save_report(report, report_file)
    write_junit(report, checks, junit_file)
    stderr.print(f"summarize eval: report {report_file}, JUnit {junit_file}")
    enforce_gate(checks)
