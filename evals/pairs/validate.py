"""Validate the hand-written claim pairs in evals/pairs/*.yaml.

Checks, for every file:
  - required keys, known kinds and splits, unique ids, split matches the article's split;
  - every `evidence` is an exact substring of the article text;
  - every content word of each `perturbed` claim occurs in the article text (case, punctuation,
    possessive 's and common function words ignored); exceptions are printed, and accepted only
    when the pair carries a `note:` that justifies them;
  - faithful and perturbed differ.
Prints a table of pair counts per kind and split, and the faithful_only counts.

Usage:
  python evals/pairs/validate.py                 # validate everything, exit 1 on errors
  python evals/pairs/validate.py --words ID "a draft sentence"   # list words missing from article ID
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
EVALS = HERE.parent
CORPORA = {
    "qamishli": EVALS.parent.parent / "shared" / "corpus" / "qamishli",
    "cases": EVALS / "cases",
}
# The shared corpus lives outside the repository; fall back to the canonical path.
if not CORPORA["qamishli"].is_dir():
    CORPORA["qamishli"] = Path("/work/shared/corpus/qamishli")

KINDS = [
    "role_swap",
    "negation",
    "modality",
    "causation",
    "number_date",
    "misattribution",
    "quantifier",
    "place",
]
SPLITS = {
    "000_1ac071ef24be8291": "tune",
    "002_1d2bac3a4efa2572": "tune",
    "004_8e2c2e1f956deacb": "tune",
    "fiction_kestrel_mine": "tune",
    "001_e633f8b8a2fc3933": "report",
    "003_e4e09b1ddf54181a": "report",
    "fiction_norrvik_bridge": "report",
    "fiction_veloria_rates": "report",
}
PAIR_KEYS = {"id", "kind", "split", "faithful", "perturbed", "evidence", "change"}
FAITHFUL_KEYS = {"id", "split", "claim", "evidence"}

# Function words a word-presence checker would ignore anyway.
_FUNCTION_WORDS_TEXT = """
a an the and or but nor so yet of to in on at by for from with as into onto over under
about after before since until while because than then that this these those it its
he she they them their his her him we our you your i me my who whom whose which what
when where why how is are was were be been being am has have had do does did will would
shall should can could may might must not no never none all any some each every both
either neither only also too very just still already more most much many other another
such own same there here again if whether up out off now even
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")


def normalize(text: str) -> str:
    text = text.lower()
    for ch in "\u2018\u2019\u02bc`":
        text = text.replace(ch, "'")
    text = re.sub(r"n't\b", " not", text)
    text = re.sub(r"'s\b", "", text)
    return text


def tokens(text: str) -> list[str]:
    return TOKEN.findall(normalize(text))


def article_path(article: str, corpus: str) -> Path:
    return CORPORA[corpus] / f"{article}.txt"


def missing_words(sentence: str, article_text: str) -> list[str]:
    vocab = set(tokens(article_text))
    return [t for t in tokens(sentence) if t not in vocab and t not in FUNCTION_WORDS]


def corpus_of(article: str) -> str:
    return "cases" if article.startswith("fiction_") else "qamishli"


def check_common(
    item: dict[str, Any],
    keys: set[str],
    label: str,
    split: str,
    text: str,
    seen_ids: set[str],
    errors: list[str],
) -> None:
    """Checks shared by pairs and faithful_only items: keys, unique id, split, evidence."""
    missing = keys - item.keys()
    if missing:
        errors.append(f"{label}: missing keys {sorted(missing)}")
    iid = str(item.get("id"))
    if iid in seen_ids:
        errors.append(f"{label}: duplicate id")
    seen_ids.add(iid)
    if item.get("split") != split:
        errors.append(f"{label}: split {item.get('split')!r}, article is in {split!r}")
    ev = item.get("evidence")
    if not isinstance(ev, str) or ev not in text:
        errors.append(f"{label}: evidence is not a substring of the article: {ev!r}")


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "--words":
        text = article_path(argv[1], corpus_of(argv[1])).read_text(encoding="utf-8")
        for sentence in argv[2:]:
            print(missing_words(sentence, text) or "ok", "|", sentence)
        return 0

    errors: list[str] = []
    warnings: list[str] = []
    counts: Counter[tuple[str, str]] = Counter()
    kind_articles: dict[str, set[str]] = {k: set() for k in KINDS}
    faithful_counts: Counter[str] = Counter()
    seen_ids: set[str] = set()
    seen_claims: set[str] = set()
    noted: list[str] = []

    files = sorted(HERE.glob("*.yaml"))
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = data.get("article")
        corpus = data.get("corpus")
        where = path.name
        if article != path.stem:
            errors.append(f"{where}: article {article!r} does not match file name")
        if article not in SPLITS:
            errors.append(f"{where}: unknown article {article!r}")
            continue
        if corpus not in CORPORA:
            errors.append(f"{where}: unknown corpus {corpus!r}")
            continue
        apath = article_path(article, corpus)
        if not apath.is_file():
            errors.append(f"{where}: article file {apath} not found")
            continue
        text = apath.read_text(encoding="utf-8")
        split = SPLITS[article]

        for pair in data.get("pairs") or []:
            label = f"{where}:{pair.get('id')}"
            check_common(pair, PAIR_KEYS, label, split, text, seen_ids, errors)
            kind = pair.get("kind")
            if kind not in KINDS:
                errors.append(f"{label}: unknown kind {kind!r}")
                continue
            faithful, perturbed = pair.get("faithful", ""), pair.get("perturbed", "")
            if faithful == perturbed:
                errors.append(f"{label}: faithful and perturbed are identical")
            for claim in (faithful, perturbed):
                if claim in seen_claims:
                    errors.append(f"{label}: claim repeated elsewhere: {claim!r}")
                seen_claims.add(claim)
            absent = missing_words(perturbed, text)
            if absent:
                msg = f"{label}: perturbed words not in article: {absent}"
                (warnings if pair.get("note") else errors).append(msg)
            counts[(kind, pair.get("split"))] += 1
            kind_articles[kind].add(article)
            if pair.get("note"):
                noted.append(f"{label}: {pair['note']}")

        for item in data.get("faithful_only") or []:
            label = f"{where}:{item.get('id')}"
            check_common(item, FAITHFUL_KEYS, label, split, text, seen_ids, errors)
            claim = item.get("claim", "")
            if claim in seen_claims:
                errors.append(f"{label}: claim repeated elsewhere: {claim!r}")
            seen_claims.add(claim)
            faithful_counts[article] += 1

    print(f"{'kind':<16}{'tune':>6}{'report':>8}{'total':>7}{'articles':>10}")
    for kind in KINDS:
        t, r = counts[(kind, "tune")], counts[(kind, "report")]
        print(f"{kind:<16}{t:>6}{r:>8}{t + r:>7}{len(kind_articles[kind]):>10}")
        if t < 5 or r < 5:
            errors.append(f"kind {kind}: fewer than 5 pairs in a split ({t} tune, {r} report)")
        if len(kind_articles[kind]) < 4:
            errors.append(f"kind {kind}: spread over fewer than 4 articles")
    tt = sum(v for (k, s), v in counts.items() if s == "tune")
    rr = sum(v for (k, s), v in counts.items() if s == "report")
    print(f"{'all':<16}{tt:>6}{rr:>8}{tt + rr:>7}")
    print()
    print("faithful_only:", dict(sorted(faithful_counts.items())), "total", sum(faithful_counts.values()))
    for article_id, n in faithful_counts.items():
        if not 5 <= n <= 8:
            warnings.append(f"{article_id}: {n} faithful_only items (expected 5-8)")
    if noted:
        print("\npairs flagged with a note:")
        for line in noted:
            print("  ", line)
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
