"""summarize batch: folders, globs and JSONL manifests in; the progress bar on a terminal."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from summarize.commands.batch import BatchProgress
from summarize.errors import InputError
from summarize.sources import BatchInput, expand_sources
from tests.fakes import ARTICLE

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "day2").mkdir(parents=True)
    (root / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a.html").write_text(
        f"<html><body><article><p>{ARTICLE}</p></article></body></html>", encoding="utf-8"
    )
    (root / "day2" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    (root / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def test_a_folder_is_every_article_file_under_it_in_order(folder: Path) -> None:
    names = [item.name for item in expand_sources([str(folder)])]

    assert names == [str(folder / "a.html"), str(folder / "b.txt"), str(folder / "day2" / "c.txt")]


def test_a_glob_is_expanded_in_order_and_a_plain_file_is_itself(folder: Path) -> None:
    names = [i.name for i in expand_sources([str(folder / "**" / "*.txt"), str(folder / "b.txt")])]

    assert names == [str(folder / "b.txt"), str(folder / "day2" / "c.txt"), str(folder / "b.txt")]


def test_a_manifest_lists_paths_and_texts_with_ids(tmp_path: Path, folder: Path) -> None:
    manifest = tmp_path / "today.jsonl"
    manifest.write_text(
        '{"path": "news/b.txt"}\n\n{"id": "wire-7", "text": "Ministers met on Monday in Vilnius."}\n'
        '{"id": 42, "path": "news/day2/c.txt"}\n',
        encoding="utf-8",
    )

    items = expand_sources([str(manifest)])

    assert items == [
        BatchInput(str(tmp_path / "news" / "b.txt")),
        BatchInput("wire-7", text="Ministers met on Monday in Vilnius."),
        BatchInput(str(tmp_path / "news" / "day2" / "c.txt"), label="42"),
    ]
    assert [i.source for i in items] == [str(tmp_path / "news" / "b.txt"), "wire-7", "42"]


@pytest.mark.parametrize(
    ("line", "message"),
    [("{not json", "line 1: not a JSON object"), ('{"id": "x"}', 'exactly one of "path" and "text"')],
)
def test_a_bad_manifest_line_names_the_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    manifest = tmp_path / "bad.jsonl"
    manifest.write_text(line + "\n", encoding="utf-8")

    with pytest.raises(InputError, match=message):
        expand_sources([str(manifest)])


def test_an_empty_folder_or_pattern_is_an_input_error(tmp_path: Path, run: Run) -> None:
    code, _, err = run("batch", str(tmp_path), "--engine", "rules")
    assert code == 4 and "no article files" in err
    code, _, err = run("batch", str(tmp_path / "*.txt"), "--engine", "rules")
    assert code == 4 and "no file matches" in err


def test_batch_summarizes_a_folder_and_a_manifest_into_one_jsonl(
    run: Run, folder: Path, tmp_path: Path
) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "inline", "text": ' + json.dumps(ARTICLE) + "}\n", encoding="utf-8")
    out = tmp_path / "all.jsonl"

    code, stdout, err = run("batch", str(folder), str(manifest), "--engine", "rules", "--jsonl", str(out))

    assert code == 0, err
    assert stdout == ""
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["metadata"]["index"], r["metadata"]["source"]) for r in lines][-1] == (3, "inline")
    assert len(lines) == 4


def test_a_ray_address_that_is_a_path_is_a_usage_error(run: Run, folder: Path) -> None:
    code, _, err = run("batch", "--ray", str(folder), str(folder / "b.txt"), "--engine", "rules")

    assert code == 2 and "put --ray after the sources" in err


def test_fail_on_without_grounding_is_a_usage_error_as_in_run(run: Run, folder: Path) -> None:
    for command in (["batch", str(folder)], [str(folder / "b.txt")]):
        code, out, err = run(*command, "--engine", "rules", "--fail-on", "any", "--grounding", "off")
        assert code == 2 and out == "" and "--fail-on needs grounding" in err, command


def test_the_progress_bar_shows_counts_failures_and_an_eta_only_after_a_second() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)

    with BatchProgress(console, 3, show=True, delay=0.0) as progress:
        time.sleep(0.2)
        progress.advance(failed=False)
        progress.advance(failed=True)
        console.file.flush()
        time.sleep(0.3)
        shown = progress.shown
    drawn = screen.getvalue()

    assert shown and "2/3" in drawn and "1 failed" in drawn and "ETA" in drawn


def test_a_short_run_shows_no_progress_bar() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)

    with BatchProgress(console, 1, show=True) as progress:
        progress.advance(failed=False)

    assert not progress.shown and screen.getvalue() == ""
