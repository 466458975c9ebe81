"""--resume: after kill -9 mid-run, the next run loses nothing and redoes nothing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakes import ARTICLE, good_summary
from tests.loopback import MODEL, fenced_article, serve

REPO = Path(__file__).resolve().parent.parent
ARTICLES = 12
Run = Callable[..., tuple[int, str, str]]
pytestmark = pytest.mark.usefixtures("no_endpoint_environment")


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    paths = []
    for n in range(ARTICLES):
        path = tmp_path / "in" / f"article{n:02d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"{ARTICLE}\n\nUpdate number {n}.", encoding="utf-8")
        paths.append(str(path))
    return paths


def asked_for(bodies: list[dict[str, object]]) -> list[int]:
    """Which articles the endpoint was asked about, by their update number."""
    found = (re.search(r"Update number (\d+)\.", fenced_article(body)) for body in bodies)
    return [int(m.group(1)) for m in found if m]


def delivered(destination: Path) -> list[int]:
    """The update numbers of the valid results a JSONL file or an --out folder holds."""
    if destination.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in destination.glob("*.json")]
    else:
        texts = destination.read_text(encoding="utf-8").splitlines(keepends=True)
        texts = [t for t in texts if t.endswith("\n")]  # a torn last line is not a result
    sources = [json.loads(t)["metadata"]["source"] for t in texts]
    return sorted(int(re.search(r"article(\d+)", s).group(1)) for s in sources)  # type: ignore[union-attr]


def summarize_args(url: str, articles: list[str], *extra: str) -> list[str]:
    return [
        *articles,
        "--base-url",
        url,
        "--model",
        MODEL,
        "--mode",
        "json",
        "--workers",
        "3",
        "--no-cache",
        *extra,
    ]


@pytest.mark.parametrize("destination", ["jsonl", "out"])
def test_kill_9_mid_run_then_resume_loses_nothing_and_redoes_nothing(
    articles: list[str], tmp_path: Path, destination: str
) -> None:
    target = tmp_path / ("results.jsonl" if destination == "jsonl" else "results")
    option = ["--jsonl", str(target)] if destination == "jsonl" else ["--out", str(target)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    with serve(respond=lambda body: ("after", 0.25, ("summary", good_summary()))) as (url, _):
        process = subprocess.Popen(
            [sys.executable, "-m", "summarize", *summarize_args(url, articles, *option)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if target.exists() and 4 <= len(delivered(target)) < ARTICLES - 3:
                break
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
    done_before = delivered(target)
    assert process.returncode == -signal.SIGKILL and 0 < len(done_before) < ARTICLES

    with serve(respond=lambda body: ("summary", good_summary())) as (url, second_server):
        resumed = subprocess.run(
            [sys.executable, "-m", "summarize", *summarize_args(url, articles, *option, "--resume")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {len(done_before)} of {ARTICLES} article(s) already done" in resumed.stderr
    redone = set(asked_for(second_server.chat_bodies)) & set(done_before)
    assert redone == set()  # 0 redone
    assert delivered(target) == list(range(ARTICLES))  # 0 lost, none twice
    assert sorted(asked_for(second_server.chat_bodies)) == sorted(set(range(ARTICLES)) - set(done_before))


def test_a_torn_last_line_is_cut_off_and_its_article_done_again(
    run: Run, articles: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "results.jsonl"
    code, _, _ = run(*articles[:2], "--engine", "rules", "--jsonl", str(target))
    whole = target.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text(whole[0] + whole[1][:40], encoding="utf-8")  # killed mid-write

    code, _, err = run(*articles[:2], "--engine", "rules", "--jsonl", str(target), "--resume")

    assert code == 0 and "1 of 2 article(s) already done" in err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line)["summary"] for line in lines)


def test_an_invalid_out_file_is_done_again(run: Run, articles: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(*articles[:2], "--engine", "rules", "--out", str(out))
    (out / "article01.json").write_text('{"summary": "not a result"}', encoding="utf-8")

    code, _, err = run(*articles[:2], "--engine", "rules", "--out", str(out), "--resume")

    assert code == 0 and "1 of 2 article(s) already done" in err
    assert (
        json.loads((out / "article01.json").read_text(encoding="utf-8"))["metadata"]["source"] == articles[1]
    )


def test_resume_needs_a_destination_that_remembers(run: Run, articles: list[str]) -> None:
    code, _, err = run(articles[0], "--engine", "rules", "--resume")

    assert code == 2 and "--resume needs --out DIR or --jsonl FILE" in err


def test_without_resume_a_jsonl_file_starts_afresh(run: Run, articles: list[str], tmp_path: Path) -> None:
    target = tmp_path / "results.jsonl"
    target.write_text("old line\n", encoding="utf-8")

    code, _, _ = run(articles[0], "--engine", "rules", "--jsonl", str(target))

    assert code == 0 and len(target.read_text(encoding="utf-8").splitlines()) == 1
