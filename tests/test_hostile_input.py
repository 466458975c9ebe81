"""Hostile or odd input, bad options, failed writes, closed pipes: one clear line and a documented code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.article import has_article_text, read_article
from summarize.errors import ArticleTooLargeError, NoArticleTextError
from tests.fakes import ARTICLE

Run = Callable[..., tuple[int, str, str]]
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZE_ENGINE", "SUMMARIZE_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)


def summarize_process(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "summarize", *args], capture_output=True, env=env, timeout=60, **kwargs
    )


# -- options ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--timeout", "0"),
        ("--timeout", "-1"),
        ("--timeout", "nan"),
        ("--timeout", "inf"),
        ("--max-retry-seconds", "-5"),
        ("--article-timeout", "0"),
        ("--max-bytes", "0"),
        ("--max-bytes", "lots"),
        ("--base-url", "file:///etc/passwd"),
    ],
)
def test_bad_option_values_are_usage_errors(run: Run, article: Path, args: tuple[str, str]) -> None:
    code, out, err = run(str(article), *args)

    assert code == 2 and out == "" and args[0] in err and "Traceback" not in err


def test_a_context_too_small_for_any_prompt_says_why(run: Run, article: Path) -> None:
    code, _, err = run(str(article), "--context-tokens", "256")

    assert code == 2
    assert "at least 2048 (1536 tokens are kept for the answer), not 256" in err and "-1280" not in err


def test_bad_environment_values_are_configuration_errors(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_TIMEOUT", "-1")

    code, _, err = run(str(article))

    assert code == 3 and "SUMMARIZE_TIMEOUT='-1'" in err and len(err.strip().splitlines()) == 1


# -- input -----------------------------------------------------------------------------------


def test_input_over_max_bytes_is_refused_in_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")

    code, out, err = run(str(path), "--engine", "rules", "--max-bytes", "1k")

    assert (code, out) == (4, "") and "larger than 1,000 bytes (--max-bytes)" in err
    assert len(err.strip().splitlines()) == 1


def test_endless_stdin_stops_quickly() -> None:
    started = time.monotonic()
    with open("/dev/zero", "rb") as zeros:
        done = summarize_process("-", "--engine", "rules", stdin=zeros)

    assert done.returncode == 4 and b"larger than 5,000,000 bytes" in done.stderr
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(
    "text", ["\u200b\u200c\u200d\ufeff\u2060\n\u200b", "... !!! --- ***", "2024 7,000 42"]
)
def test_text_with_nothing_to_read_is_no_article(run: Run, tmp_path: Path, text: str) -> None:
    path = tmp_path / "nothing.txt"
    path.write_text(text, encoding="utf-8")

    code, _, err = run(str(path), "--engine", "rules")

    assert code == 4 and "no article text found" in err


def test_has_article_text_is_the_hook_for_body_text() -> None:
    assert has_article_text("Moscow said so.") and has_article_text("莫斯科说")
    assert not has_article_text("\u200b\u200b") and not has_article_text("— 12 —")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)

    assert read_article(path).text == ARTICLE


def test_reading_is_capped_for_the_api_too(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    with pytest.raises(ArticleTooLargeError):
        read_article(path, max_bytes=10)
    with pytest.raises(NoArticleTextError):
        read_article(tmp_path.joinpath("zw.txt").write_text("\u200b") and tmp_path / "zw.txt")


# -- check -----------------------------------------------------------------------------------


def test_check_says_the_summary_is_empty_not_the_article(run: Run, article: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text("", encoding="utf-8")

    code, _, err = run("check", str(article), str(summary))

    assert code == 4 and "the summary is empty" in err and "article" not in err.split(":", 2)[-1]


def test_check_refuses_a_punctuation_only_summary(run: Run, article: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text("... — !!!", encoding="utf-8")

    code, _, err = run("check", str(article), str(summary))

    assert code == 4 and "no summary text found" in err


# -- output ----------------------------------------------------------------------------------


def test_a_write_past_the_file_size_limit_names_the_path_and_what_was_not_processed(
    article: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    others = [tmp_path / f"{name}.txt" for name in ("second", "third")]
    for path in others:
        path.write_text(ARTICLE, encoding="utf-8")
    script = (
        f"ulimit -f 1; exec {sys.executable} -m summarize --engine rules --out {out} {article} "
        + " ".join(map(str, others))
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "PYTHONPATH": str(REPO)},
    )

    assert done.returncode == 10, done.stderr
    assert f"cannot write {out / 'article.json'}: File too large" in done.stderr
    assert f"not processed: {others[0]}, {others[1]}" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []  # no temporary file left behind


def test_an_out_folder_that_cannot_exist_is_exit_10(run: Run, article: Path) -> None:
    code, _, err = run(str(article), "--engine", "rules", "--out", "/proc/self/nope")

    assert code == 10 and "/proc/self/nope" in err and len(err.strip().splitlines()) == 1


def test_out_files_are_readable_as_the_umask_says(run: Run, article: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        code, _, _ = run(str(article), "--engine", "rules", "--out", str(tmp_path / "out"))
    finally:
        os.umask(old)

    assert code == 0 and (tmp_path / "out" / "article.json").stat().st_mode & 0o777 == 0o644


def test_piping_into_head_ends_quietly_with_the_sigpipe_status(article: Path) -> None:
    paths = [str(article)] * 40
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    command = f"{sys.executable} -m summarize --engine rules {' '.join(paths)} | head -c 100 > /dev/null; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "PYTHONPATH": str(REPO)},
    )

    assert done.stdout.strip() == "141", done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_markdown_output_escapes_what_the_article_and_model_wrote(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        "Moscow said on Monday \x1b[2Jit would leave the base <img src=x onerror=alert(1)> "
        "[click](javascript:x), Reuters reported.\n\n“It is over,” said Anna Petrova, an analyst.",
        encoding="utf-8",
    )

    code, out, _ = run(str(path), "--engine", "rules", "--format", "markdown")

    assert code == 0
    assert "&lt;img" in out and "<img" not in out  # shown, never rendered as HTML
    assert "\\](javascript" in out and "\x1b" not in out


def test_stdout_json_is_still_one_object_per_line_with_odd_text(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Moscow said on Monday\u2028it would leave, Reuters reported.\x1b[31m", encoding="utf-8")

    code, out, _ = run(str(path), str(path), "--engine", "rules")

    assert (
        code == 0 and [json.loads(line)["metadata"]["engine"] for line in out.splitlines()] == ["rules"] * 2
    )


# -- eval files ------------------------------------------------------------------------------


@pytest.fixture
def evals_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(REPO / "evals", root / "evals")
    return root


@pytest.mark.parametrize(
    ("file", "content", "needle"),
    [
        ("evals/aliases.yaml", b"- [Moscow, Moskva\n- oops: [", "aliases.yaml:"),
        ("evals/thresholds.yaml", b"floors:\n  rules: {f1: {event: 0.5}\n", "thresholds.yaml:"),
        ("evals/thresholds.yaml", b"floors: {rules: {f1: {event: high}}}\n", "thresholds.yaml"),
        (
            "evals/cases/fiction_kestrel_mine.yaml",
            "article: caf\u00e9\n".encode("latin-1"),
            "fiction_kestrel_mine.yaml:1",
        ),
    ],
)
def test_eval_names_the_bad_file_and_line_and_exits_3(
    run: Run, evals_copy: Path, monkeypatch: pytest.MonkeyPatch, file: str, content: bytes, needle: str
) -> None:
    (evals_copy / file).write_bytes(content)
    monkeypatch.chdir(evals_copy)

    started = time.monotonic()
    code, _, err = run(
        "eval", "--corpus", str(evals_copy / "evals" / "cases"), "--report", "r.json", "--junit", "r.xml"
    )

    assert code == 3 and needle in err and "Traceback" not in err, err
    assert time.monotonic() - started < 10  # checked before the suite runs
