"""Tokens per summary, sentence references against verbatim quotes, read from the recorded cassettes.

Both sets were recorded from the same real server and model (``cassettes/record.sh``) on the same
articles: ``test_each_article_gets_a_summary_with_no_invented_evidence[ID]`` (``--evidence ids``)
and ``test_verbatim_quotes_are_recorded_for_comparison[ID]`` (``--evidence quotes``). Usage::

    python bench/cassette_tokens.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
IDS = "test_each_article_gets_a_summary_with_no_invented_evidence[{}].yaml"
QUOTES = "test_verbatim_quotes_are_recorded_for_comparison[{}].yaml"


def tokens(path: Path) -> tuple[int, int, int]:
    """Prompt tokens, completion tokens and requests the server reported in one cassette."""
    interactions = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
    prompt = completion = 0
    for interaction in interactions:
        usage = json.loads(interaction["response"]["body"]["string"])["usage"]
        prompt += usage["prompt_tokens"]
        completion += usage["completion_tokens"]
    return prompt, completion, len(interactions)


def main() -> int:
    prefix = QUOTES.split("[", 1)[0] + "["
    ids = sorted(
        p.name[len(prefix) : -len("].yaml")] for p in CASSETTES.iterdir() if p.name.startswith(prefix)
    )
    print(
        "| article | ids: prompt | ids: completion | ids: requests | quotes: prompt | quotes: completion | quotes: requests | completion saved |"
    )
    print("|---|---|---|---|---|---|---|---|")
    totals = [0] * 6
    for article in ids:
        row = tokens(CASSETTES / IDS.format(article)) + tokens(CASSETTES / QUOTES.format(article))
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        saved = 1 - row[1] / row[4] if row[4] else 0.0
        print(f"| {article} | " + " | ".join(map(str, row)) + f" | {saved:.0%} |")
    saved = 1 - totals[1] / totals[4] if totals[4] else 0.0
    print(f"| all ({len(ids)}) | " + " | ".join(map(str, totals)) + f" | {saved:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
