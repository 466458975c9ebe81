"""Many articles: throughput with workers, under 429s, cached, on Ray; long articles; memory.

    python bench/batch.py            # the whole table (about 5 minutes on 2 cores)
    python bench/batch.py --quick    # fewer articles, for a smoke run

Everything talks to a loopback OpenAI-compatible fake (tests/loopback.py) running in its own
process, so its work does not compete with the client's for the GIL:
- throughput: each request answers after 500 ms with a fixed, valid summary; the 429 variant
  answers 10% of requests at once with 429 and ``retry-after-ms: 500``;
- long articles: the fake is a stand-in model that returns the rule-based summary of the text it
  is sent, through a 4,096-token context;
- memory: 1,000 articles, 20 ms per request, 8 workers, cache and JSONL output on.
One table, every row measured in this run.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from summarize.article import article_from_text  # noqa: E402
from summarize.batch import BatchReport, Outcome, run_batch  # noqa: E402
from summarize.cache import ResultCache  # noqa: E402
from summarize.cli import configure_library_logs  # noqa: E402
from summarize.config import Settings, resolve_settings  # noqa: E402
from summarize.pipeline import Summarizer  # noqa: E402
from summarize.resume import JsonlFile  # noqa: E402
from summarize.sources import BatchInput  # noqa: E402
from tests.fakes import ARTICLE, good_summary  # noqa: E402
from tests.loopback import MODEL, rules_model, serve  # noqa: E402

LATENCY = 0.5
WORKER_COUNTS = (1, 2, 4, 8, 16)
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"


# -- the fake endpoint, in its own process ------------------------------------------------------
def _fake_endpoint(kind: str, latency: float, share_429: float, urls: Any, stop: Any) -> None:
    sys.path.insert(0, str(ROOT))
    chance = random.Random(7)
    canned = ("summary", good_summary())

    def respond(body: dict[str, Any]) -> tuple[Any, ...]:
        if kind == "rules":
            return rules_model(body)
        if chance.random() < share_429:
            return ("status", 429, {"retry-after-ms": str(int(latency * 1000))})
        return ("after", latency, canned)

    with serve(respond=respond) as (url, _):
        urls.put(url)
        stop.wait()


@contextmanager
def fake_endpoint(kind: str = "canned", latency: float = LATENCY, share_429: float = 0.0) -> Iterator[str]:
    context = multiprocessing.get_context("spawn")
    urls, stop = context.Queue(), context.Event()
    process = context.Process(target=_fake_endpoint, args=(kind, latency, share_429, urls, stop), daemon=True)
    process.start()
    try:
        yield urls.get(timeout=60)
    finally:
        stop.set()
        process.join(timeout=10)


# -- helpers ------------------------------------------------------------------------------------
def short_articles(count: int) -> list[BatchInput]:
    return [BatchInput(f"article-{n}", text=f"{ARTICLE}\n\nUpdate {n}: no change.") for n in range(count)]


def endpoint_settings(url: str, **more: Any) -> Settings:
    return resolve_settings(environ={}, **{"base_url": url, "model": MODEL, "mode": "json", **more})


def timed_batch(
    items: list[BatchInput],
    settings: Settings,
    *,
    cache: ResultCache | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> tuple[float, BatchReport]:
    with tempfile.TemporaryDirectory() as folder, Summarizer(settings) as summarizer:
        sink = JsonlFile(Path(folder) / "out.jsonl", resume=False)
        started = time.perf_counter()
        report = run_batch(items, summarizer, sink.write, on_outcome, cache=cache)
        seconds = time.perf_counter() - started
        sink.close()
    if report.failures:
        print(f"  ({len(report.failures)} failed: {report.failures[0].error})", file=sys.stderr)
    return seconds, report


Row = tuple[str, str, str, str, str, str, str]
rows: list[Row] = []


def add(
    case: str, articles: int, workers: str, seconds: float | None, result: str, goal: str, met: str
) -> None:
    rate = f"{articles / seconds:.1f}" if seconds else ""
    rows.append(
        (case, f"{articles:,}", workers, f"{seconds:.2f}" if seconds else "", rate, result, goal + met)
    )
    print(f"  {case}: {result}", file=sys.stderr, flush=True)


# -- the measurements ---------------------------------------------------------------------------
def throughput(count: int, share_429: float, label: str, grounding: str = "warn") -> None:
    with fake_endpoint(share_429=share_429) as url:
        # Imports, spaCy's model and the first connection are paid before anything is timed.
        timed_batch(short_articles(2), endpoint_settings(url, workers=2, no_cache=True))
        baseline = None
        for workers in WORKER_COUNTS:
            # Each run has at least 8 rounds of requests, so starting workers is not what is timed.
            items = short_articles(max(count, 8 * workers))
            settings = endpoint_settings(url, workers=workers, no_cache=True, grounding=grounding)
            seconds, report = timed_batch(items, settings)
            rate = report.delivered / seconds
            baseline = baseline or rate
            speedup = rate / baseline
            goal = 0.85 * workers
            met = "" if share_429 else (" yes" if speedup >= goal else " NO")
            add(
                label,
                report.delivered,
                str(workers),
                seconds,
                f"speed-up {speedup:.2f}x (articles/s over 1 worker's)",
                f">= {goal:.2f}x" if not share_429 else "measured",
                met,
            )


def cached_rerun(count: int) -> None:
    items = short_articles(count)
    with fake_endpoint() as url, tempfile.TemporaryDirectory() as folder:
        settings = endpoint_settings(url, workers=4, cache_dir=Path(folder))
        timed_batch(short_articles(2), endpoint_settings(url, workers=2, no_cache=True))  # warm up
        first, _ = timed_batch(items, settings, cache=ResultCache.open(settings))
        again, report = timed_batch(items, settings, cache=ResultCache.open(settings))
    ratio = first / again
    add("first run, cache filling", count, "4", first, "", "", "")
    add(
        "same run again, all cached", report.delivered, "4", again,
        f"{ratio:.0f}x faster than the first", ">= 50x", " yes" if ratio >= 50 else " NO",
    )  # fmt: skip


def on_ray(count: int) -> None:
    try:
        import ray

        from summarize.ray_batch import run_ray_batch
    except ImportError:
        add("Ray Data, 2 actors", count, "2", None, "skipped: Ray is not installed", "", "")
        return
    items = short_articles(count)
    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    start_up = time.perf_counter() - started
    with fake_endpoint() as url:
        settings = endpoint_settings(url, workers=2, no_cache=True)
        timed_batch(items[:2], settings)  # warm up
        threads, _ = timed_batch(items, settings)
        with tempfile.TemporaryDirectory() as folder:
            sink = JsonlFile(Path(folder) / "out.jsonl", resume=False)
            finished: list[float] = []
            started = time.perf_counter()
            report = run_ray_batch(
                items, settings, sink.write, lambda _: finished.append(time.perf_counter())
            )
            seconds = time.perf_counter() - started
            sink.close()
    ray.shutdown()
    steady = (len(finished) - 1) / (finished[-1] - finished[0])
    add("threads, 2 workers (for Ray)", count, "2", threads, "", "", "")
    add(
        "Ray Data, 2 actors (actor start counted)", report.delivered, "2", seconds,
        f"{steady:.1f} articles/s once the actors run ({steady * threads / count:.2f}x the threads' rate); "
        f"actors start {finished[0] - started:.1f} s; Ray itself {start_up:.1f} s, not counted",
        "measured", "",
    )  # fmt: skip


def long_article(words: int) -> None:
    sources = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "evals" / "cases").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8").strip() for p in sources]
    parts: list[str] = []
    while sum(len(t.split()) for t in parts) < words:
        parts.append(texts[len(parts) % len(texts)])
    text = "\n\n".join(parts)
    with fake_endpoint(kind="rules") as url:
        settings = endpoint_settings(url, mode="structured", context_tokens=4096, workers=1, no_cache=True)
        with Summarizer(settings) as summarizer:
            started = time.perf_counter()
            whole = summarizer.summarize(article_from_text(text, "long.txt"))
            seconds = time.perf_counter() - started
            alone = [summarizer.summarize(article_from_text(t, "part.txt")) for t in dict.fromkeys(texts)]
    report = whole.grounding
    assert report is not None
    quotes = [q for item in report.items for q in item.quotes]
    right = sum(1 for q in quotes if q.span is not None and q.span.of(text) == q.quote)
    exact = sum(1 for q in quotes if q.status.value == "exact")
    notice = next((n for n in whole.metadata.notices if "parts" in n), "")
    found = re.search(r"in (\d+) overlapping parts", notice)
    n_parts = found.group(1) if found else "1"
    items = len(report.items)
    alone_items = sum(len(r.grounding.items) for r in alone if r.grounding)
    alone_score = sum(r.grounding.score for r in alone if r.grounding) / len(alone)
    add(
        f"{len(text.split()):,}-word article, 4,096-token context",
        1, "1", seconds,
        f"{n_parts} parts; {items} items (its {len(alone)} distinct stories alone: {alone_items}); "
        f"grounding {report.score:.2f} (alone: {alone_score:.2f}); spans right {right}/{len(quotes)}, exact {exact}",
        "not refused, every span right", " yes" if quotes and right == len(quotes) else " NO",
    )  # fmt: skip


def memory(count: int) -> None:
    items = short_articles(count)
    process = psutil.Process()
    samples: dict[int, float] = {}

    def sample(outcome: Outcome) -> None:
        done = len(samples_seen) + 1
        samples_seen.append(outcome.index)
        if done in (100, count // 2, count):
            gc.collect()
            samples[done] = process.memory_info().rss / 2**20

    samples_seen: list[int] = []
    with fake_endpoint(latency=0.02) as url, tempfile.TemporaryDirectory() as folder:
        settings = endpoint_settings(url, workers=8, cache_dir=Path(folder))
        seconds, report = timed_batch(items, settings, cache=ResultCache.open(settings), on_outcome=sample)
    first, last = samples[100], samples[count]
    growth = last - first
    add(
        "memory, 20 ms fake, cache and JSONL on", report.delivered, "8", seconds,
        f"RSS {first:.0f} MiB after 100, {samples[count // 2]:.0f} after {count // 2:,}, {last:.0f} after {count:,} "
        f"({growth:+.1f} MiB)",
        "flat (< +10 MiB)", " yes" if growth < 10 else " NO",
    )  # fmt: skip


def client_cpu_per_article() -> tuple[float, float]:
    """Milliseconds of this process's CPU one article takes against a fake with no latency."""
    items = short_articles(20)
    spent = []
    with fake_endpoint(latency=0.0) as url:
        for grounding in ("warn", "off"):
            settings = endpoint_settings(url, workers=1, no_cache=True, grounding=grounding)
            timed_batch(items[:2], settings)
            before = time.process_time()
            timed_batch(items, settings)
            spent.append((time.process_time() - before) / len(items) * 1000)
    return spent[0], spent[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer articles (a smoke run)")
    args = parser.parse_args()
    configure_library_logs(debug=False)  # instructor logs each 429 at ERROR otherwise
    count = 16 if args.quick else 32
    load = ", ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(
        f"python bench/batch.py{' --quick' if args.quick else ''}  ({psutil.cpu_count()} CPUs, load {load})"
    )
    fake = f"{LATENCY * 1000:.0f} ms fake"
    throughput(count, 0.0, f"{fake}, grounding off", grounding="off")
    throughput(count, 0.0, f"{fake}, grounding warn (default)")
    throughput(count, 0.10, f"{fake}, 10% 429, grounding warn")
    cached_rerun(2 * count)
    on_ray(2 * count)
    long_article(20_000 if not args.quick else 5_000)
    memory(1000 if not args.quick else 200)
    cpu = client_cpu_per_article()
    load = ", ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(
        f"client CPU per article (one thread, grounding warn / off): {cpu[0]:.0f} / {cpu[1]:.0f} ms; load now {load}"
    )
    header = ("case", "articles", "workers", "s", "articles/s", "result", "goal")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        print(" | ".join(row))


if __name__ == "__main__":
    main()
