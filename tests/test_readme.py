"""Every shell and Python block of the README runs here, against the real CLI and API; where the
README shows output, the output must be what the command prints.

Blocks, by their fence:

- ```bash / ```sh / ```zsh / ```fish: each line is a command (comments and ``\\`` continuations
  as the shell reads them), run by that shell (skipped when it is not installed); each must exit 0.
- ```console: ``$ command`` lines, each followed by its output (stdout and stderr as a terminal
  interleaves them), which must match what the command prints.
- ```python: a script, run with this interpreter; it must exit 0.
- Other fences (```json, ```text, ```toml) are shown, not run, unless annotated. A ```text block
  that starts with ``$ python bench/...`` shows a benchmark: its script must exist (timings are
  measured on purpose, not re-run here).

An HTML comment on the line before a fence annotates it:

- ``<!-- readme-test: skip: WHY -->``: not run (installing packages; the suite itself);
- ``<!-- readme-test: live -->``: needs the endpoint it names (marker ``live``, never by default);
- ``<!-- readme-test: local -->``: needs the ``[local]`` extra and a minute of CPU (markers
  ``local`` and ``live``: never by default either; ``pytest -m live tests/test_readme.py``);
- ``<!-- readme-test: file PATH -->``: this block is written to PATH for the next runnable block;
- ``<!-- readme-test: output -->``: this block is the output of the runnable block before it.

Each block runs in a fresh sandbox that stands in for a user's folder: HOME is the sandbox
(``~/.config/summarize/config.toml`` is its own), the working folder is ``~/project`` holding the
README's placeholder files (``article.txt``, ``a.txt`` ... are invented articles from
``examples/`` and ``evals/cases/``; ``summary.txt`` is ``examples/summary.txt``; ``page.html`` a
saved page from the tests), ``summarize`` and ``python`` run this checkout, ``xdg-open`` only
checks that the page exists, ``https://example.org/...`` is served from 127.0.0.1 (the page
above), and in live runs ``sk-...`` is your ``$OPENAI_API_KEY``. Time in seconds
(``"seconds": 0.78``) differs on every run and is compared as ``<seconds>``.

``UPDATE_README=1 pytest tests/test_readme.py`` rewrites the shown output from real runs: the
README's output is never edited by hand.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
README = REPO_ROOT / "README.md"
PAGE = REPO_ROOT / "tests" / "fixtures" / "web" / "norrvik_bridge.html"
EXAMPLE_URL = "https://example.org"
SHELLS = {"bash": "bash", "sh": "bash", "shell": "bash", "zsh": "zsh", "fish": "fish"}
# The README's placeholder files, and what stands in for them.
PLACEHOLDERS = {
    "article.txt": REPO_ROOT / "examples" / "article.txt",
    "ARTICLE.txt": REPO_ROOT / "examples" / "article.txt",
    "a.txt": REPO_ROOT / "evals" / "cases" / "fiction_kestrel_mine.txt",
    "b.txt": REPO_ROOT / "evals" / "cases" / "fiction_norrvik_bridge.txt",
    "c.txt": REPO_ROOT / "evals" / "cases" / "fiction_corvane_rail.txt",
    "summary.txt": REPO_ROOT / "examples" / "summary.txt",
    "my-summary.txt": REPO_ROOT / "examples" / "summary.txt",
    "page.html": PAGE,
}
# Values that differ on every run, and how they are compared.
VOLATILE = [(re.compile(r'"seconds": [0-9.]+'), '"seconds": <seconds>')]
ANNOTATION = re.compile(r"^<!-- readme-test: (?P<kind>skip|live|local|file|output)(?::? ?(?P<arg>.*?))? -->$")


@dataclass
class Block:
    """One fenced block of the README."""

    lang: str
    text: str
    line: int  # of the opening fence, from 1
    kind: str | None = None  # the annotation
    arg: str = ""
    files: list[Block] = field(default_factory=list)  # `file` blocks written before it runs
    output: Block | None = None  # the `output` block that shows what it prints

    @property
    def runnable(self) -> bool:
        return self.lang in SHELLS or (
            self.lang in ("console", "python") and self.kind not in ("file", "output")
        )

    @property
    def name(self) -> str:
        return f"line{self.line}-{self.lang}"


def parse_readme(text: str) -> list[Block]:
    """Every fenced block with its annotation; file and output blocks attached to their runner."""
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith("```"):
            index += 1
            continue
        lang = line[3:].strip()
        end = index + 1
        while not lines[end].startswith("```"):
            end += 1
        block = Block(lang, "\n".join(lines[index + 1 : end]) + ("\n" if end > index + 1 else ""), index + 1)
        previous = lines[index - 1] if index else ""
        if previous.startswith("<!-- readme-test"):
            match = ANNOTATION.match(previous)
            assert match, f"README line {index}: unknown annotation {previous!r}"
            block.kind, block.arg = match["kind"], (match["arg"] or "").strip()
        blocks.append(block)
        index = end + 1
    pending: list[Block] = []
    last_runnable: Block | None = None
    for block in blocks:
        if block.kind == "file":
            pending.append(block)
        elif block.kind == "output":
            assert last_runnable is not None, f"README line {block.line}: output of nothing"
            last_runnable.output = block
        elif block.runnable:
            block.files, pending = pending, []
            last_runnable = block
    assert not pending, f"README: file blocks with no block to run after them: {[b.line for b in pending]}"
    return blocks


BLOCKS = parse_readme(README.read_text(encoding="utf-8"))


# -- the sandbox ----------------------------------------------------------------------------------
class _PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # every path is the example page
        body = PAGE.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def example_site() -> Iterator[str]:
    """https://example.org, served from 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@dataclass
class Sandbox:
    """A user's home and project folder, with this checkout's summarize on PATH."""

    home: Path
    cwd: Path
    env: dict[str, str]
    site: str

    def to_sandbox(self, text: str) -> str:
        text = text.replace(EXAMPLE_URL, self.site)
        return text.replace("sk-...", '"$OPENAI_API_KEY"')

    def from_sandbox(self, text: str) -> str:
        return text.replace(self.site, EXAMPLE_URL)


@pytest.fixture
def sandbox(tmp_path: Path, example_site: str) -> Sandbox:
    home = tmp_path / "home"
    cwd = home / "project"
    bin_dir = tmp_path / "bin"
    for folder in (cwd, bin_dir):
        folder.mkdir(parents=True)
    for name, source in PLACEHOLDERS.items():
        shutil.copyfile(source, cwd / name)
    shutil.copytree(REPO_ROOT / "examples", cwd / "examples")
    _executable(bin_dir / "summarize", f'#!/bin/sh\nexec "{sys.executable}" -m summarize "$@"\n')
    for name in ("python", "python3"):
        _executable(bin_dir / name, f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    _executable(bin_dir / "xdg-open", '#!/bin/sh\ntest -f "$1"\n')  # no browser in a test
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("XDG_CONFIG_HOME", "SUMMARIZE_CONFIG") and not key.startswith("SUMMARIZE_")
    }
    env.update(
        HOME=str(home),
        PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        PYTHONPATH=str(REPO_ROOT),
        COLUMNS="100",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    if not any(key in os.environ for key in ("OPENAI_API_KEY", "OPENAI_BASE_URL")):
        env.pop("OPENAI_API_KEY", None)
    return Sandbox(home, cwd, env, example_site)


# -- running blocks -------------------------------------------------------------------------------
def shell_commands(text: str) -> list[str]:
    """The commands of a shell block: continuation lines joined, blank and comment lines dropped."""
    commands, current = [], ""
    for line in text.splitlines():
        current += line
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        if current.strip() and not current.lstrip().startswith("#"):
            commands.append(current)
        current = ""
    return commands


def console_steps(text: str) -> list[tuple[str, str]]:
    """(command, shown output) for each ``$ `` line of a console block."""
    steps: list[tuple[str, str]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append((line[2:].rstrip("\n"), ""))
        else:
            assert steps, f"output before any command: {line!r}"
            steps[-1] = (steps[-1][0], steps[-1][1] + line)
    return steps


def normalized(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def run_in(sandbox: Sandbox, argv: list[str], *, merge: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=sandbox.cwd,
        env=sandbox.env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge else subprocess.PIPE,
        timeout=300,
    )


def write_files(block: Block, sandbox: Sandbox) -> None:
    for file_block in block.files:
        target = (
            Path(file_block.arg.replace("~", str(sandbox.home), 1))
            if file_block.arg.startswith("~")
            else None
        )
        path = target or sandbox.cwd / file_block.arg
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file_block.text, encoding="utf-8")


def run_block(block: Block, sandbox: Sandbox) -> str:
    """Run a block in the sandbox; returns what it printed (for an output block)."""
    write_files(block, sandbox)
    if block.lang == "python":
        script = sandbox.cwd / "readme_block.py"
        script.write_text(sandbox.to_sandbox(block.text), encoding="utf-8")
        done = run_in(sandbox, [sys.executable, str(script)], merge=False)
        assert done.returncode == 0, f"README line {block.line}: the Python block failed:\n{done.stderr}"
        return sandbox.from_sandbox(done.stdout)
    shell = SHELLS[block.lang]
    printed = ""
    for command in shell_commands(block.text):
        done = run_in(sandbox, [shell, "-c", sandbox.to_sandbox(command)])
        assert done.returncode == 0, (
            f"README line {block.line}: `{command}` exited {done.returncode}:\n{done.stdout[-3000:]}"
        )
        printed += sandbox.from_sandbox(done.stdout)
    return printed


def update_readme(old: str, new: str) -> None:
    """Replace one block's text in the README (UPDATE_README=1)."""
    text = README.read_text(encoding="utf-8")
    assert text.count(old) == 1, "cannot find the block to update (edited meanwhile?)"
    README.write_text(text.replace(old, new), encoding="utf-8")


UPDATING = os.environ.get("UPDATE_README") == "1"


def _params() -> list[Any]:
    params = []
    for block in BLOCKS:
        if not block.runnable:
            continue
        marks: list[Any] = []
        if block.kind == "skip":
            marks.append(pytest.mark.skip(reason=f"README line {block.line}: {block.arg}"))
        elif block.kind == "live":
            marks.append(pytest.mark.live)
        elif block.kind == "local":
            marks.extend([pytest.mark.local, pytest.mark.live])
        params.append(pytest.param(block, id=block.name, marks=marks))
    return params


@pytest.mark.parametrize("block", _params())
def test_readme_block(block: Block, sandbox: Sandbox) -> None:
    if block.kind == "live" and not (os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL")):
        pytest.skip("no endpoint configured (OPENAI_API_KEY or OPENAI_BASE_URL)")
    if block.kind == "local" and importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("needs the [local] extra (llama-cpp-python)")
    if block.lang in SHELLS and shutil.which(SHELLS[block.lang]) is None:
        pytest.skip(f"{SHELLS[block.lang]} is not installed")
    if block.lang == "console":
        write_files(block, sandbox)
        shown, actual = [], []
        for command, expected in console_steps(block.text):
            done = run_in(sandbox, ["bash", "-c", sandbox.to_sandbox(command)])
            printed = sandbox.from_sandbox(done.stdout)
            shown.append(f"$ {command}\n{printed}")
            actual.append((command, expected, printed))
        if UPDATING:
            update_readme(f"```console\n{block.text}```", "```console\n" + "".join(shown) + "```")
            return
        for command, expected, printed in actual:
            assert normalized(printed) == normalized(expected), (
                f"README line {block.line}: `{command}` prints something else than the README shows "
                "(UPDATE_README=1 pytest tests/test_readme.py regenerates it)"
            )
        return
    printed = run_block(block, sandbox)
    if block.output is not None:
        if UPDATING:
            fence = f"```{block.output.lang}\n"
            update_readme(fence + block.output.text + "```", fence + printed + "```")
            return
        assert normalized(printed) == normalized(block.output.text), (
            f"README line {block.output.line}: the output shown is not what the block at line "
            f"{block.line} prints (UPDATE_README=1 pytest tests/test_readme.py regenerates it)"
        )


def test_every_block_is_run_or_shown_on_purpose() -> None:
    shown_only = {"json", "text", "toml"}
    for block in BLOCKS:
        assert block.runnable or block.lang in shown_only or block.kind in ("file", "output"), (
            f"README line {block.line}: a ```{block.lang} block that no test runs"
        )
        if block.kind == "skip":
            assert block.arg, f"README line {block.line}: say why the block is skipped"


def test_every_benchmark_the_readme_shows_exists() -> None:
    for block in BLOCKS:
        for command in re.findall(r"^\$ python (bench/\S+\.py)", block.text, flags=re.MULTILINE):
            assert (REPO_ROOT / command).is_file(), f"README line {block.line}: {command} does not exist"


def test_the_parser_reads_annotations_commands_and_outputs() -> None:
    blocks = parse_readme(
        "<!-- readme-test: file ~/x.toml -->\n```toml\na = 1\n```\n"
        "```bash\nsummarize a.txt \\\n  --compact   # one\n# a comment\n\n```\n"
        "<!-- readme-test: output -->\n```text\nout\n```\n"
    )

    toml, bash, output = blocks
    assert (toml.kind, toml.arg, bash.files, bash.output) == ("file", "~/x.toml", [toml], output)
    assert shell_commands(bash.text) == ["summarize a.txt    --compact   # one"]
    assert console_steps("$ a\none\n$ b\n") == [("a", "one\n"), ("b", "")]
