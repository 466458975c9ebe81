"""The gate: floors and tolerances (thresholds.yaml) checked against a report and its baseline.

A run fails with exit 9 when, over all its articles, a section's F1 or the grounding rate is
under its floor (floors apply to runs that cover every article of the baseline, or when there
is no baseline). When every floor held, it fails with exit 12 when, over the articles it shares
with the committed baseline of the same engine and judge, a section's F1 or the grounding rate
fell by more than the tolerance, or boilerplate leaks rose.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError, EvalFloorError, EvalRegressionError
from ..yaml_files import read_yaml
from .report import EvalReport, GateCheck

DEFAULT_FLOOR_KEY = "default"
# Compared values are rounded first so float noise in a sum never fails a run.
_PRECISION = 6


class Floors(BaseModel):
    """Minimum micro-averaged scores."""

    model_config = ConfigDict(extra="forbid")

    f1: dict[str, float] = Field(default_factory=dict)
    grounding_rate: float = 0.0
    summaries: float = Field(
        default=1.0, description="Share of articles that must get a summary (the rest failed with an error)."
    )


class Tolerance(BaseModel):
    """How far a score may fall below the baseline before the gate fails."""

    model_config = ConfigDict(extra="forbid")

    f1: float = 0.05
    grounding_rate: float = 0.02
    boilerplate_leaks: int = 0


class Thresholds(BaseModel):
    """The gate's configuration: tolerances, and floors per engine ('rules', 'rules:embedding', 'default')."""

    model_config = ConfigDict(extra="forbid")

    tolerance: Tolerance = Field(default_factory=Tolerance)
    floors: dict[str, Floors] = Field(default_factory=dict)

    def floors_for(self, engine: str, judge: str) -> Floors:
        """Floors keyed 'engine:judge', else 'engine' (calibrated for the default meaning judge), else 'default'."""
        keys = [f"{engine}:{judge}"] + ([engine] if judge == "meaning" else []) + [DEFAULT_FLOOR_KEY]
        for key in keys:
            if key in self.floors:
                return self.floors[key]
        return Floors()


def load_thresholds(path: Path) -> Thresholds:
    """Read the gate's thresholds; a missing file means no floors and the default tolerances."""
    if not path.is_file():
        return Thresholds()
    try:
        return Thresholds.model_validate(read_yaml(path, "thresholds") or {})
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid thresholds ({exc})", original=exc) from exc


def check_gate(report: EvalReport, thresholds: Thresholds, baseline: EvalReport | None) -> list[GateCheck]:
    """Every floor and regression check for this report, passed or not."""
    floors = thresholds.floors_for(report.engine, report.judge)
    if baseline is None:
        return _floor_checks(report, floors)
    ran = {result.article for result in report.articles}
    suite = {result.article for result in baseline.articles}
    if suite <= ran:
        checks = _floor_checks(report, floors)
    else:
        # Floors are calibrated on the whole suite; a subset (no ../shared/corpus on a fresh
        # clone, or a --corpus of one's own) is held to the baseline on what it shares instead.
        checks = [
            GateCheck(
                name="floors",
                passed=True,
                message=f"not applied: this run covers {len(suite & ran)} of the baseline's {len(suite)} articles",
            )
        ]
    if baseline.judge != report.judge or baseline.engine != report.engine:
        checks.append(
            GateCheck(
                name="baseline",
                passed=True,
                message=f"not compared: baseline is engine {baseline.engine} / judge {baseline.judge}",
            )
        )
        return checks
    return checks + _regression_checks(report, baseline, thresholds.tolerance)


def _floor_checks(report: EvalReport, floors: Floors) -> list[GateCheck]:
    totals = report.totals()
    summarized = sum(1 for result in report.articles if not result.error)
    share = summarized / len(report.articles) if report.articles else 1.0
    checks = [
        GateCheck(
            kind="floor",
            name="summaries floor",
            passed=round(share, _PRECISION) >= floors.summaries,
            message=f"{summarized} of {len(report.articles)} articles summarized, floor {floors.summaries:.0%}",
        )
    ]
    for section, floor in floors.f1.items():
        f1 = totals.sections[section].f1 if section in totals.sections else None
        if f1 is None:
            continue
        checks.append(
            GateCheck(
                kind="floor",
                name=f"{section} F1 floor",
                passed=round(f1, _PRECISION) >= floor,
                message=f"F1 {f1:.3f}, floor {floor:.3f}",
            )
        )
    rate = totals.grounding.rate
    if rate is not None and floors.grounding_rate:
        checks.append(
            GateCheck(
                kind="floor",
                name="grounding rate floor",
                passed=round(rate, _PRECISION) >= floors.grounding_rate,
                message=f"grounding rate {rate:.3f}, floor {floors.grounding_rate:.3f}",
            )
        )
    return checks


def _regression_checks(report: EvalReport, baseline: EvalReport, tolerance: Tolerance) -> list[GateCheck]:
    shared = {result.article for result in report.articles} & {result.article for result in baseline.articles}
    if not shared:
        return [GateCheck(name="baseline", passed=True, message="not compared: no article in common")]
    now, before = report.totals(shared), baseline.totals(shared)
    checks = []
    for section in report.sections:
        f1_now, f1_before = now.sections[section].f1, before.sections[section].f1
        if f1_before is None:
            continue
        current = f1_now or 0.0
        checks.append(
            GateCheck(
                kind="regression",
                name=f"{section} F1 vs baseline",
                passed=round(f1_before - current, _PRECISION) <= tolerance.f1,
                message=f"F1 {current:.3f}, baseline {f1_before:.3f}, tolerance {tolerance.f1:.3f}",
            )
        )
    rate_now, rate_before = now.grounding.rate, before.grounding.rate
    if rate_before is not None:
        current = rate_now or 0.0
        checks.append(
            GateCheck(
                kind="regression",
                name="grounding rate vs baseline",
                passed=round(rate_before - current, _PRECISION) <= tolerance.grounding_rate,
                message=f"grounding rate {current:.3f}, baseline {rate_before:.3f}, "
                f"tolerance {tolerance.grounding_rate:.3f}",
            )
        )
    checks.append(
        GateCheck(
            kind="regression",
            name="boilerplate leaks vs baseline",
            passed=now.leaks - before.leaks <= tolerance.boilerplate_leaks,
            message=f"{now.leaks} leak(s), baseline {before.leaks}, tolerance {tolerance.boilerplate_leaks}",
        )
    )
    return checks


def enforce_gate(checks: list[GateCheck]) -> None:
    """Raise EvalFloorError (exit 9) when a floor failed, else EvalRegressionError (exit 12) when
    a score regressed beyond tolerance; the message names every failed check."""
    failed = [check for check in checks if not check.passed]
    if not failed:
        return
    details = "; ".join(f"{check.name} ({check.message})" for check in failed)
    if any(check.kind == "floor" for check in failed):
        raise EvalFloorError(f"eval gate failed: under a floor: {details}")
    raise EvalRegressionError(f"eval gate failed: regressed against the baseline: {details}")
