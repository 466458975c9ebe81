"""What a run tells the user on stderr besides errors and progress: what grounding found wrong
with each summary, where ``--out`` wrote, and whether ``--fail-on`` fails the run (exit 8, a grounding failure).

- One line per article whose grounding found problems ("3 of 12 items unsupported, 1
  misattributed; see grounding"), and the run's other notices ("strict grounding dropped 2
  unsupported item(s)"), so that nothing the user should know lives only inside the JSON.
- ``--out``: the file written, or how many files went into which folder.
- The exit code: the first failing article's, counting a ``--fail-on`` hit as a failure with
  code 12, as the batch rules count every other failure.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from .batch import Outcome
from .config import Settings
from .errors import GroundingProblemsError
from .grounding.problems import failing_verdicts, problems_line
from .redaction import printable
from .result import SummaryResult
from .result_shape import OutputShape

# Where the verdicts are in each kind of output: the line tells the reader where to look.
_WHERE = {"json": "grounding", "markdown": "the report", "html": "the review page"}


class RunFeedback:
    """Collects and prints the stderr notes of one run of ``summarize run``."""

    def __init__(
        self,
        console: Console,
        settings: Settings,
        *,
        fmt: str,
        shape: OutputShape,
        several: bool,
        shown_notice: str | None = None,
    ) -> None:
        self.console = console
        self.settings = settings
        self.several = several
        self.shown_notice = shown_notice  # already printed once for the whole run
        self.where = "the verdicts" if shape.compact else _WHERE.get(fmt, "grounding")
        self.written: list[Path] = []
        self.fail_on_hits: list[Outcome] = []

    def _say(self, text: str, name: str) -> None:
        prefix = f"{name}: " if self.several else ""
        self.console.print(printable(f"summarize: {prefix}{text}"), markup=False)

    def wrote(self, path: Path) -> None:
        """A result was written to ``path`` (--out)."""
        self.written.append(path)

    def delivered(self, outcome: Outcome) -> None:
        """Notes about one article whose result was delivered: its notices, its grounding problems."""
        result: SummaryResult | None = outcome.result
        if result is None:
            return
        for notice in result.metadata.notices:
            if notice != self.shown_notice:
                self._say(notice, outcome.name)
        if result.grounding is None:
            return
        line = problems_line(result.grounding, self.where)
        if line is not None:
            self._say(line, outcome.name)
        if failing_verdicts(result.grounding, self.settings.fail_on):
            self.fail_on_hits.append(outcome)

    def finish(self, failures: list[Outcome]) -> int:
        """Print where --out wrote; the run's exit code (raises GroundingProblemsError when a
        --fail-on hit is the first failure)."""
        if len(self.written) == 1:
            self.console.print(printable(f"summarize: wrote {self.written[0]}"), markup=False)
        elif self.written:
            folder = self.written[0].parent
            self.console.print(
                printable(f"summarize: wrote {len(self.written)} files to {folder}/"), markup=False
            )
        ranked = [(o.index, o.error.exit_code) for o in failures if o.error is not None]
        ranked += [(o.index, GroundingProblemsError.exit_code) for o in self.fail_on_hits]
        if not ranked:
            return 0
        code = min(ranked)[1]
        if code == GroundingProblemsError.exit_code:
            names = ", ".join(o.name for o in self.fail_on_hits) if self.several else "the summary"
            raise GroundingProblemsError(
                f"--fail-on {','.join(self.settings.fail_on)}: {names} has items with "
                "these verdicts (the result was still written)"
            )
        return code
