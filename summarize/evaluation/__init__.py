"""The eval suite: score summaries against hand-written references, report, and gate CI.

Modules, each owning one concept:
references (reference YAML files and eval cases), names (name normalization and aliases),
judges (lexical / embedding / llm text similarity), matching (one-to-one item assignment per
section), metrics (counts, P/R/F1, leaks, totals), grounding_counts (verdicts from
summarize.grounding), runner (summarize and score every case), report (JSON, JUnit XML, tables),
gate (floors, tolerances, baseline comparison); and for a user's own eval folder: project
(``--evals`` and ``[tool.summarize.eval]``), scaffold and template/ (``eval init``), validate and
locations (``eval validate``, problems as file:line:column), recording (record once, replay in
CI), pr_comment (the Markdown summary for pull requests).
"""

from .gate import check_gate, enforce_gate, load_thresholds
from .judges import create_judge
from .references import EvalCase, Reference, collect_cases, load_reference
from .report import EvalReport, load_report, save_report
from .runner import run_eval

__all__ = [
    "EvalCase",
    "EvalReport",
    "Reference",
    "check_gate",
    "collect_cases",
    "create_judge",
    "enforce_gate",
    "load_reference",
    "load_report",
    "load_thresholds",
    "run_eval",
    "save_report",
]
