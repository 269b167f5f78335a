"""Rule packs a person wrote by hand: every mistake is one line naming the file, the rule
and the cue; cue options (``unless``, ``replacement``, ``REGEX`` in token patterns) work,
and a pattern that runs out of the draft's matching time reports the draft.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import regex

from followup_lint.checking import match_budget
from followup_lint.checking.engine import Linter
from followup_lint.checking.packs import load_pack
from followup_lint.core.errors import PackError
from followup_lint.reading.reader import read_draft

RULE = ("rules:\n  - code: XT101\n    name: salary-talk\n    group: content\n"
        "    summary: Salary talk.\n    message: 'Found {match}.'\n")
CUES = "    cues: [{phrases: [salary]}]\n"
FIELDS = "(the only field is {match}; write {{ and }} for a literal brace)"


def pack_file(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "p.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize(("text", "message"), [
    ("- a\n- b\n", "a rule pack must be a mapping with 'rules' or 'lexicons'"),
    ("pack: x\nextras: 1\n", "unknown key 'extras' (allowed: pack, description, rules, lexicons)"),
    ("lexicons:\n  words: word\n", "'lexicons' must map names to lists"),
    ("lexicons:\n  words: [hello, 2026]\n", "lexicon 'words': item 2 is int 2026; every item "
     "must be a word or phrase (quote numbers: '2026'), or every item a cue mapping"),
    ("lexicons:\n  words: [hello, ~]\n", "lexicon 'words': item 2 is empty; every item must be "
     "a word or phrase (quote numbers: '2026'), or every item a cue mapping"),
    ("lexicons:\n  cues:\n    - {phrases: [a], message: 'x {y}'}\n",
     f"lexicon 'cues': cue 1: 'message': unknown field '{{y}}' {FIELDS}"),
    ("rules: {a: 1}\n", "'rules' must be a list of rule entries"),
    ("rules:\n  - just words\n", "rule 1: must be a mapping of keys to values"),
    (RULE + CUES + "    colour: red\n", "rule XT101: unknown key 'colour' (allowed: code, cues, "
     "examples, group, kind, message, name, needs, regions, replacement, severity, suggestion, "
     "summary, threshold, why)"),
    (RULE + "    suggestion: [a]\n" + CUES, "rule XT101: 'suggestion' must be a string"),
    (RULE.replace("{match}.", "{match.") + CUES, "rule XT101: 'message': expected '}' before "
     "end of string (write {{ and }} for a literal brace)"),
    (RULE.replace("{match}", "{who}") + CUES,
     f"rule XT101: 'message': unknown field '{{who}}' {FIELDS}"),
    (RULE.replace("{match}", "{match.x}") + CUES,
     f"rule XT101: 'message': unknown field '{{match.x}}' {FIELDS}"),
    (RULE.replace("{match}", "{match!z}") + CUES, "rule XT101: 'message': Unknown conversion "
     "specifier z (write {{ and }} for a literal brace)"),
    (RULE + "    threshold: -1\n" + CUES, "rule XT101: 'threshold' must be a number of at least 0"),
    (RULE + "    needs: ner\n" + CUES,
     "rule XT101: 'needs' must be a list of spaCy component names, such as [ner]"),
    (RULE + "    why: 3\n" + CUES, "rule XT101: 'why' must be a string"),
    (RULE + "    examples: {flags: [1]}\n" + CUES, "rule XT101: 'examples' must be a mapping of "
     "'flags' and 'passes' to lists of sentences"),
    (RULE + "    cues: [{phrases: [salary], message: 'x {y}'}]\n",
     f"rule XT101: cue 1: 'message': unknown field '{{y}}' {FIELDS}"),
    (RULE + "    cues: [{phrases: [salary], suggestion: 3}]\n",
     "rule XT101: cue 1: 'suggestion' must be a string"),
    (RULE + "    cues: [salary]\n",
     "rule XT101 (salary-talk): cue 1: must be a mapping of keys to values"),
    (RULE + "    cues: [{phrases: [salary], colour: red}]\n", "rule XT101 (salary-talk): cue 1: "
     "unknown key 'colour' (allowed: id, lemmas, message, patterns, phrases, regex, regions, "
     "replacement, suggestion, unless, weight)"),
    (RULE + "    cues: [{patterns: [LOWER: salary]}]\n", "rule XT101 (salary-talk): cue 'cue-1': "
     "'patterns' must be a list of token patterns (each a list of token mappings such as "
     "{LEMMA: need})"),
    (RULE + "    cues: [{weight: 2}]\n", "rule XT101 (salary-talk): cue 'cue-1': needs at least "
     "one of phrases, lemmas, patterns or regex"),
    (RULE + "    cues: [{phrases: [salary], weight: heavy}]\n",
     "rule XT101 (salary-talk): cue 'cue-1': 'weight' must be a number of at least 0"),
    (RULE + "    cues: [{phrases: [salary], regions: [footer]}]\n",
     "rule XT101 (salary-talk): cue 'cue-1': unknown region 'footer' (allowed: subject, "
     "greeting, body, signoff, signature)"),
    (RULE + "    cues: [{phrases: [salary, 3]}]\n",
     "rule XT101 (salary-talk): cue 'cue-1': 'phrases' must be a list of strings"),
    (RULE + "    cues: [{regex: '(unclosed'}]\n", "rule XT101 (salary-talk): cue 'cue-1': "
     "invalid regular expression '(unclosed': missing ) at position 9"),
    ("pack: café\n".encode("latin-1"), "rule pack is not UTF-8 text"),
])
def test_a_mistake_in_a_pack_is_one_line_naming_where(tmp_path: Path, text: str | bytes,
                                                      message: str) -> None:
    path = pack_file(tmp_path, text)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_pack_path_that_is_a_folder_or_missing(tmp_path: Path) -> None:
    with pytest.raises(PackError) as folder:
        load_pack(tmp_path)
    assert str(folder.value) == (f"{tmp_path}: is a folder, not a regular file; only regular "
                                 "files are read")
    with pytest.raises(PackError) as missing:
        load_pack(tmp_path / "gone.yaml")
    assert str(missing.value) == (f"{tmp_path / 'gone.yaml'}: cannot read rule pack "
                                  "(No such file or directory)")


def test_lexicons_of_data_mappings_are_left_to_the_rule_that_reads_them(tmp_path: Path) -> None:
    pack = load_pack(pack_file(tmp_path, "lexicons:\n  classes:\n    - {word: a, class: b}\n"))
    assert pack.rules == () and dict(pack.lexicons) == {"classes": ({"word": "a", "class": "b"},)}


def findings(tmp_path: Path, cues: str, text: str, extra: str = "") -> list[tuple]:
    (rule,) = load_pack(pack_file(tmp_path, RULE + extra + cues)).rules
    (result,) = Linter([rule]).lint([read_draft("d.txt", text.encode())])
    if result.error is not None:
        return [("error", result.error.reason)]
    return [(f.line, f.column, f.end_column, f.message, f.replacement) for f in result.findings]


def test_an_unless_phrase_overlapping_a_match_vetoes_it(nlp, tmp_path: Path) -> None:
    cues = "    cues: [{phrases: [thanks], unless: [thanks in advance, no thanks]}]\n"
    text = "Thanks in advance for the reply.\nThanks for the tour; thanks again.\n"
    assert findings(tmp_path, cues, text) == [(2, 1, 7, "Found Thanks.", None),
                                             (2, 22, 28, "Found thanks.", None)]


def test_a_replacement_template_is_filled_with_the_match(nlp, tmp_path: Path) -> None:
    cues = "    cues: [{phrases: [ASAP]}]\n"
    got = findings(tmp_path, cues, "Please reply ASAP.\n", extra="    replacement: '{match}?'\n")
    assert got == [(1, 14, 18, "Found ASAP.", "ASAP?")]


def test_regex_in_a_token_pattern_matches_the_tokens_text(nlp, tmp_path: Path) -> None:
    cues = ("    cues:\n      - patterns:\n          - [{LOWER: {REGEX: '^interv', NOT_IN: "
            "[intervene]}}, {IS_PUNCT: false, OP: '?'}]\n")
    text = "The interview went well. I will not intervene. Interviews help.\n"
    assert [(c, e) for _, c, e, _, _ in findings(tmp_path, cues, text)] == [(5, 19), (48, 63)]


@pytest.mark.parametrize(("token", "reason"), [
    ("{LENGTH: {REGEX: 'x'}}", "REGEX is only allowed on text attributes (ORTH, TEXT, LOWER, "
     "NORM, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_ID, ENT_KB_ID, SHAPE, PREFIX, SUFFIX, MORPH), "
     "not LENGTH"),
    ("{LOWER: {REGEX: 3}}", "REGEX must be a string, not 3"),
    ("{LOWER: {REGEX: '(x'}}", "invalid regular expression '(x': missing ) at position 2"),
])
def test_a_bad_regex_in_a_token_pattern_is_refused(nlp, tmp_path: Path, token: str,
                                                    reason: str) -> None:
    cues = f"    cues:\n      - patterns: [[{token}]]\n"
    with pytest.raises(PackError) as caught:
        findings(tmp_path, cues, "Thank you.\n")
    assert str(caught.value) == (f"{tmp_path / 'p.yaml'}: rule XT101 (salary-talk): cue 'cue-1' "
                                 f"has an invalid token pattern: {reason}")


def test_a_token_pattern_regex_out_of_time_reports_the_draft(
        nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match_budget, "DRAFT_BUDGET", 0.05)
    cues = "    cues:\n      - patterns: [[{TEXT: {REGEX: '(a|aa)+$'}}]]\n"
    got = findings(tmp_path, cues, "Hello " + "a" * 60 + "b there.\n")  # a word, not a run
    assert got == [("error", f"{tmp_path / 'p.yaml'}: rule XT101 (salary-talk): regular "
                    "expression '(a|aa)+$' took longer than the 0.05 s a draft has for pattern "
                    "matching; simplify the pattern")]


def test_a_draft_with_no_matching_time_left_is_reported_before_any_regex_runs(
        nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match_budget, "DRAFT_BUDGET", 0.0)
    got = findings(tmp_path, "    cues: [{regex: 'salary'}]\n", "The salary is fine.\n")
    assert got == [("error", f"{tmp_path / 'p.yaml'}: rule XT101 (salary-talk): cue 'cue-1': "
                    "regular expression 'salary' took longer than the 0 s a draft has for "
                    "pattern matching; simplify the pattern")]


def test_a_thread_that_never_linted_still_gets_a_budget() -> None:
    found: list[bool] = []
    worker = threading.Thread(target=lambda: found.append(
        match_budget.search(regex.compile("ala"), "a salad")))
    worker.start()
    worker.join()
    assert found == [True]
