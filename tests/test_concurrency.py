"""Workers: articles at once against an endpoint, bounded, one shared pause on Retry-After.

Assertions are about behaviour (how many requests were in flight, that nobody asked during a
pause, that every input got exactly one outcome), never about speed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from summarize.batch import summarize_many
from summarize.concurrency import map_unordered
from summarize.config import resolve_settings
from summarize.llm.pacing import RequestGate, retry_after_seconds
from summarize.llm.transport import GuardedTransport
from tests.fakes import ARTICLE, good_summary
from tests.loopback import MODEL, serve

Run = Callable[..., tuple[int, str, str]]
pytestmark = pytest.mark.usefixtures("no_endpoint_environment")


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    paths = []
    for n in range(8):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"{ARTICLE}\n\nUpdate {n}: nothing else changed.", encoding="utf-8")
        paths.append(path)
    return paths


def endpoint_args(url: str, *more: str) -> list[str]:
    return ["--base-url", url, "--model", MODEL, "--mode", "json", "--no-cache", *more]


# -- the thread pool ----------------------------------------------------------------------------
class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.closed = 0
        self.release = threading.Event()

    def worker(self, slot: int) -> Recorder.Worker:
        return Recorder.Worker(self)

    class Worker:
        def __init__(self, recorder: Recorder) -> None:
            self.recorder = recorder

        def __call__(self, job: int) -> int:
            with self.recorder.lock:
                self.recorder.running += 1
                self.recorder.most = max(self.recorder.most, self.recorder.running)
            time.sleep(0.02)
            with self.recorder.lock:
                self.recorder.running -= 1
            return job * 2

        def close(self) -> None:
            with self.recorder.lock:
                self.recorder.closed += 1


def test_every_job_is_done_once_by_at_most_n_threads_and_every_worker_is_closed() -> None:
    recorder = Recorder()

    results = list(map_unordered(range(40), recorder.worker, 4))

    assert sorted(results) == [n * 2 for n in range(40)]
    assert recorder.most <= 4 and recorder.closed <= 4 and recorder.closed >= 1


def test_jobs_are_taken_lazily_so_a_long_input_is_never_held_whole() -> None:
    taken: list[int] = []

    def jobs() -> Iterator[int]:
        for n in range(1000):
            taken.append(n)
            yield n

    results = map_unordered(jobs(), Recorder().worker, 2)
    next(results)
    results.close()

    assert len(taken) <= 2 * 2 + 1


def test_a_bug_in_a_worker_reaches_the_caller() -> None:
    class Broken:
        def __call__(self, job: int) -> int:
            raise RuntimeError(f"bug on {job}")

        def close(self) -> None:
            pass

    with pytest.raises(RuntimeError, match="bug on"):
        list(map_unordered(range(5), lambda slot: Broken(), 3))


# -- the shared gate ----------------------------------------------------------------------------
def test_retry_after_is_read_in_seconds_or_milliseconds() -> None:
    assert retry_after_seconds({"retry-after": "2"}) == 2.0
    assert retry_after_seconds({"retry-after-ms": "250"}) == 0.25
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) is None
    assert retry_after_seconds({}) is None


def test_a_429_with_retry_after_seen_by_one_client_holds_back_another() -> None:
    gate = RequestGate()

    def rate_limited(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "0.5"}, json={"error": {"message": "slow down"}})

    def fine(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"object": "list", "data": []})

    first = GuardedTransport(httpx.MockTransport(rate_limited), gate=gate)
    second = GuardedTransport(httpx.MockTransport(fine), gate=gate)
    first.handle_request(httpx.Request("POST", "http://x/v1/chat/completions"))
    started = time.monotonic()
    second.handle_request(httpx.Request("GET", "http://x/v1/models"))

    assert gate.holds == 1
    assert time.monotonic() - started >= 0.4  # it waited for the pause, not for its own failure


def test_a_pause_never_outlasts_the_article_budget() -> None:
    gate = RequestGate()
    gate.hold(30)
    started = time.monotonic()

    waited = gate.wait(until=time.monotonic() + 0.2)

    assert waited < 5 and time.monotonic() - started < 5


# -- the CLI against a real loopback endpoint ---------------------------------------------------
def test_workers_run_articles_at_once_and_no_more_than_asked(run: Run, articles: list[Path]) -> None:
    with serve(respond=lambda body: ("after", 0.3, ("summary", good_summary()))) as (url, server):
        code, out, err = run(*map(str, articles), *endpoint_args(url, "--workers", "4"))

    assert code == 0, err
    indices = sorted(json.loads(line)["metadata"]["index"] for line in out.splitlines())
    assert indices == list(range(8))
    assert server.max_in_flight == 4


def test_one_worker_asks_one_article_at_a_time_in_order(run: Run, articles: list[Path]) -> None:
    with serve(respond=lambda body: ("after", 0.05, ("summary", good_summary()))) as (url, server):
        code, out, _ = run(*map(str, articles[:4]), *endpoint_args(url, "--workers", "1"))

    assert code == 0 and server.max_in_flight == 1
    assert [json.loads(line)["metadata"]["index"] for line in out.splitlines()] == [0, 1, 2, 3]


def test_a_429_with_retry_after_pauses_every_worker(run: Run, articles: list[Path]) -> None:
    answers = iter([("status", 429, {"Retry-After": "1"})])

    def respond(body: object) -> tuple[object, ...]:
        return next(answers, ("after", 0.1, ("summary", good_summary())))

    with serve(respond=respond) as (url, server):
        code, out, err = run(*map(str, articles), *endpoint_args(url, "--workers", "4"))

    assert code == 0, err
    assert len(out.splitlines()) == 8
    limited_at = next(at for at, kind in server.arrivals if kind == "status")
    # Requests already on their way when the 429 was answered may arrive just after it; then
    # nobody asks until the second is over.
    during_pause = [at for at, _ in server.arrivals if limited_at + 0.1 < at < limited_at + 0.9]
    assert during_pause == []


def test_the_rules_engine_stays_sequential_in_input_order(tmp_path: Path) -> None:
    paths = []
    for n in range(3):
        paths.append(tmp_path / f"r{n}.txt")
        paths[-1].write_text(ARTICLE, encoding="utf-8")

    outcomes = list(summarize_many(paths, resolve_settings(environ={}, engine="rules", workers=8)))

    assert [o.index for o in outcomes] == [0, 1, 2] and all(o.ok for o in outcomes)


def test_results_with_several_workers_equal_results_with_one(tmp_path: Path) -> None:
    paths = []
    for n, source in enumerate(sorted((Path(__file__).parent.parent / "evals" / "cases").glob("*.txt"))):
        paths.append(tmp_path / f"{n}.txt")
        paths[-1].write_text(source.read_text(encoding="utf-8"), encoding="utf-8")

    def summaries(workers: int) -> dict[int, str]:
        with serve(respond=lambda body: ("after", 0.02, _rules(body))) as (url, _):
            settings = resolve_settings(
                environ={}, base_url=url, model=MODEL, mode="structured", workers=workers, grounding="strict"
            )
            return {
                o.index: o.result.model_dump_json(exclude={"metadata"})
                for o in summarize_many(paths, settings)
                if o.result is not None
            }

    assert summaries(4) == summaries(1) and len(summaries(1)) == len(paths)


def _rules(body: dict[str, object]) -> tuple[object, ...]:
    from tests.loopback import rules_model

    return rules_model(body)
