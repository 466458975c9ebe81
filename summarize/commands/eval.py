"""``summarize eval``: score an engine against the reference summaries, report, and gate.

``summarize eval [OPTIONS]`` runs the suite of an eval folder (``--evals DIR``, the
``[tool.summarize.eval]`` table of pyproject.toml, or ``evals/`` found upward), live or from its
recordings (``--record``, ``--replay``, ``--record-missing``); prints tables on stdout (progress
on stderr); writes the JSON report, JUnit XML and a Markdown summary for pull requests; and
raises EvalFloorError (exit 9), EvalRegressionError (exit 12) or StaleRecordingError (exit 13),
which the CLI's ``main`` turns into the message and exit code. ``summarize eval init [DIR]``
scaffolds an eval folder; ``summarize eval validate`` checks every reference against its article.
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
from ..errors import ConfigError
from ..evaluation.gate import check_gate, enforce_gate, load_thresholds
from ..evaluation.judges import JUDGES, create_judge
from ..evaluation.names import NameMatcher
from ..evaluation.pr_comment import render_pr_comment
from ..evaluation.project import EvalProject, project_default, resolve_project
from ..evaluation.recording import CASSETTES_DIR_NAME, LIVE, choose_mode, open_recorded_engine
from ..evaluation.references import (
    ALIASES_FILE_NAME,
    EvalCase,
    collect_cases,
    default_corpus_dirs,
    load_alias_groups,
)
from ..evaluation.report import Price, load_report, print_report, save_report, write_junit
from ..evaluation.runner import CaseContext, ProgressFn, run_eval
from ..evaluation.scaffold import scaffold_eval_folder
from ..evaluation.validate import check_cases, validate_references
from ..pipeline import Summarizer, tool_version
from ..redaction import printable
from .options import settings_options

# Wide enough for the per-article table when stdout is a file or a CI log (rich defaults to 80).
REPORT_WIDTH = 160
DEFAULT_JUDGE = "meaning"
EXIT_CODES = """Exit codes: 0 the gate passed; 3 a reference, threshold or recording is unusable (one line
names the file); 9 a score is under its floor; 12 every floor held but a score regressed beyond
the tolerance against the baseline; 13 a replayed recording is stale or missing (re-record with
--record-missing); 6 the endpoint failed while recording."""


def default_baseline_path(evals_dir: Path, engine: str, judge: str) -> Path:
    """<evals>/baseline/<engine>.json for the default meaning judge, <engine>.<judge>.json for the others."""
    suffix = "" if judge == DEFAULT_JUDGE else f".{judge}"
    return evals_dir / "baseline" / f"{engine}{suffix}.json"


@contextmanager
def _progress(stderr: Console) -> Iterator[ProgressFn]:
    if not stderr.is_terminal:
        # A CI log gets one line per article instead of a redrawn bar.
        def log(done: int, total: int, case_id: str) -> None:
            stderr.print(f"summarize eval: {done}/{total} {case_id}", markup=False)

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


@click.group("eval", invoke_without_command=True, epilog=EXIT_CODES)
@click.option(
    "--evals",
    "evals_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The eval folder. Default: [tool.summarize.eval] evals in pyproject.toml, else evals/ here or above.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="Engine to evaluate. Default: auto (the configured endpoint, else the offline rules engine; "
    "replays when the folder has recordings and CI is set or no endpoint is configured).",
)
@click.option(
    "--record",
    "recording",
    flag_value="record",
    default=None,
    help="Call the real endpoint and store every request and answer in <evals>/cassettes/.",
)
@click.option(
    "--replay",
    "recording",
    flag_value="replay",
    help="Run offline from the recordings; a stale one fails naming the article (exit 13). "
    "The default when CI is set and recordings exist.",
)
@click.option(
    "--record-missing",
    "recording",
    flag_value="record-missing",
    help="Replay what still matches; record only stale or new articles.",
)
@click.option("--live", "recording", flag_value=LIVE, help="Call the endpoint, record nothing (even in CI).")
@click.option(
    "--cassettes",
    "cassettes_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of recordings. Default: <evals>/cassettes",
)
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of *.txt or *.html articles (repeatable). Default: <evals>/cases (and this project's "
    "shared corpus for its own suite).",
)
@click.option(
    "--judge",
    type=click.Choice(JUDGES),
    default=None,
    help="How free-text fields are matched: meaning (default, deterministic), lexical, embedding "
    "(MiniLM, needs the [embedding] extra), llm (asks the endpoint; recorded and replayed too).",
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
    "--markdown",
    "markdown_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Markdown summary for a pull-request comment. Default: reports/eval-<engine>.md",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Baseline report to compare with. Default: <evals>/baseline/<engine>.json",
)
@click.option(
    "--thresholds",
    "thresholds_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Floors and tolerances. Default: <evals>/thresholds.yaml",
)
@click.option("--update-baseline", is_flag=True, help="Write this run's report as the new baseline.")
@click.option(
    "--grounding",
    type=click.Choice(GROUNDING_MODES[1:]),
    default="warn",
    show_default=True,
    help="Grounding mode of the pipeline under test (strict drops unsupported items).",
)
@click.option(
    "--price-prompt",
    type=click.FloatRange(min=0),
    default=None,
    metavar="USD",
    help="The model's price per million prompt tokens: the reports show cost (with --price-completion).",
)
@click.option(
    "--price-completion",
    type=click.FloatRange(min=0),
    default=None,
    metavar="USD",
    help="The model's price per million completion tokens.",
)
@settings_options("model", "base_url", "gguf")
@click.pass_context
def eval_command(
    ctx: click.Context,
    evals_dir: Path | None,
    engine: str | None,
    recording: str | None,
    cassettes_dir: Path | None,
    corpora: tuple[Path, ...],
    judge: str | None,
    report_path: Path | None,
    junit_path: Path | None,
    markdown_path: Path | None,
    baseline_path: Path | None,
    thresholds_path: Path | None,
    update_baseline: bool,
    grounding: str,
    price_prompt: float | None,
    price_completion: float | None,
    model: str | None,
    base_url: str | None,
    gguf: Path | None,
) -> None:
    """Score an engine's summaries against your references and gate on the results.

    Prints a table per article and section, writes a JSON report, JUnit XML and a Markdown summary,
    and exits non-zero when the gate fails (see the exit codes below). Subcommands: 'init'
    scaffolds an eval folder, 'validate' checks references against their articles.
    """
    if ctx.invoked_subcommand is not None:
        return
    project = resolve_project(evals_dir)
    evals = project.evals_dir
    config = project.config
    judge = judge or config.judge or DEFAULT_JUDGE
    price = _price(price_prompt, price_completion, project)
    # Every file the user edits is checked before the suite runs, not after minutes of summaries.
    thresholds = load_thresholds(thresholds_path or evals / "thresholds.yaml")
    corpus_dirs = list(corpora) or default_corpus_dirs(evals)
    names = NameMatcher(load_alias_groups(evals / ALIASES_FILE_NAME))
    cases = collect_cases(corpus_dirs, evals)
    _require_valid_references(cases, names)
    settings = resolve_settings(
        engine=project_default("engine", engine, config),
        grounding=grounding,
        model=project_default("model", model, config),
        base_url=project_default("base_url", base_url, config),
        gguf=gguf,
    )
    cassettes = cassettes_dir or evals / CASSETTES_DIR_NAME
    mode = choose_mode(recording, settings, cassettes)
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    stdout = Console(highlight=False, width=None if sys.stdout.isatty() else REPORT_WIDTH)
    case_context: CaseContext | None = None
    if mode is None:
        summarizer = Summarizer(settings)
        engine_name: str | None = None
    else:
        recorded = open_recorded_engine(settings, mode, cassettes)
        summarizer, case_context, engine_name = recorded.summarizer, recorded.case, recorded.engine_name
        stderr.print(f"summarize eval: {_mode_words(mode)} {cassettes}", markup=False)
    with summarizer:
        if summarizer.notice:
            stderr.print(f"summarize eval: {summarizer.notice}", markup=False)
        similarity = create_judge(judge, summarizer.engine)
        with _progress(stderr) as progress:
            report = run_eval(
                cases,
                summarizer.summarize,
                similarity,
                names,
                engine=engine_name or summarizer.engine.name,
                progress=progress,
                case_context=case_context,
            )
    if mode is not None and mode != "replay":
        written = recorded.shelf.recorded_names
        stderr.print(
            f"summarize eval: recorded {len(written)} article(s) into {cassettes}"
            + (f": {', '.join(written)}" if written and mode == "record-missing" else ""),
            markup=False,
        )
    report.recording = mode
    report.price = price
    engine_name = report.engine
    baseline_file = baseline_path or default_baseline_path(evals, engine_name, judge)
    baseline = None
    if update_baseline:
        save_report(report, baseline_file)
        stderr.print(f"summarize eval: baseline written to {baseline_file}", markup=False)
    elif baseline_file.is_file():
        baseline = load_report(baseline_file)
    else:
        stderr.print(f"summarize eval: no baseline at {baseline_file}; checking floors only", markup=False)
    checks = check_gate(report, thresholds, baseline)
    print_report(report, stdout, checks)
    reports = Path("reports")
    report_file = report_path or reports / f"eval-{engine_name}.json"
    junit_file = junit_path or reports / f"eval-{engine_name}.xml"
    markdown_file = markdown_path or reports / f"eval-{engine_name}.md"
    save_report(report, report_file)
    write_junit(report, checks, junit_file)
    markdown_file.parent.mkdir(parents=True, exist_ok=True)
    markdown_file.write_text(render_pr_comment(report, checks, baseline), encoding="utf-8")
    stderr.print(
        f"summarize eval: report {report_file}, JUnit {junit_file}, pull-request summary {markdown_file}",
        markup=False,
    )
    enforce_gate(checks)


def _mode_words(mode: str) -> str:
    return {
        "record": "recording every request into",
        "replay": "replaying, offline, the recordings in",
        "record-missing": "replaying, and recording what is stale or new, in",
    }[mode]


def _price(prompt: float | None, completion: float | None, project: EvalProject) -> Price | None:
    if prompt is None and completion is None:
        return project.config.price
    if prompt is None or completion is None:
        raise click.UsageError("give both --price-prompt and --price-completion (USD per million tokens)")
    return Price(prompt=prompt, completion=completion)


def _require_valid_references(cases: list[EvalCase], names: NameMatcher) -> None:
    problems = check_cases(cases, names)
    if problems:
        more = len(problems) - 1
        hint = f" ({more} more problem(s): run summarize eval validate)" if more else ""
        raise ConfigError(problems[0] + hint)


@eval_command.command("init")
@click.argument("folder", type=click.Path(path_type=Path), default=Path("evals"), required=False)
def init_command(folder: Path) -> None:
    """Create an eval folder (default: evals/): a README, an example article and its reference,
    thresholds, the reference schema for editors, and a CI recipe. Existing files are kept."""
    scaffold = scaffold_eval_folder(folder, shown_as=folder.as_posix(), version=tool_version())
    for path in scaffold.written:
        click.echo(printable(f"created {path}"))
    for path in scaffold.kept:
        click.echo(printable(f"kept    {path} (already there)"))
    shown = folder.as_posix()
    click.echo(
        f"\nNext: read {shown}/README.md. In short:\n"
        f"  summarize eval validate --evals {shown}    # check the references against their articles\n"
        f"  summarize eval --evals {shown}             # score the offline rules engine\n"
        f"  summarize eval --evals {shown} --record --update-baseline   # your model, recorded once\n"
        f"  cp {shown}/ci/summarize-eval.yml .github/workflows/         # replayed and gated in CI"
    )


@eval_command.command("validate")
@click.option(
    "--evals",
    "evals_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The eval folder. Default: [tool.summarize.eval] evals in pyproject.toml, else evals/ here or above.",
)
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of articles (repeatable). Default: <evals>/cases.",
)
def validate_command(evals_dir: Path | None, corpora: tuple[Path, ...]) -> None:
    """Check every reference against its article: its fields, every quote present, every name
    spelled as in the article. One line per problem (file:line:column); exit 3 if any."""
    project = resolve_project(evals_dir)
    evals = project.evals_dir
    load_thresholds(evals / "thresholds.yaml")
    names = NameMatcher(load_alias_groups(evals / ALIASES_FILE_NAME))
    result = validate_references(list(corpora) or default_corpus_dirs(evals), evals, names)
    for problem in result.problems:
        click.echo(printable(problem))
    summary = (
        f"{result.checked} reference(s) checked against their articles: {len(result.problems)} problem(s)"
    )
    if result.problems:
        raise ConfigError(summary)
    click.echo(summary)
