"""The advice rules on one draft at a time: real drafts in, exact findings out."""

from __future__ import annotations

import pytest

from followup_lint.checking.engine import Linter
from followup_lint.checking.registry import Registry
from followup_lint.checking.rule_options import describe_options
from followup_lint.reading.reader import read_draft

from .conftest import ROOT

THANKS = "Thank you for the interview on Tuesday and the tour of the Dayton plant. "
KEEN = "I'm excited about the role."


def at(findings) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.line, f.column) for f in findings]


def front(**keys: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in keys.items()) + "---\n"


# --- FL202 long-sentence -------------------------------------------------------

def test_long_sentence_flags_only_the_long_one(lint) -> None:
    long = ("At Northwind I moved the weekly churn report from spreadsheets to dbt and then "
            "taught the store managers to read it on their phones, which cut the refresh time "
            "from a full day to an hour and the questions to almost none.")
    text = THANKS + KEEN + " " + long
    (finding,) = lint(text, codes=("FL202",))
    assert (finding.line, finding.column) == (1, text.index("At Northwind") + 1)
    assert finding.message.startswith(f"This sentence is {len(long.split())} words long")
    assert finding.severity.value == "info"


def test_long_sentence_option(registry: Registry) -> None:
    rule = registry.rules["FL202"]
    linter = Linter([rule], options={"FL202": rule.Options(max_words=8)})
    (result,) = linter.lint([read_draft("d.txt", (THANKS + KEEN).encode())])
    assert at(result.findings) == [("FL202", 1, 1)]


# --- FL203 hard-to-read --------------------------------------------------------

HARD = ("Thank you for the conversation regarding the organizational transformation initiative. "
        "Your characterization of the interdepartmental communication difficulties was "
        "particularly illuminating. I anticipate contributing considerable analytical "
        "capability to the modernization programme.")


def test_hard_to_read_names_the_hardest_sentence(lint) -> None:
    (finding,) = lint(HARD, codes=("FL203",))
    assert finding.column == HARD.index("Your characterization") + 1
    assert finding.message.startswith("The body reads at grade ")
    assert "'interdepartmental'" in (finding.suggestion or "")


def test_plain_and_short_bodies_pass(lint) -> None:
    plain = ("Thank you for Tuesday's talk about the new bus routes. I liked how you use rider "
             "counts to pick where buses go. I would be glad to help with that work.")
    assert lint(plain, codes=("FL203",)) == []
    assert lint("Thank you for the organizational transformation conversation.",
                codes=("FL203",)) == []  # too short to grade


def test_hard_to_read_exact_syllables_agree_on_a_hard_draft(registry: Registry) -> None:
    rule = registry.rules["FL203"]
    linter = Linter([rule], options={"FL203": rule.Options(syllables="cmudict")})
    (result,) = linter.lint([read_draft("d.txt", HARD.encode())])
    assert [f.code for f in result.findings] == ["FL203"]


# --- FL204 too-many-questions ------------------------------------------------

def test_too_many_questions_points_at_the_fourth(lint) -> None:
    text = (THANKS + "When will you decide?? Who else is interviewing? Did my answer make "
            "sense? Should I send references?")
    (finding,) = lint(text, codes=("FL204",))
    assert finding.column == text.index("Should I") + 1
    assert finding.message.startswith("The body asks 4 questions")


def test_three_questions_and_quoted_questions_pass(lint) -> None:
    text = (THANKS + "When will you decide? Who else is interviewing? Should I send "
            "references?\n\nOn Tue, Nov 3, 2026 at 9:14 AM Dana <d@example.com> wrote:\n"
            "> Any questions? Anything else? Really? Sure?\n")
    assert lint(text, codes=("FL204",)) == []


# --- FL303 missing-enthusiasm ----------------------------------------------

@pytest.mark.parametrize("sentence", [
    "I'm excited about the analyst role.",
    "I would love to join the routing team.",
    "I'd be glad to walk you through how we did it.",
    "At Northwind I ran a similar project for the depots.",
    "I look forward to contributing to the spring launch.",
    "My experience with dbt would help with the dashboard rebuild.",
])
def test_enthusiasm_in_many_forms(lint, sentence: str) -> None:
    assert lint(THANKS + sentence, codes=("FL303",)) == []


def test_missing_enthusiasm_sits_on_the_first_body_line(lint) -> None:
    text = "Hi Dana,\n\n" + THANKS + "Please let me know if you need anything else."
    (finding,) = lint(text, codes=("FL303",))
    assert (finding.line, finding.column, finding.severity.value) == (3, 1, "info")


# --- FL403 impersonal-greeting ---------------------------------------------

@pytest.mark.parametrize(("greeting", "meta", "fires"), [
    ("To whom it may concern,", {}, True),
    ("Dear Sir/Madam,", {}, True),
    ("Hi there,", {}, False),
    ("Hi there,", {"interviewer": "Dana Cho"}, True),
    ("Dear Hiring Manager,", {"to": "Dana Cho <dana@example.com>"}, True),
    ("Dear Hiring Manager,", {"to": "hiring@example.com"}, False),
    ("Hi Dana,", {"interviewer": "Dana Cho"}, False),
    ("Dear Ms. Cho,", {"interviewer": "Dana Cho"}, False),
])
def test_impersonal_greeting(lint, greeting: str, meta: dict[str, str], fires: bool) -> None:
    text = (front(**meta) if meta else "") + f"{greeting}\n\n{THANKS}{KEEN}"
    found = lint(text, codes=("FL403",))
    assert bool(found) is fires, found
    if fires:
        assert found[0].column == 1 and found[0].line == text[: text.index(greeting)].count(
            "\n") + 1


def test_no_greeting_when_the_interviewer_is_known(lint) -> None:
    text = front(interviewer="Dana Cho") + "\n" + THANKS + KEEN
    (finding,) = lint(text, codes=("FL403",))
    assert (finding.line, finding.column) == (5, 1)
    assert '"Hi Dana,"' in finding.message
    assert lint(THANKS + KEEN, codes=("FL403",)) == []  # nobody known: nothing to say


# --- FL404 weak-subject ------------------------------------------------------

@pytest.mark.parametrize(("subject", "fires"), [
    ("Follow up", True), ("Hi", True), ("Checking in!!!", True), ("Re: Any update??", True),
    ("Thank you!", True), ("Thank you - Data Analyst interview", False),
    ("Following up on the Dispatch Lead role", False),
])
def test_weak_subject_in_front_matter(lint, subject: str, fires: bool) -> None:
    text = front(subject=f'"{subject}"') + "\nHi Dana,\n\n" + THANKS + KEEN
    found = lint(text, name="d.md", codes=("FL404",))
    assert bool(found) is fires, found
    if fires:
        assert (found[0].line, found[0].column) == (2, len('subject: "') + 1)
        assert found[0].severity.value == "warning"


def test_missing_subject_only_where_a_draft_has_headers(lint) -> None:
    (finding,) = lint(front(to="dana@example.com") + THANKS + KEEN, "d.md", codes=("FL404",))
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message.startswith("There is no subject line")
    eml = "To: dana@example.com\n\nHi Dana,\n\n" + THANKS + KEEN
    assert [f.code for f in lint(eml, "d.eml", codes=("FL404",))] == ["FL404"]
    assert lint(front(subject='""') + THANKS, "d.md", codes=("FL404",))
    assert lint("Hi Dana,\n\n" + THANKS + KEEN, "d.txt", codes=("FL404",)) == []


def test_subject_line_of_a_plain_draft_counts(lint) -> None:
    (finding,) = lint("Subject: Hi\n\nHi Dana,\n\n" + THANKS, codes=("FL404",))
    assert (finding.line, finding.column) == (1, 10)


# --- FL405 mismatched-name ---------------------------------------------------

def test_other_company_after_a_joining_cue(lint) -> None:
    text = (front(company="Acme Logistics") + "\nHi Dana,\n\n" + THANKS +
            "I'd love to join Globex and help with the depots.")
    (finding,) = lint(text, codes=("FL405",))
    line = text.splitlines()[finding.line - 1]
    assert line[finding.column - 1 :].startswith("Globex and")
    assert (finding.end_column - finding.column, finding.severity.value) == (6, "error")
    assert finding.message.startswith('"Globex" is not Acme Logistics')


@pytest.mark.parametrize("sentence", [
    "I'd love to join Acme and help with the depots.",
    "I'm excited about the role at Acme Logistics.",
    "At Northwind I ran the same kind of dispatch desk.",
    "I'd love to join the Atlas team.",
])
def test_same_company_past_employers_and_teams_pass(lint, sentence: str) -> None:
    text = front(company="Acme Logistics") + "\nHi Dana,\n\n" + THANKS + sentence
    assert lint(text, codes=("FL405",)) == []


@pytest.mark.parametrize(("greeting", "fires"), [
    ("Dear Maria,", True), ("Hi Maria Ruiz,", True), ("Hi Dana,", False),
    ("Dear Ms. Cho,", False), ("Hi Dana and team,", False), ("Dear Hiring Manager,", False),
    ("Dear [First Name],", False),
])
def test_greeting_name_against_the_interviewer(lint, greeting: str, fires: bool) -> None:
    text = front(interviewer="Dana Cho") + f"{greeting}\n\n{THANKS}{KEEN}"
    found = lint(text, codes=("FL405",))
    assert bool(found) is fires, found
    if fires:
        assert (found[0].line, found[0].column) == (4, greeting.index("Maria") + 1)


def test_short_name_of_the_addressee_passes(lint) -> None:
    text = front(to="Oluwaseun Bello") + f"Hi Seun,\n\n{THANKS}{KEEN}"
    assert lint(text, codes=("FL405",)) == []


def test_names_need_metadata(lint) -> None:
    assert lint(f"Dear Maria,\n\n{THANKS}I'd love to join Globex.", codes=("FL405",)) == []


# --- FL501 late-thank-you ----------------------------------------------------

BODY = "\nHi Dana,\n\n" + THANKS + KEEN


@pytest.mark.parametrize(("interview", "sent", "expected"), [
    ("2026-11-03", "2026-11-04", None),
    ("2026-11-03", "2026-11-05", "info"),
    ("2026-11-03", "2026-11-06", "warning"),
    ("2026-11-03T10:00-05:00", "2026-11-04T09:00-05:00", None),
    ("2026-11-03T10:00-05:00", "2026-11-04T16:00-05:00", "info"),
    ("2026-11-03T10:00-05:00", "2026-11-05T10:30-05:00", "warning"),
    ("2026-11-03T10:00-05:00", "Thu, 05 Nov 2026 15:30:00 +0000", "warning"),
    ("2026-11-03", "2026-11-02", "warning"),
])
def test_late_thank_you(lint, interview: str, sent: str, expected: str | None) -> None:
    text = front(interview_date=interview, date=f'"{sent}"') + BODY
    found = lint(text, "d.md", codes=("FL501",))
    assert [f.severity.value for f in found] == ([expected] if expected else [])
    if found:
        assert (found[0].line, found[0].column) == (3, len('date: "') + 1)


def test_dated_before_the_interview_says_so(lint) -> None:
    text = front(interview_date="2026-11-03", date="2026-11-02") + BODY
    (finding,) = lint(text, "d.md", codes=("FL501",))
    assert finding.message == ("This thank-you is dated 2026-11-02, before the interview on "
                               "2026-11-03.")


def test_late_check_in_is_not_a_late_thank_you(lint) -> None:
    text = (front(interview_date="2026-11-03", date="2026-11-12") +
            "\nHi Dana,\n\nI'm following up on my interview last week. " + KEEN)
    assert lint(text, "d.md", codes=("FL501",)) == []
    explicit = front(interview_date="2026-11-03", date="2026-11-12", kind="thank-you")
    assert lint(explicit + "\nHi Dana,\n\nI'm following up. " + KEEN, "d.md", codes=("FL501",))


@pytest.mark.parametrize("meta", [{}, {"interview_date": "2026-11-03"}, {"date": "2026-11-09"}])
def test_timing_rules_never_guess_a_date(lint, meta: dict[str, str]) -> None:
    text = (front(**meta) if meta else "") + BODY
    assert lint(text, "d.md", codes=("FL501", "FL502", "FL503")) == []


# --- the README's list of options -------------------------------------------

@pytest.mark.parametrize(("name", "option", "default"), [
    ("long-sentence", "max-words", 35), ("hard-to-read", "max-grade", 16),
    ("hard-to-read", "syllables", "pyphen"), ("too-many-questions", "max-questions", 3),
    ("late-thank-you", "warn-hours", 48), ("late-thank-you", "info-hours", 24),
    ("early-nudge", "min-days", 7), ("too-many-follow-ups", "max-follow-ups", 2),
    ("reused-draft", "min-similarity", 0.8),
])
def test_readme_names_the_real_options(registry: Registry, name: str, option: str,
                                       default: object) -> None:
    (rule,) = [r for r in registry.rules.values() if r.name == name]
    assert (option, default) in [(o, d) for o, _, d in describe_options(rule.Options)]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    expected = "`syllables: cmudict`" if isinstance(default, str) else f"`{option}` ({default:g}"
    assert expected in readme
