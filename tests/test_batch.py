"""The batch rules, in the API: outcomes per input, first failure's exit code, --out DIR files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from summarize.article import article_from_text
from summarize.batch import Outcome, run_batch, summarize_many
from summarize.config import resolve_settings
from summarize.errors import OutputError
from summarize.output import OutputDir, write_atomically
from summarize.pipeline import Summarizer
from summarize.result import SummaryResult
from tests.fakes import ARTICLE

RULES = resolve_settings(environ={}, engine="rules")


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    return [str(good), str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"), str(good)]


def test_each_input_gets_an_outcome_and_failures_do_not_stop_the_batch(inputs: list[str]) -> None:
    outcomes = list(summarize_many(inputs, RULES))

    assert [(o.index, o.name, o.ok) for o in outcomes] == [
        (0, inputs[0], True),
        (1, inputs[1], False),
        (2, inputs[2], False),
        (3, inputs[3], True),
    ]
    assert outcomes[1].error is not None and "no such file" in outcomes[1].error.message


def test_a_batch_exits_with_its_first_failures_code(inputs: list[str]) -> None:
    seen: list[Outcome] = []
    with Summarizer(RULES) as summarizer:
        report = run_batch(inputs, summarizer, deliver=lambda result: None, on_outcome=seen.append)

    assert report.exit_code == 4 and report.delivered == 2
    assert [o.index for o in report.failures] == [1, 2] and len(seen) == 4


def test_a_failed_write_stops_the_batch_and_names_what_was_not_processed(inputs: list[str]) -> None:
    def full_disk(result: SummaryResult) -> None:
        raise OutputError("cannot write out/good.json: No space left on device", path="out/good.json")

    with Summarizer(RULES) as summarizer:
        report = run_batch(inputs, summarizer, deliver=full_disk)

    assert report.exit_code == 10 and report.delivered == 0
    assert report.not_processed == inputs[1:]


def test_out_dir_names_are_unique_within_a_run(tmp_path: Path) -> None:
    out = OutputDir(tmp_path / "out", "json")

    names = [out.path_for(s).name for s in ["a/x.txt", "b/x.txt", "b/X.txt", "-", "bad\nname.txt"]]

    assert names == ["x.json", "x-2.json", "X-3.json", "stdin.json", "bad_name.json"]


def test_out_files_honour_the_umask_and_leave_no_temporary_file(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        out = OutputDir(tmp_path, "markdown")
        with Summarizer(RULES) as summarizer:
            written = out.write(summarizer.summarize(article_from_text(ARTICLE, "a.txt")))
    finally:
        os.umask(old)

    assert stat.S_IMODE(written.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_failed_atomic_write_removes_its_temporary_file_and_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError, match=r"cannot write .*a\.json: No space left on device") as raised:
        write_atomically(target, "new")

    assert raised.value.path == str(target)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_an_out_folder_that_cannot_be_created_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")

    with pytest.raises(OutputError, match=r"cannot create the output folder .*file/sub"):
        OutputDir(tmp_path / "file" / "sub", "json")
