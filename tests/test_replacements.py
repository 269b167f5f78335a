"""Direct replacements: which findings carry one, and how a pack declares it."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_lint.checking.engine import Linter
from followup_lint.checking.packs import load_pack
from followup_lint.core.errors import PackError
from followup_lint.reading.reader import read_draft

DRAFT = ("Subject: Any news?!\n\nThank you for the interview about the SQL roadmap. I am "
         "SO excited!! Any update??\n")


def test_mechanical_fixes_carry_a_replacement_and_advice_does_not(lint) -> None:
    got = [(f.code, DRAFT.splitlines()[f.line - 1][f.column - 1 : f.end_column - 1],
            f.replacement) for f in lint(DRAFT) if f.code in ("FL102", "FL402")]
    assert got == [
        ("FL102", "?!", "?"), ("FL402", "?!", "?"),
        ("FL402", "SO", "so"), ("FL402", "!!", "!"), ("FL102", "Any update", None),
        ("FL102", "??", "?"),
    ]
    others = lint("Dear [Name],\n\nI bombed the case study and the process was a mess.\n")
    assert {f.code for f in others} >= {"FL101", "FL301", "FL401"}
    assert all(f.replacement is None for f in others)


def test_emoji_and_pleading_are_advice_only(lint) -> None:
    findings = lint("Thank you for the chat 😊 I really need this job.\n")
    assert {f.code for f in findings} >= {"FL102", "FL402"}
    assert [f.replacement for f in findings if f.code in ("FL102", "FL402")] == [None, None]


def test_json_output_does_not_carry_the_replacement(lint) -> None:
    (finding,) = [f for f in lint(DRAFT) if f.replacement == "so"]
    assert "replacement" not in finding.to_dict()


PACK = """pack: t
rules:
  - code: XT101
    name: utilize
    group: form
    summary: A long word where a short one does.
    message: '"{match}" is a long way to say "use".'
    replacement: use
    cues:
      - id: utilize
        phrases: [utilize]
      - id: leverage
        phrases: [leverage]
        replacement: "{match} (use)"
"""


def test_pack_rule_and_cue_replacements(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK)
    (rule,) = load_pack(path).rules
    (result,) = Linter([rule]).lint([read_draft(
        "d.txt", b"Thank you. I would utilize and leverage my SQL skills.")])
    assert [(f.message, f.replacement) for f in result.findings] == [
        ('"utilize" is a long way to say "use".', "use"),
        ('"leverage" is a long way to say "use".', "leverage (use)"),
    ]


@pytest.mark.parametrize("where", ["rule", "cue"])
def test_pack_replacement_must_be_a_string(tmp_path: Path, where: str) -> None:
    text = PACK.replace("    replacement: use\n", "    replacement: [use]\n") if where == "rule" \
        else PACK.replace('replacement: "{match} (use)"', "replacement: 3")
    path = tmp_path / "pack.yaml"
    path.write_text(text)
    with pytest.raises(PackError, match="'replacement' must be a string"):
        load_pack(path)
