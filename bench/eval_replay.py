"""How long a replayed eval takes: 20 articles, recorded once from a real loopback endpoint, then
replayed by the CLI with no network at all (a fresh network namespace when `unshare -n` works).

    python bench/eval_replay.py [--articles 20] [--runs 3]

It builds an eval folder in a temporary directory: the template's example, this suite's fiction
cases and, when ../shared/corpus exists, the Qamishli articles with their references, repeated
under new ids until there are --articles of them. A local server answers every article with its
reference summary (tests/summary_server.py); `summarize eval --record` records it; then
`summarize eval` with CI=1 replays it --runs times. Prints a table; the goal is under 10 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from summarize.evaluation.scaffold import scaffold_eval_folder  # noqa: E402
from tests.summary_server import eval_folder_answers, serve_answers  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus" / "qamishli"


def build_folder(folder: Path, count: int) -> list[str]:
    """An eval folder with ``count`` articles (sources repeated under new ids); returns the ids."""
    scaffold_eval_folder(folder, shown_as="evals", version="bench")
    cases = folder / "cases"
    sources = [(p, p.with_suffix(".yaml")) for p in sorted((REPO / "evals" / "cases").glob("*.txt"))]
    if SHARED.is_dir():
        sources += [
            (p, REPO / "evals" / "references" / f"{p.stem}.yaml") for p in sorted(SHARED.glob("*.txt"))
        ]
    sources = [(text, reference) for text, reference in sources if reference.is_file()]
    ids = [p.stem for p in cases.glob("*.txt")]
    copy = 0
    while len(ids) < count:
        text, reference = sources[copy % len(sources)]
        new_id = text.stem if copy < len(sources) else f"{text.stem}_copy{copy // len(sources)}"
        shutil.copy(text, cases / f"{new_id}.txt")
        body = reference.read_text(encoding="utf-8").replace(f"article: {text.stem}", f"article: {new_id}")
        (cases / f"{new_id}.yaml").write_text(body, encoding="utf-8")
        ids.append(new_id)
        copy += 1
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "summarize", "eval", "--evals", "evals"]
    isolated = subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ids = build_folder(work / "evals", args.articles)
        with serve_answers(eval_folder_answers(work / "evals")) as (url, log):
            started = time.perf_counter()
            recorded = subprocess.run(
                [*command, "--record", "--base-url", url, "--update-baseline"],
                cwd=work,
                env={**env, "OPENAI_API_KEY": "sk-bench-not-a-real-key"},
                capture_output=True,
                text=True,
            )
            record_seconds = time.perf_counter() - started
        if recorded.returncode != 0:
            sys.exit(f"recording failed:\n{recorded.stderr}")
        size = sum(p.stat().st_size for p in (work / "evals" / "cassettes").glob("*.yaml"))
        replay = (["unshare", "-n"] if isolated else []) + command
        times, cpu = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(replay, cwd=work, env={**env, "CI": "1"}, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode != 0 or "replaying, offline" not in done.stderr:
                sys.exit(f"replay failed ({done.returncode}):\n{done.stderr}")
    print(f"{len(ids)} articles, {len(log.chat_bodies)} recorded requests, cassettes {size / 1024:.0f} KiB")
    print(
        f"network during replay: {'none (unshare -n: a namespace with no interfaces)' if isolated else 'not isolated (unshare -n unavailable)'}"
    )
    print(f"load average while measuring (2 cores here): {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| step | wall s (median) | min s | max s | CPU s (user+sys, median) | per article s | goal |")
    print("|---|---|---|---|---|---|---|")
    print(f"| record (loopback endpoint) | {record_seconds:.2f} | | | | {record_seconds / len(ids):.3f} | |")
    median = statistics.median(times)
    verdict = "ok" if median < 10 else "OVER"
    print(
        f"| replay, CLI end to end, {args.runs} runs | {median:.2f} | {min(times):.2f} | {max(times):.2f} "
        f"| {statistics.median(cpu):.2f} | {median / len(ids):.3f} | < 10 s wall ({verdict}) |"
    )


if __name__ == "__main__":
    main()
