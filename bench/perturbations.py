"""Detection recall per perturbation type, and false alarms on the unperturbed summaries.

Starts from the known-good Summary fixtures in tests/fixtures/grounding/ (verbatim quotes from
the corpus articles) and applies one perturbation at a time, with a fixed seed:

- swap a name: an actor's or an analyst's name becomes a person named in another corpus article;
- change a number or date: a number in a claim field is changed, or a month to another month;
- fabricate a quote: an evidence quote is replaced by a plausible sentence not in the article;
- give a quote to another analyst: an analyst view's analyst becomes another analyst of the article.

A perturbation is detected when the perturbed item's verdict is not "supported". A false alarm
is any item of an unperturbed summary that is rejected (unsupported, contradicted or
misattributed); items only partially supported are counted apart.

    .venv/bin/python bench/perturbations.py
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from summarize.grounding import REJECTED, GroundingReport, Verdict, ground_summary
from summarize.schema import Summary

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"
FIXTURES = ROOT / "tests" / "fixtures" / "grounding"
SEED = 7
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
FABRICATED = [
    "The Kremlin said the troops would return within weeks",
    "Officials in Damascus denied that any agreement had been signed",
    "Residents reported heavy shelling near the airport overnight",
    "The withdrawal was completed in less than 48 hours",
]
Perturbation = tuple[str, str, int, Summary]  # (type, section, index, perturbed summary)


def people(summary: Summary) -> set[str]:
    return {a.name for a in summary.actors if a.kind.value == "person"} | {
        v.analyst for v in summary.analyst_views
    }


def perturbations(summary: Summary, others: set[str], rng: random.Random) -> Iterator[Perturbation]:
    for index, actor in enumerate(summary.actors):
        if actor.kind.value == "person":
            copy = summary.model_copy(deep=True)
            copy.actors[index].name = rng.choice(sorted(others - people(summary)))
            yield "swap a name", "actors", index, copy
    for index in range(len(summary.analyst_views)):
        copy = summary.model_copy(deep=True)
        copy.analyst_views[index].analyst = rng.choice(sorted(others - people(summary)))
        yield "swap a name", "analyst_views", index, copy
    fields = [("event", 0, "what"), ("event", 0, "when")]
    fields += [("uncertainties", i, "claim") for i in range(len(summary.uncertainties))]
    fields += [("stated_motives", i, "motive") for i in range(len(summary.stated_motives))]
    for section, index, name in fields:
        copy = summary.model_copy(deep=True)
        item = copy.event if section == "event" else getattr(copy, section)[index]
        value = getattr(item, name) or ""
        changed = re.sub(
            r"\d[\d,]*", lambda m: str(int(m.group().replace(",", "")) + rng.randint(2, 9)), value, count=1
        )
        if changed == value:
            month = next((m for m in MONTHS if m in value or m[:3] + " " in value), None)
            if month is None:
                continue
            changed = value.replace(
                month if month in value else month[:3], rng.choice([m for m in MONTHS if m != month])
            )
        setattr(item, name, changed)
        yield "change a number or date", section, index, copy
    sections = [("event", 0)] + [
        (s, i) for s in ("actors", "stated_motives", "uncertainties") for i in range(len(getattr(summary, s)))
    ]
    for section, index in sections:
        copy = summary.model_copy(deep=True)
        item = copy.event if section == "event" else getattr(copy, section)[index]
        item.evidence = [rng.choice(FABRICATED)]
        yield "fabricate a quote", section, index, copy
    for index in range(len(summary.analyst_views)):
        analysts = {v.analyst for v in summary.analyst_views} - {summary.analyst_views[index].analyst}
        if analysts:
            copy = summary.model_copy(deep=True)
            copy.analyst_views[index].analyst = rng.choice(sorted(analysts))
            yield "give a quote to another analyst", "analyst_views", index, copy


def verdict(report: GroundingReport, section: str, index: int) -> Verdict:
    return next(item.verdict for item in report.items if item.section == section and item.index == index)


def main() -> None:
    fixtures = {
        p.stem: Summary.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(FIXTURES.glob("*.json"))
    }
    articles = {stem: (CORPUS / f"{stem}.txt").read_text(encoding="utf-8") for stem in fixtures}
    rng = random.Random(SEED)
    detected: dict[str, list[bool]] = defaultdict(list)
    items = alarms = partial = 0
    for stem, summary in fixtures.items():
        article = articles[stem]
        original = ground_summary(summary, article)
        items += len(original.items)
        alarms += sum(item.verdict in REJECTED for item in original.items)
        partial += sum(item.verdict is Verdict.partially_supported for item in original.items)
        others = set().union(*(people(s) for k, s in fixtures.items() if k != stem))
        for kind, section, index, perturbed in perturbations(summary, others, rng):
            detected[kind].append(
                verdict(ground_summary(perturbed, article), section, index) is not Verdict.supported
            )
    print(f"fixtures: {len(fixtures)} known-good summaries ({items} items) from the corpus articles")
    print(f"{'perturbation':<34}{'cases':>7}{'detected':>10}{'recall':>9}")
    for kind in (
        "swap a name",
        "change a number or date",
        "fabricate a quote",
        "give a quote to another analyst",
    ):
        hits = detected[kind]
        print(f"{kind:<34}{len(hits):>7}{sum(hits):>10}{sum(hits) / len(hits):>9.1%}")
    print(f"false alarms on unperturbed items: {alarms}/{items} ({alarms / items:.1%})")
    print(f"unperturbed items only partially supported: {partial}/{items} ({partial / items:.1%})")


if __name__ == "__main__":
    main()
