"""The ``summarize`` command: a thin shell over the Python API (parse, call, print).

Results go to stdout, diagnostics and progress to stderr. The batch rules live in
summarize.batch; options come from the table in summarize.config. Errors become one line and an
exit code here, in exactly one place (``main``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from .article import STDIN
from .batch import Outcome
from .commands.group import HELP_OPTIONS, DefaultCommandGroup
from .commands.options import destination_options, settings_options
from .commands.run_options import diagnostic_options, display_options, shaped_settings
from .errors import SummarizeError
from .pipeline import tool_version
from .progress import progress_mode
from .redaction import printable
from .result import SummaryResult
from .sources import BatchInput

EXIT_CODES_HELP = """Exit codes: 0 success; 1 internal error; 2 usage error; 3 no usable configuration;
4 unreadable article (missing, directory, empty, no text, binary, not UTF-8, over --max-bytes); 5
article longer than the model's context; 6 endpoint or engine failure (after retries); 7 invalid
model output after re-asks; 8 grounding failure; 9 eval gate failed; 10 a result could not be
written; 11 a URL could not be fetched; 12 --fail-on: an item has a verdict it names; 130
interrupted; 141 stdout closed early (e.g. piped into head). With several articles, the run goes
on past a failure, reports every failure at the end and exits with the first failure's code."""
GROUP_EPILOG = """Settings come from options, then environment variables, then [tool.summarize] in the
nearest pyproject.toml, then the user config file ('summarize config path' prints where it is).
Shell completion: see 'Shell completion' in the README."""
# Libraries whose log lines would otherwise reach stderr (instructor logs every failed call at ERROR).
LIBRARY_LOGGERS = ("instructor", "openai", "httpx2", "httpcore2", "httpx", "httpcore")
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE

_stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class _SummarizeGroup(DefaultCommandGroup):
    """The default command group, stopping quietly when stdout is closed."""

    def invoke(self, ctx: click.Context) -> Any:
        # Caught here, before click's own handler turns a closed stdout into a silent exit 1.
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _exit_on_broken_pipe()


@click.group(
    cls=_SummarizeGroup, context_settings={"help_option_names": list(HELP_OPTIONS)}, epilog=GROUP_EPILOG
)
@click.version_option(tool_version(), "--version", prog_name="summarize")
def cli() -> None:
    """Structured, source-grounded summaries of news articles.

    \b
      summarize article.txt                 a JSON summary on stdout (--compact: a short one)
      summarize *.txt --out summaries/      one file per article
      summarize check article.txt notes.txt check any summary against its article
      summarize config show                 the settings in effect, and where each comes from

    'summarize ARTICLE...' is short for 'summarize run ARTICLE...'; 'summarize COMMAND --help'
    shows a command's options.
    """


def _print_verbose(result: SummaryResult) -> None:
    m = result.metadata
    u = m.usage
    score = f", grounding score {result.grounding.score:.2f}" if result.grounding is not None else ""
    _stderr.print(
        f"{m.source}: engine={m.engine} model={m.model} mode={m.mode} prompt={m.prompt_version} "
        f"tokens={u.prompt_tokens}+{u.completion_tokens}={u.total_tokens} requests={u.requests} "
        f"attempts={m.attempts} reasks={m.reasks} {m.seconds:.2f}s{score}",
        markup=False,
    )


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))  # message, arguments and traceback alike


def configure_library_logs(debug: bool) -> None:
    """Library log lines reach stderr only with --debug, and then with secrets masked."""
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = False
        if debug:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(_RedactingFormatter("%(name)s: %(levelname)s: %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.DEBUG)
        else:
            logger.addHandler(logging.NullHandler())


@cli.command("run", epilog=EXIT_CODES_HELP, short_help="Summarize articles (files, pages, URLs or stdin).")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@destination_options
@display_options()
@settings_options()
@diagnostic_options
def run_command(
    articles: tuple[str, ...],
    fmt: str,
    out_dir: Path | None,
    jsonl: Path | None,
    resume: bool,
    compact: bool,
    fields: tuple[str, ...] | None,
    progress: bool | None,
    verbose: bool,
    debug: bool,
    **options: Any,
) -> None:
    """Summarize ARTICLE files ('-' reads stdin) into structured, grounded summaries.

    'summarize --help' lists the other commands (batch, check, compare, eval, extract, config).
    """
    from .commands.batch import run_articles  # it prints with this module's helpers

    shape, settings = shaped_settings(fmt, compact, fields, options)
    typing_stdin = STDIN in articles and sys.stdin.isatty()  # a spinner would draw over the typing
    run_articles(
        [BatchInput(article) for article in articles],
        settings,
        fmt=fmt,
        out_dir=out_dir,
        jsonl=jsonl,
        resume=resume,
        shape=shape,
        progress=progress_mode(False if typing_stdin else progress, _stderr.is_terminal),
        verbose=verbose,
        debug=debug,
    )


def _input_prefix(outcome: Outcome) -> str:
    message = outcome.error.message if outcome.error is not None else ""
    return "" if message.startswith(outcome.name) else f"{outcome.name}: "


def _report(exc: BaseException, debug: bool, prefix: str = "") -> None:
    if debug:
        sys.stderr.write(printable("".join(traceback.format_exception(exc))))
    message = exc.message if isinstance(exc, SummarizeError) else f"internal error: {exc!r}"
    hint = "" if debug or isinstance(exc, SummarizeError) else " (run with --debug for the traceback)"
    _stderr.print(printable(f"summarize: error: {prefix}{message}{hint}"), markup=False)


def _exit_on_broken_pipe() -> None:
    # The reader went away (summarize ... | head): stop quietly with the status a shell gives a
    # process killed by SIGPIPE, as cat and grep do. stdout is pointed at /dev/null so that
    # Python's own flush at exit does not complain about the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(EXIT_BROKEN_PIPE)


def _register_subcommands() -> None:
    from .commands import registered_commands

    for command in registered_commands():
        cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every error into one line on stderr and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    configure_library_logs(debug)
    _register_subcommands()
    try:
        cli.main(args=args, prog_name="summarize", standalone_mode=False)
        sys.stdout.flush()
    except BrokenPipeError:  # the last flush
        _exit_on_broken_pipe()
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
