"""Languages: a cheap guess from script and English function words, and what the rule-based engine
does with an article it cannot read (the event only, and one notice in the result and on stderr)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize import cli, summarize_article
from summarize.text.language import detect_language

CHINESE = "俄罗斯开始从叙利亚东北部的卡米什利机场撤出军队。叙利亚消息人士说，部分装备已运往赫梅米姆空军基地。俄方尚未发表评论。"
ARABIC = "بدأت روسيا سحب قواتها من قاعدة القامشلي الجوية في شمال شرق سوريا، وفق مصادر سورية. ولم يعلق الكرملين على التقارير."
SPANISH = (
    "Rusia ha comenzado a retirar sus fuerzas de la base aérea de Qamishli, en el noreste de Siria, según "
    "fuentes sirias. El Kremlin no ha comentado los informes."
)
ENGLISH = (
    "Russia has begun withdrawing its forces from Qamishli airport in northeastern Syria, Reuters reported "
    "on Monday, citing five Syrian sources. The Kremlin did not comment."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (CHINESE, "zh"),
        (ARABIC, "ar"),
        ("Россия начала выводить войска с авиабазы Камышлы, сообщили сирийские источники.", "ru"),
        (SPANISH, "und"),
        (ENGLISH, "en"),
        ("Russia withdrew its troops", "en"),  # too short to doubt
        (ENGLISH + " جديد الاخبار", "en"),  # a scrap of site menu in another script
    ],
)
def test_language_from_script_and_function_words(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize("text", [CHINESE, ARABIC, SPANISH])
def test_rules_engine_gives_the_event_only_with_a_notice(text: str) -> None:
    result = summarize_article(text, engine="rules")
    summary = result.summary
    assert summary.event.evidence[0] in text and text.startswith(summary.event.evidence[0])
    assert (summary.event.where, summary.event.when) == (None, None)
    assert not (summary.actors or summary.stated_motives or summary.analyst_views or summary.uncertainties)
    assert not summary.statements
    (notice,) = result.metadata.notices
    assert "English only" in notice
    assert result.grounding is not None and result.grounding.score == 1.0


def test_english_article_has_no_language_notice() -> None:
    result = summarize_article(ENGLISH, engine="rules")
    assert result.metadata.notices == []
    assert result.summary.uncertainties


def test_cli_says_so_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chinese.txt"
    path.write_text(CHINESE, encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        cli.main(["--engine", "rules", str(path)])
    out, err = capsys.readouterr()
    assert (info.value.code or 0) == 0
    assert err.count("English only") == 1 and "Chinese" in err
    (notice,) = json.loads(out)["metadata"]["notices"]
    assert notice.startswith("this article looks like Chinese")
