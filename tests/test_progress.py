"""Progress on stderr for any run over about a second, one article included: a spinner with the
stage and time elapsed on a terminal, plain lines elsewhere only with --progress."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console

from summarize import pipeline
from summarize.article import Article
from summarize.config import Settings
from summarize.engines.base import EngineOutput, SummaryCheck
from summarize.engines.registry import EngineChoice
from summarize.engines.rules import RulesEngine
from summarize.progress import RunProgress, progress_mode
from tests.cli_runner import Run


class SlowEngine:
    """The rule-based engine, taking ``seconds`` longer to answer, as a model would."""

    name = "slow"

    def __init__(self, settings: Settings, seconds: float) -> None:
        self.rules = RulesEngine(settings)
        self.seconds = seconds

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        time.sleep(self.seconds)
        return self.rules.summarize(article, check=check)

    def close(self) -> None:
        self.rules.close()


def slow_engine(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    monkeypatch.setattr(
        pipeline, "create_engine", lambda settings, **_: EngineChoice(SlowEngine(settings, seconds))
    )


def test_one_slow_article_shows_its_stage_with_progress_when_stderr_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path
) -> None:
    slow_engine(monkeypatch, 1.6)

    code, out, err = run(str(article), "--progress")

    assert code == 0 and out.startswith("{")
    assert f"summarize: {article}: summarizing with slow (1 s)\n" in err


def test_nothing_when_stderr_is_not_a_terminal_unless_asked(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path
) -> None:
    slow_engine(monkeypatch, 1.3)

    code, _, err = run(str(article))

    assert (code, err) == (0, "")


def test_a_run_shorter_than_a_second_shows_no_progress_even_when_asked(run: Run, article: Path) -> None:
    code, _, err = run(str(article), "--engine", "rules", "--progress")

    assert code == 0 and "summarize: " + str(article) not in err


def terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=100, color_system=None), buffer


def test_on_a_terminal_a_spinner_shows_the_stage_and_elapsed_time_then_disappears() -> None:
    console, buffer = terminal()

    with RunProgress(console, progress_mode(None, is_terminal=True), delay=0.2) as shown:
        shown.stage("article.txt: summarizing with local")
        time.sleep(0.6)
        assert shown.visible

    screen = buffer.getvalue()
    assert "article.txt: summarizing with local" in screen
    assert "0:00:00" in screen
    assert screen.endswith("\x1b[?25h\r\x1b[1A\x1b[2K")  # cursor given back, the line erased


def test_several_articles_show_how_many_are_done() -> None:
    console, buffer = terminal()

    with RunProgress(console, "live", total=3, delay=0.1) as shown:
        shown.article_done()
        shown.stage("b.txt: grounding")
        time.sleep(0.4)

    assert "b.txt: grounding [1/3]" in buffer.getvalue()


def test_a_long_stage_repeats_its_line_in_a_log() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, width=200)

    with RunProgress(console, "lines", delay=0.1, heartbeat=0.3) as shown:
        shown.stage("a.txt: summarizing with local")
        time.sleep(0.8)

    lines = buffer.getvalue().splitlines()
    assert lines[0].startswith("summarize: a.txt: summarizing with local (")
    assert any(line.startswith("summarize: still a.txt: summarizing with local (") for line in lines[1:])


@pytest.mark.parametrize(
    ("requested", "terminal", "mode"),
    [(None, True, "live"), (None, False, "off"), (True, False, "lines"), (False, True, "off")],
)
def test_progress_mode(requested: bool | None, terminal: bool, mode: str) -> None:
    assert progress_mode(requested, terminal) == mode


def test_a_file_name_with_brackets_is_shown_as_it_is() -> None:
    console, buffer = terminal()

    with RunProgress(console, "live", delay=0.1) as shown:
        shown.stage("notes[bold].txt: grounding")
        time.sleep(0.3)

    assert "notes[bold].txt: grounding" in buffer.getvalue()
