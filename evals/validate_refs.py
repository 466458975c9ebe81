"""Check the hand-written eval data: every YAML parses and every quoted span is in its article.

Standalone (needs only PyYAML, not the summarize package), so the data can be checked before
the code that reads it exists. Run from anywhere:

    python evals/validate_refs.py

Checks:
- every *.yaml under evals/ parses;
- references (evals/references/<id>.yaml, evals/cases/<id>.yaml): event/actor/motive/uncertainty
  evidence, analyst quotes, must_not_appear strings and statements' speaker, role and text are
  exact substrings of the article; statements have kind direct|reported and at most 4 per
  speaker; fiction cases are labelled "[FICTION:" and marked fiction: true;
- comparison references (evals/compare/*.yaml, evals/compare/*/reference.yaml): every fact,
  near-miss, speaker and unnamed-source value is an exact substring of the article it is keyed
  to, keys name articles of the cluster, statuses and kinds are known, and a fact's number of
  values fits its status (only: 1; agree/conflict: 2 or more).

The real articles are read from ../shared/corpus/<cluster>/ beside the repository; when that
folder is missing their checks are skipped (and said so). Exit status 1 on any error.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

EVALS = Path(__file__).resolve().parent
REPO = EVALS.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"

FACT_STATUSES = {"agree", "conflict", "only"}
FACT_KINDS = {
    "number",
    "money",
    "count",
    "age",
    "duration",
    "date",
    "place",
    "actor_action",
    "cause",
    "role",
}
STATEMENT_KINDS = {"direct", "reported"}
MAX_STATEMENTS_PER_SPEAKER = 4

errors: list[str] = []
notes: list[str] = []


def error(where: object, message: str) -> None:
    errors.append(f"{where}: {message}")


def load(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        error(path, f"does not parse: {exc}")
        return None


def check_span(where: str, span: object, text: str) -> None:
    if not isinstance(span, str) or not span:
        error(where, f"expected a non-empty string, got {span!r}")
    elif span not in text:
        error(where, f"not in the article: {span!r}")


def find_corpus_article(article_id: str) -> Path | None:
    if not SHARED_CORPUS.is_dir():
        return None
    found = sorted(SHARED_CORPUS.rglob(f"{article_id}.txt"))
    return found[0] if found else None


def check_reference(path: Path, text: str) -> int:
    """Check one summary reference against its article text; return its statement count."""
    data = load(path)
    if not isinstance(data, dict):
        error(path, "expected a mapping")
        return 0
    if data.get("article") != path.stem:
        error(path, f"article is {data.get('article')!r}, file is {path.stem!r}")
    summary = data.get("summary") or {}
    event = summary.get("event") or {}
    for i, quote in enumerate(event.get("evidence") or []):
        check_span(f"{path.name} event.evidence[{i}]", quote, text)
    for section in ("actors", "stated_motives", "uncertainties"):
        for i, item in enumerate(summary.get(section) or []):
            evidence = item.get("evidence") or []
            if not evidence:
                error(path, f"{section}[{i}] has no evidence")
            for j, quote in enumerate(evidence):
                check_span(f"{path.name} {section}[{i}].evidence[{j}]", quote, text)
    for i, view in enumerate(summary.get("analyst_views") or []):
        check_span(f"{path.name} analyst_views[{i}].quote", view.get("quote"), text)
    if "statements" not in summary:
        error(path, "summary has no statements section")
    statements = summary.get("statements") or []
    per_speaker: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for i, item in enumerate(statements):
        where = f"{path.name} statements[{i}]"
        if set(item) != {"speaker", "role", "kind", "text"}:
            error(where, f"keys are {sorted(item)}, expected speaker, role, kind, text")
        check_span(f"{where}.speaker", item.get("speaker"), text)
        if item.get("role") is not None:
            check_span(f"{where}.role", item.get("role"), text)
        if item.get("kind") not in STATEMENT_KINDS:
            error(where, f"kind {item.get('kind')!r} is not one of {sorted(STATEMENT_KINDS)}")
        check_span(f"{where}.text", item.get("text"), text)
        key = (str(item.get("speaker")), str(item.get("text")))
        if key in seen:
            error(where, "duplicate statement")
        seen.add(key)
        per_speaker[str(item.get("speaker"))] += 1
    for speaker, count in per_speaker.items():
        if count > MAX_STATEMENTS_PER_SPEAKER:
            error(path, f"{speaker} has {count} statements (at most {MAX_STATEMENTS_PER_SPEAKER})")
    for i, boilerplate in enumerate(data.get("must_not_appear") or []):
        check_span(f"{path.name} must_not_appear[{i}]", boilerplate, text)
    return len(statements)


def check_references() -> None:
    for path in sorted((EVALS / "references").glob("*.yaml")):
        article = find_corpus_article(path.stem)
        if article is None:
            notes.append(f"skipped {path.name}: its article is not under {SHARED_CORPUS}")
            continue
        count = check_reference(path, article.read_text(encoding="utf-8"))
        notes.append(f"{path.name}: {count} statements")
    for path in sorted((EVALS / "cases").glob("*.yaml")):
        article = path.with_suffix(".txt")
        if not article.is_file():
            error(path, "no article beside it")
            continue
        text = article.read_text(encoding="utf-8")
        if not text.startswith("[FICTION:"):
            error(article, "fiction case does not start with a [FICTION: label")
        data = load(path)
        if isinstance(data, dict) and data.get("fiction") is not True:
            error(path, "fiction case is not marked fiction: true")
        count = check_reference(path, text)
        body = text.split("\n", 1)[1] if "\n" in text else ""
        notes.append(f"{path.name}: {count} statements, article {len(body.split())} words")


def check_comparison(path: Path, articles_dir: Path, fiction: bool) -> None:
    name = path.relative_to(EVALS)
    data = load(path)
    if not isinstance(data, dict):
        error(name, "expected a mapping")
        return
    articles = data.get("articles") or {}
    if not isinstance(articles, dict) or len(articles) < 2:
        error(name, "articles must map two or more article ids to outlet names")
        return
    texts: dict[str, str] = {}
    for article_id in articles:
        article = articles_dir / f"{article_id}.txt"
        if not article.is_file():
            error(name, f"article {article_id!r} not found at {article}")
            continue
        texts[article_id] = article.read_text(encoding="utf-8")
        if fiction:
            if not texts[article_id].startswith("[FICTION:"):
                error(article, "fiction article does not start with a [FICTION: label")
            body = texts[article_id].split("\n", 1)[1]
            notes.append(f"{path.parent.name}/{article.name}: {len(body.split())} words")
    extra = sorted(set(p.stem for p in articles_dir.glob("*.txt")) - set(articles)) if fiction else []
    if extra:
        error(name, f"articles in the folder but not in the reference: {extra}")

    def spans(where: str, values: object) -> dict[str, object]:
        if not isinstance(values, dict) or not values:
            error(where, "values must map article ids to spans")
            return {}
        for article_id, span in values.items():
            if article_id not in articles:
                error(where, f"{article_id!r} is not an article of the cluster")
            elif article_id in texts:
                for j, one in enumerate(span if isinstance(span, list) else [span]):
                    check_span(f"{where} [{article_id}][{j}]", one, texts[article_id])
        return values

    statuses: Counter[str] = Counter()
    ids: set[str] = set()
    for i, fact in enumerate(data.get("facts") or []):
        where = f"{name} facts[{i}] {fact.get('id')}"
        if fact.get("id") in ids:
            error(where, "duplicate id")
        ids.add(fact.get("id"))
        if fact.get("kind") not in FACT_KINDS:
            error(where, f"kind {fact.get('kind')!r} is not one of {sorted(FACT_KINDS)}")
        status = fact.get("status")
        if status not in FACT_STATUSES:
            error(where, f"status {status!r} is not one of {sorted(FACT_STATUSES)}")
        if not fact.get("about"):
            error(where, "no about")
        values = spans(where, fact.get("values"))
        if status == "only" and len(values) != 1:
            error(where, "an 'only' fact has exactly one value")
        if status in {"agree", "conflict"} and len(values) < 2:
            error(where, f"an '{status}' fact has two or more values")
        statuses[str(status)] += 1
    near_misses = data.get("near_misses") or []
    for i, miss in enumerate(near_misses):
        where = f"{name} near_misses[{i}] {miss.get('id')}"
        if miss.get("id") in ids:
            error(where, "duplicate id")
        ids.add(miss.get("id"))
        if not miss.get("about"):
            error(where, "no about")
        if len(spans(where, miss.get("values"))) < 2:
            error(where, "a near miss pairs two or more articles")
    for i, speaker in enumerate(data.get("speakers") or []):
        where = f"{name} speakers[{i}] {speaker.get('speaker')}"
        if speaker.get("match") not in {"same", "different"}:
            error(where, f"match {speaker.get('match')!r} is not same or different")
        if len(spans(where, speaker.get("values"))) < 2:
            error(where, "a shared speaker is quoted by two or more articles")
    unnamed = data.get("unnamed_sources") or {}
    for article_id, items in unnamed.items():
        if article_id not in articles:
            error(name, f"unnamed_sources: {article_id!r} is not an article of the cluster")
        elif article_id in texts:
            for j, span in enumerate(items or []):
                check_span(f"{name} unnamed_sources[{article_id}][{j}]", span, texts[article_id])
    two_plus = sum(1 for fact in data.get("facts") or [] if len(fact.get("values") or {}) >= 2)
    notes.append(
        f"{name}: facts {dict(sorted(statuses.items()))} "
        f"({two_plus} with 2+ outlets), {len(near_misses)} near misses, "
        f"{len(data.get('speakers') or [])} shared speakers"
    )


def check_comparisons() -> None:
    compare = EVALS / "compare"
    if not compare.is_dir():
        return
    for path in sorted(compare.glob("*.yaml")):
        data = load(path)
        cluster = data.get("cluster") if isinstance(data, dict) else None
        articles_dir = SHARED_CORPUS / str(cluster)
        if not articles_dir.is_dir():
            notes.append(f"skipped {path.name}: {articles_dir} not found")
            continue
        check_comparison(path, articles_dir, fiction=False)
    for path in sorted(compare.glob("*/reference.yaml")):
        check_comparison(path, path.parent, fiction=True)


def main() -> int:
    for path in sorted(EVALS.rglob("*.yaml")):
        load(path)
    check_references()
    check_comparisons()
    for note in notes:
        print(note)
    for message in errors:
        print(f"ERROR {message}", file=sys.stderr)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
