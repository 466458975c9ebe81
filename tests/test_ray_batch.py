"""summarize batch --ray on a local Ray instance (2 CPUs): the rules engine and a fake endpoint."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from summarize.batch import summarize_many
from summarize.config import resolve_settings
from summarize.ray_batch import input_rows, summarize_dataset
from summarize.sources import expand_sources
from tests.loopback import MODEL, rules_model, serve

ray = pytest.importorskip("ray", reason="Ray Data is in the [dev] extra")
# Ray Data's own settings warn about their own deprecated names.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_data_with_the_rules_engine_writes_what_threads_give(corpus_dir: Path, tmp_path: Path) -> None:
    import ray.data

    items = expand_sources([str(corpus_dir / "00[1-3]_*.txt")])
    settings = resolve_settings(environ={}, engine="rules", no_cache=True)

    dataset = summarize_dataset(ray.data.from_items(input_rows(items)), settings, workers=2)
    dataset.write_json(str(tmp_path / "out"))

    rows = [
        json.loads(line) for f in (tmp_path / "out").glob("*.json") for line in f.read_text().splitlines()
    ]
    by_index = {row["index"]: json.loads(row["result"]) for row in rows}
    expected = {
        o.index: json.loads(o.result.model_dump_json()) for o in summarize_many(items, settings) if o.result
    }
    assert sorted(by_index) == sorted(expected) == [0, 1, 2]
    assert all(by_index[i]["summary"] == expected[i]["summary"] for i in expected)
    assert all(by_index[i]["grounding"] == expected[i]["grounding"] for i in expected)


def test_batch_on_ray_against_an_endpoint_delivers_as_threads_do(
    run: Run, corpus_dir: Path, tmp_path: Path
) -> None:
    manifest = tmp_path / "m.jsonl"
    paths = sorted(corpus_dir.glob("*.txt"))[:3]
    lines = [json.dumps({"path": str(p)}) for p in paths] + [json.dumps({"path": "missing.txt"})]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with serve(respond=rules_model) as (url, server):
        code, out, err = run(
            "batch", str(manifest), "--base-url", url, "--model", MODEL, "--mode", "structured", "--workers", "2",
            "--ray",
        )  # fmt: skip

    # Streamed back to the driver and delivered by the batch rules: stdout, exit code, failure list.
    assert code == 4 and "missing.txt: no such file" in err and "1 of 4 article(s) failed" in err
    results = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["metadata"]["index"] for r in results) == [0, 1, 2]
    assert all(r["metadata"]["engine"] == "openai" for r in results)
    assert len(server.chat_bodies) == 3 and server.max_in_flight <= 2
