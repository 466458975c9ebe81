"""Running the CLI in-process, as tests/test_cli.py does, for the tests of other CLI features."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from summarize import cli

Run = Callable[..., tuple[int, str, str]]


def cli_runner(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*args) -> (exit code, stdout, stderr)`` of ``summarize ARGS``."""

    def invoke(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as info:
            cli.main(list(args))
        out, err = capsys.readouterr()
        return int(info.value.code or 0), out, err

    return invoke
