"""Fault tier: the CLI against a real, misbehaving OpenAI-compatible server on 127.0.0.1.

Each fault is survived, or fails with one line on stderr and its documented exit code; nothing
already written is lost; no secret is printed. Timings are bounds that catch hangs, kept loose.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize import cli
from tests.fakes import ARTICLE, good_summary
from tests.loopback import MODEL, Action, serve

pytestmark = [pytest.mark.faults, pytest.mark.usefixtures("no_endpoint_environment")]

Run = Callable[..., tuple[int, str, str, float]]
SECRET_KEY = "sk-loopback-secret-0123456789abcdef"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*args: str) -> tuple[int, str, str, float]:
        started = time.monotonic()
        with pytest.raises(SystemExit) as exited:
            cli.main(list(args))
        seconds = time.monotonic() - started
        out, err = capsys.readouterr()
        return int(exited.value.code or 0), out, err, seconds

    return invoke


def against(url: str, *paths: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """CLI arguments that send ``paths`` to the loopback server in plain JSON mode."""
    return [
        *map(str, paths),
        "--base-url",
        url,
        "--model",
        MODEL,
        "--mode",
        "json",
        "--max-retry-seconds",
        "8",
        *extra,
    ]


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "API call failed" not in err
    return lines[0]


GOOD: Action = ("summary", good_summary())


def test_429_with_retry_after_is_waited_out_then_succeeds(run: Run, article: Path) -> None:
    with serve([("status", 429, {"Retry-After": "1"}), GOOD]) as (url, _):
        code, out, err, seconds = run(*against(url, article, extra=("--verbose",)))

    assert code == 0, err
    assert seconds >= 1.0 and "attempts=2" in err and "requests=2" in err
    assert json.loads(out)["metadata"]["usage"]["requests"] == 2


def test_5xx_past_the_attempts_is_one_line_and_exit_6(run: Run, article: Path) -> None:
    with serve([("status", 503)] * 3) as (url, server):
        code, out, err, _ = run(*against(url, article, extra=("--max-attempts", "3")))

    assert (code, out) == (6, "")
    assert "HTTP 503" in one_error_line(err) and "after 3 attempts" in err
    assert len(server.chat_bodies) == 3


def test_a_server_that_hangs_is_given_up_on_after_the_timeout(run: Run, article: Path) -> None:
    with serve([("hang", 30)] * 2) as (url, _):
        code, _, err, seconds = run(*against(url, article, extra=("--timeout", "1", "--max-attempts", "2")))

    assert code == 6 and "took longer than 1s (--timeout)" in one_error_line(err)
    assert seconds < 6


def test_a_trickling_server_cannot_hold_a_request_past_its_timeout(run: Run, article: Path) -> None:
    """One byte every 0.2 s never trips a per-read timeout; the request's own deadline does."""
    with serve([("trickle", 0.2)] * 2) as (url, _):
        code, _, err, seconds = run(*against(url, article, extra=("--timeout", "1", "--max-attempts", "2")))

    assert code == 6 and "took longer than 1s" in one_error_line(err)
    assert seconds < 6


def test_the_article_budget_ends_everything_for_that_article(run: Run, article: Path) -> None:
    with serve([("hang", 30)] * 3) as (url, _):
        code, _, err, seconds = run(
            *against(url, article, extra=("--timeout", "20", "--article-timeout", "1.5"))
        )

    assert code == 6 and "--article-timeout" in one_error_line(err)
    assert seconds < 5


def test_a_connection_closed_mid_answer_is_retried(run: Run, article: Path) -> None:
    with serve([("close_mid",), GOOD]) as (url, server):
        code, out, err, _ = run(*against(url, article))

    assert code == 0, err
    assert len(server.chat_bodies) == 2 and json.loads(out)["summary"]["event"]["what"]


def test_connections_closed_mid_answer_every_time_are_exit_6(run: Run, article: Path) -> None:
    with serve([("close_mid",)] * 2) as (url, _):
        code, _, err, _ = run(*against(url, article, extra=("--max-attempts", "2")))

    assert code == 6 and "broke the connection mid-answer" in one_error_line(err)


def test_an_html_page_with_status_200_is_an_endpoint_failure_not_model_output(
    run: Run, article: Path
) -> None:
    with serve([("html",), GOOD]) as (url, server):
        code, out, err, _ = run(*against(url, article))

    assert code == 0, err
    metadata = json.loads(out)["metadata"]
    assert (metadata["usage"]["requests"], metadata["attempts"], metadata["reasks"]) == (2, 2, 0)
    # retried as it was, not re-asked with the page as the model's "invalid answer"
    assert server.chat_bodies[0]["messages"] == server.chat_bodies[1]["messages"]


def test_html_pages_every_time_are_exit_6(run: Run, article: Path) -> None:
    with serve([("html",)] * 2) as (url, _):
        code, _, err, _ = run(*against(url, article, extra=("--max-attempts", "2")))

    assert code == 6 and "not JSON (text/html" in one_error_line(err)


def test_schema_violations_are_reasked_then_exit_7(run: Run, article: Path) -> None:
    with serve([("content", '{"event": "not an object"}')] * 3) as (url, server):
        code, _, err, _ = run(*against(url, article, extra=("--max-reasks", "2")))

    assert code == 7 and "did not match the schema" in one_error_line(err)
    assert len(server.chat_bodies) == 3


def test_an_answer_cut_off_at_the_token_limit_is_exit_7(run: Run, article: Path) -> None:
    with serve([("truncated", '{"event": {"what": "Russia')]) as (url, _):
        code, _, err, _ = run(*against(url, article))

    assert code == 7 and "cut off" in one_error_line(err)


def test_a_server_killed_mid_batch_loses_nothing_already_written(run: Run, tmp_path: Path) -> None:
    # One worker and no cache: the three articles are one text, asked for in turn.
    paths = []
    for name in ("first", "second", "third"):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(ARTICLE, encoding="utf-8")
    out_dir = tmp_path / "out"

    with serve([GOOD, ("die",)]) as (url, _):
        code, out, err, _ = run(
            *against(
                url,
                *paths,
                extra=(
                    "--out",
                    str(out_dir),
                    "--max-attempts",
                    "2",
                    "--timeout",
                    "2",
                    "--workers",
                    "1",
                    "--no-cache",
                ),
            )
        )

    assert code == 6 and out == ""
    assert json.loads((out_dir / "first.json").read_text(encoding="utf-8"))["summary"]["event"]["what"]
    assert sorted(p.name for p in out_dir.iterdir()) == ["first.json"]
    assert "2 of 3 article(s) failed" in err
    failures = err.split("failed:", 1)[1]
    assert f"{paths[1]}: " in failures and f"{paths[2]}: " in failures
    assert "Traceback" not in err


def test_an_api_key_echoed_back_by_the_server_is_never_printed(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET_KEY)
    for debug in ((), ("--debug",)):
        with serve([("echo_auth", 400)]) as (url, _):
            code, _, err, _ = run(*against(url, article, extra=debug))
        assert code == 6 and "rejected the request (HTTP 400)" in err
        assert SECRET_KEY not in err and "bad key Bearer ***" in err


def test_credentials_in_the_base_url_are_masked_everywhere(run: Run, article: Path) -> None:
    with serve([("status", 503)] * 2) as (url, _):
        with_credentials = url.replace("http://", "http://alice:hunter2-password@")
        code, _, err, _ = run(*against(with_credentials, article, extra=("--max-attempts", "2", "--debug")))

    assert code == 6 and "http://***@127.0.0.1" in err
    assert "hunter2-password" not in err and "alice" not in err
