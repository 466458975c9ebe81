"""The real embedded llama.cpp server (marker ``local``): start, fail clearly, stop, leave no orphans.

These need the ``[local]`` extra (llama-cpp-python[server] and the bundled SmolLM2 GGUF).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("llama_cpp.server.settings", reason="needs the [local] extra")

from summarize.engines.llama_server import LlamaServer, ServerConfig
from summarize.engines.local import DEFAULT_MODEL, default_gguf
from summarize.errors import LocalServerError
from summarize.pipeline import summarize_file

pytestmark = pytest.mark.local

SERVER_MODULE = "llama_cpp.server"
# Generous bounds that only catch hangs; no test asserts how fast anything is.
HANG_GUARD_SECONDS = 180


def server_processes(parent: int | None = None) -> dict[int, str]:
    """Running llama_cpp.server processes (pid -> command line), optionally only children of ``parent``."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited while we looked
        # stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if SERVER_MODULE in cmdline and state != "Z" and (parent is None or int(ppid) == parent):
            found[int(entry.name)] = cmdline
    return found


def is_alive(pid: int, cmdline: str) -> bool:
    """True while ``pid`` still runs the same command (guards against pid reuse)."""
    return server_processes().get(pid) == cmdline


def wait_for_server_child(parent: subprocess.Popen[bytes]) -> tuple[int, str]:
    """Wait until ``parent`` has started a llama.cpp server that answers; return its pid and cmdline."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while time.monotonic() < deadline:
        assert parent.poll() is None, f"the CLI exited early: {parent.communicate()}"
        children = server_processes(parent.pid)
        if children:
            pid, cmdline = next(iter(children.items()))
            port = cmdline.split("--port ")[1].split()[0]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2) as reply:
                    json.load(reply)
                return pid, cmdline
            except OSError:
                pass
        time.sleep(0.2)
    raise AssertionError("no llama.cpp server answered in time")


def cli_command(article: Path) -> list[str]:
    """`summarize --engine local ARTICLE`, with the console script of this interpreter's environment."""
    script = shutil.which("summarize", path=str(Path(sys.executable).parent))
    prefix = [script] if script else [sys.executable, "-m", "summarize"]
    return [*prefix, "--engine", "local", str(article)]


@pytest.fixture
def article(corpus_dir: Path) -> Path:
    return corpus_dir / "001_e633f8b8a2fc3933.txt"


@pytest.fixture
def small_server_config() -> Iterator[ServerConfig]:
    yield ServerConfig(model_path=default_gguf(), model_alias=DEFAULT_MODEL.alias, context_tokens=2048)


def test_server_answers_with_the_model_alias_and_stops(small_server_config: ServerConfig) -> None:
    server = LlamaServer(small_server_config)
    base_url = server.start()
    try:
        pid = server.pid
        assert pid is not None
        cmdline = server_processes()[pid]
        with urllib.request.urlopen(f"{base_url}/models", timeout=10) as reply:
            models = json.load(reply)
        assert [model["id"] for model in models["data"]] == [DEFAULT_MODEL.alias]
    finally:
        server.stop()
    assert not is_alive(pid, cmdline)
    assert not server.is_running()


def test_a_file_that_is_not_a_model_fails_with_the_server_output(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.gguf"
    bogus.write_bytes(b"this is not a GGUF file\n" * 100)
    server = LlamaServer(ServerConfig(model_path=bogus, model_alias="bogus", context_tokens=512))

    with pytest.raises(LocalServerError, match="exited with status") as raised:
        server.start()

    assert "server output" in str(raised.value)
    assert not server_processes(os.getpid())


def test_a_server_that_never_answers_is_stopped_after_the_startup_timeout(
    small_server_config: ServerConfig,
) -> None:
    impatient = ServerConfig(
        model_path=small_server_config.model_path,
        model_alias=small_server_config.model_alias,
        context_tokens=small_server_config.context_tokens,
        startup_timeout=0.2,  # far less than the server needs to import and load the model
    )

    with pytest.raises(LocalServerError, match="did not answer"):
        LlamaServer(impatient).start()

    assert not server_processes(os.getpid())


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_interrupting_the_cli_mid_run_leaves_no_server_behind(article: Path, signum: signal.Signals) -> None:
    cli = subprocess.Popen(cli_command(article), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        server_pid, server_cmdline = wait_for_server_child(cli)
        time.sleep(1.0)  # let the summary request reach the server, so the model is mid-answer
        assert cli.poll() is None, "the CLI finished before it could be interrupted"
        cli.send_signal(signum)
        _, stderr = cli.communicate(timeout=HANG_GUARD_SECONDS)
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()

    assert cli.returncode != 0, stderr.decode()
    deadline = time.monotonic() + 15  # SIGKILL: the kernel's parent-death signal is asynchronous
    while is_alive(server_pid, server_cmdline) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not is_alive(server_pid, server_cmdline), f"orphaned llama.cpp server {server_pid}"


def test_live_smoke_summarizes_one_corpus_article(article: Path) -> None:
    result = summarize_file(str(article), engine="local")

    assert result.metadata.engine == "local"
    assert result.metadata.model == DEFAULT_MODEL.alias
    assert result.metadata.usage.completion_tokens > 0
    assert result.summary.event.what  # schema-valid: pydantic validated every field on the way in
    assert result.grounding is not None  # grounding ran and reports what the tiny model made up
    assert not server_processes(os.getpid())
