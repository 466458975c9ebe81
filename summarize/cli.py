"""The ``summarize`` command: a thin shell over the Python API (parse, call, print).

Results go to stdout, diagnostics and progress to stderr. Errors become one line and an exit
code here, in exactly one place (``main``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .article import STDIN, read_article
from .commands.options import (
    base_url_option,
    fetch_timeout_option,
    gguf_option,
    max_page_bytes_option,
    model_option,
)
from .config import ENGINES, GROUNDING_MODES, MODES, resolve_settings
from .errors import SummarizeError
from .markdown import render_markdown
from .pipeline import Summarizer, tool_version
from .result import SummaryResult
from .web.limits import FetchLimits
from .web.redact import redact_url
from .web.sniffing import is_url

EXIT_CODES_HELP = """Exit codes: 0 success; 1 internal error; 2 usage error; 3 no usable configuration;
4 unreadable article (missing, directory, empty, binary or non-UTF-8; a web page with no article
text, too large, undecodable or not HTML); 5 article longer than the model's context; 6 endpoint or
engine failure (after retries); 7 invalid model output after re-asks; 8 grounding failure; 9 eval
gate failed; 10 a URL could not be fetched (network, timeout, redirects, HTTP error); 130
interrupted. With several articles, the run goes on past
a failure, reports every failure at the end and exits with the first failure's code."""

_stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class _DefaultCommandGroup(click.Group):
    """A group where ``summarize ARTICLE...`` means ``summarize run ARTICLE...``."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--version",)):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(tool_version(), "--version", prog_name="summarize")
def cli() -> None:
    """Structured, source-grounded summaries of news articles."""


def _result_text(result: SummaryResult, fmt: str, *, pretty: bool) -> str:
    if fmt == "markdown":
        return render_markdown(result)
    return result.model_dump_json(indent=2 if pretty else None) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    # A crash or Ctrl-C mid-write must not leave a truncated file where a good one was.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _out_path(out_dir: Path, source: str, fmt: str, used: set[Path]) -> Path:
    if source in (STDIN, "<stdin>"):
        stem = "stdin"
    elif is_url(source):  # the page's last path segment, without query or fragment
        stem = Path(urlsplit(source).path.rstrip("/")).stem or "page"
    else:
        stem = Path(source).stem
    suffix = ".md" if fmt == "markdown" else ".json"
    path, n = out_dir / f"{stem}{suffix}", 1
    while path in used:  # two inputs with one name in different folders
        n += 1
        path = out_dir / f"{stem}-{n}{suffix}"
    used.add(path)
    return path


def _print_verbose(result: SummaryResult) -> None:
    m = result.metadata
    u = m.usage
    score = f", grounding score {result.grounding.score:.2f}" if result.grounding is not None else ""
    _stderr.print(
        f"{m.source}: engine={m.engine} model={m.model} mode={m.mode} prompt={m.prompt_version} "
        f"tokens={u.prompt_tokens}+{u.completion_tokens}={u.total_tokens} requests={u.requests} "
        f"attempts={m.attempts} reasks={m.reasks} {m.seconds:.2f}s{score}"
    )


@cli.command("run")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="Output format. Several articles give one JSON object per line (JSONL).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one file per article into this folder instead of stdout.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="auto (default): an LLM endpoint when one is configured, else the offline rules engine. "
    "[env: SUMMARIZE_ENGINE]",
)
@model_option
@base_url_option
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default=None,
    help="Structured-output mode: tools (OpenAI), structured (OpenAI json_schema), json_schema "
    "(llama.cpp grammar), json (Ollama), md_json; auto picks one. [env: SUMMARIZE_MODE]",
)
@gguf_option
@click.option(
    "--grounding",
    type=click.Choice(GROUNDING_MODES),
    default=None,
    help="off; warn (default): report what the article supports; strict: drop unsupported items "
    "(LLM engines re-ask once first). [env: SUMMARIZE_GROUNDING]",
)
@click.option(
    "--timeout", type=float, default=None, help="Seconds per request (default 120). [env: SUMMARIZE_TIMEOUT]"
)
@click.option(
    "--max-attempts",
    type=click.IntRange(min=1),
    default=None,
    help="Attempts per article on transient failures (default 4). [env: SUMMARIZE_MAX_ATTEMPTS]",
)
@click.option(
    "--max-retry-seconds",
    type=float,
    default=None,
    help="Total time budget for retries (default 120). [env: SUMMARIZE_MAX_RETRY_SECONDS]",
)
@click.option(
    "--max-reasks",
    type=click.IntRange(min=0),
    default=None,
    help="Re-asks after invalid model output (default 2). [env: SUMMARIZE_MAX_REASKS]",
)
@click.option(
    "--context-tokens",
    type=click.IntRange(min=256),
    default=None,
    help="The model's context window, to reject articles that cannot fit. [env: SUMMARIZE_CONTEXT_TOKENS]",
)
@max_page_bytes_option
@fetch_timeout_option
@click.option("-v", "--verbose", is_flag=True, help="Print model, tokens, attempts and timing on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def run_command(
    articles: tuple[str, ...],
    fmt: str,
    out_dir: Path | None,
    verbose: bool,
    debug: bool,
    max_page_bytes: int | None,
    fetch_timeout: float | None,
    **options: Any,
) -> None:
    """Summarize ARTICLE files, HTML pages or URLs ('-' reads stdin) into grounded summaries.

    Other commands: 'summarize check --help' (verify any summary against its article) and
    'summarize eval --help' (score engines against the reference summaries).
    """
    settings = resolve_settings(verbose=verbose, **options)
    fetch_limits = FetchLimits.resolve(max_page_bytes, fetch_timeout)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[SummarizeError] = []
    used: set[Path] = set()
    several = len(articles) > 1
    show_progress = several and sys.stderr.isatty()
    with (
        Summarizer(settings) as summarizer,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=_stderr,
            disable=not show_progress,
            transient=True,
        ) as progress,
    ):
        if summarizer.notice:
            _stderr.print(f"summarize: {summarizer.notice}")
        task = progress.add_task("summarizing", total=len(articles))
        for name in articles:
            shown = redact_url(name) if is_url(name) else name
            progress.update(task, description=f"summarizing {shown}")
            try:
                result = summarizer.summarize(read_article(name, fetch_limits=fetch_limits))
            except SummarizeError as exc:
                if not several:
                    raise
                _report(exc, debug, prefix=f"{shown}: " if not exc.message.startswith(shown) else "")
                failures.append(exc)
            else:
                result.metadata.notices = [n for n in result.metadata.notices if n != summarizer.notice]
                for notice in result.metadata.notices:
                    _stderr.print(f"summarize: {shown}: {notice}", markup=False)
                if verbose:
                    _print_verbose(result)
                text = _result_text(result, fmt, pretty=not several)
                if out_dir is not None:
                    _write_atomically(_out_path(out_dir, result.metadata.source, fmt, used), text)
                else:
                    sys.stdout.write(text if fmt == "json" or not several else text + "\n---\n\n")
                    sys.stdout.flush()
            progress.advance(task)
    if failures:
        _stderr.print(f"summarize: {len(failures)} of {len(articles)} article(s) failed:")
        for failure in failures:
            _stderr.print(f"  - {failure.message}", markup=False)
        raise SystemExit(failures[0].exit_code)


def _report(exc: BaseException, debug: bool, prefix: str = "") -> None:
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    message = exc.message if isinstance(exc, SummarizeError) else f"internal error: {exc!r}"
    hint = "" if debug or isinstance(exc, SummarizeError) else " (run with --debug for the traceback)"
    _stderr.print(f"summarize: error: {prefix}{message}{hint}", markup=False)


def _register_subcommands() -> None:
    from .commands import registered_commands

    for command in registered_commands():
        cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every error into one line on stderr and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    _register_subcommands()
    try:
        cli.main(args=args, prog_name="summarize", standalone_mode=False)
    except click.exceptions.Abort:
        _stderr.print("summarize: interrupted")
        raise SystemExit(130) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        _stderr.print("summarize: interrupted")
        raise SystemExit(130) from None
    except SummarizeError as exc:
        _report(exc, debug)
        raise SystemExit(exc.exit_code) from None
    except SystemExit:
        raise
    except Exception as exc:
        _report(exc, debug)
        raise SystemExit(1) from None
    raise SystemExit(0)


run_command.epilog = EXIT_CODES_HELP
