"""Issue 12 (items 3-5): thanks, detail and placeholders on real text; info rules; empty drafts.

Each case is a whole draft in, the exact findings (code, line, column) out.
``tests/corpus-judgement`` holds thirty held-out drafts of the same edge cases,
scored as a corpus at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from followup_lint.core.findings import Finding
from followup_lint.output.score import default_weights, score_draft
from followup_lint.reading.reader import read_draft

HERE = Path(__file__).resolve().parent
JUDGEMENT = HERE / "corpus-judgement"
Lint = Callable[..., list[Finding]]


def draft(*body: str, greeting: str = "Hi Dana,", signoff: str = "Best,\nSam") -> str:
    """Return a plain-text draft: greeting on line 1, the body from line 3, then the sign-off."""
    return f"{greeting}\n\n" + "\n\n".join(body) + f"\n\n{signoff}\n"


def at(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


# --- FL301 missing-thanks ----------------------------------------------------

TOUR = "I keep thinking about the plant tour and how your pickers stage orders by carrier."


@pytest.mark.parametrize("not_thanks", [
    "I appreciate you may be busy with the peak season.",
    "Any update on the timeline would be greatly appreciated.",
    "Thanks in advance for any news.",
    "I would appreciate a reply when you have a moment.",
    "I’d appreciate it if you could let me know where things stand.",
    "I'd be grateful if you could share the timeline.",
    "I appreciate that the committee has many applicants to consider.",
    "It would be a pleasure to work with your team.",
])
def test_requests_and_acknowledgements_are_not_thanks(lint: Lint, not_thanks: str) -> None:
    assert at(lint(draft(f"{TOUR} {not_thanks}"), codes=("FL301",))) == [("FL301", 3, 1)]


def test_a_closing_thank_you_line_is_not_thanks(lint: Lint) -> None:
    text = draft(TOUR, "Thank you.", signoff="Marcus Lee")
    assert at(lint(text, codes=("FL301",))) == [("FL301", 3, 1)]


@pytest.mark.parametrize("thanks", [
    "I write to appreciate you for the opportunity to interview last Friday.",
    "I’m grateful for your time on Tuesday.",
    "I appreciated our conversation about the reading program.",
    "I really appreciate you taking the time to show me the lab.",
    "Your help on Tuesday was much appreciated.",
    "I can't thank you enough for the tour.",
    "I would like to thank you for considering me.",
    "Thank you so much. It was great to meet the team.",
])
def test_gratitude_in_unusual_words_is_thanks(lint: Lint, thanks: str) -> None:
    assert lint(draft(f"{thanks} {TOUR}"), codes=("FL301",)) == []


# --- FL302 missing-detail ----------------------------------------------------

THANKS = "Thank you for meeting with me on Tuesday about the analyst role."


@pytest.mark.parametrize("detail", [
    "I keep thinking about the plant tour.",
    "I enjoyed our talk about the churn dashboard rebuild.",
    "Our discussion of the cycle-count process on the mezzanine was useful.",
    "Thank you also for introducing me to Priya at the end of the call.",
    "I enjoyed hearing how you are replacing the scanners with Manhattan WMS devices.",
])
def test_a_particular_thing_or_a_name_is_a_detail(lint: Lint, detail: str) -> None:
    assert lint(draft(THANKS, detail), codes=("FL302",)) == []


@pytest.mark.parametrize("generic", [
    "I was impressed by your innovative approaches and your commitment to compassionate care.",
    "Hope to Hear from you soon. It Was Great to meet the whole team.",
    "I enjoyed learning more about the position and the company.",
    "I have supervised undergraduate research assistants, and my work ethic and communication "
    "skills would help.",
])
def test_praise_stock_words_and_the_writers_own_background_are_not(lint: Lint,
                                                                  generic: str) -> None:
    assert at(lint(draft(THANKS, generic), codes=("FL302",))) == [("FL302", 3, 1)]


def test_the_company_after_at_is_not_a_detail_anywhere_in_the_draft(lint: Lint) -> None:
    text = draft("Thank you for the interview for the nurse role at Mercy Valley Medical Center.",
                 "Mercy Valley Medical Center is exactly the kind of place I hoped to find.")
    assert at(lint(text, codes=("FL302",))) == [("FL302", 3, 1)]


def test_the_writers_name_on_the_last_line_is_not_a_detail(lint: Lint) -> None:
    text = ("Hi,\n\nI came in last week for the server job. Please call me back.\n\n"
            "Jamal\n555-0143\n")
    assert at(lint(text, codes=("FL302",))) == [("FL302", 3, 1)]


# --- FL401 placeholder -------------------------------------------------------

def test_template_slots_of_every_kind_are_placeholders(lint: Lint) -> None:
    text = ("Dear Mr./Ms. Last Name,\n\n"
            "Thank you for meeting with me on (date) about the role at (fill in the "
            "organization). I enjoyed hearing about (insert name) and the work at XYZ Hospital "
            "and ABC Company, and the visit on ____ was great.\n\n"
            "Sincerely,\nYour Name\n")
    found = lint(text, codes=("FL401",))
    assert [(f.line, f.column, text.splitlines()[f.line - 1][f.column - 1:f.end_column - 1])
            for f in found] == [
        (1, 6, "Mr./Ms. Last Name"), (3, 34, "(date)"), (3, 59, "(fill in the organization)"),
        (3, 111, "(insert name)"), (3, 141, "XYZ Hospital"), (3, 158, "ABC Company"),
        (3, 188, "____"), (6, 1, "Your Name")]


def test_a_reply_separator_and_link_text_are_not_placeholders(lint: Lint) -> None:
    text = ("Hi Greg,\n\nThanks for the call. Here is [the case study](https://example.org/cs) "
            "on the returns portal, from the date (March 3) we set.\n\nBest,\nElena\n\n"
            "________________________________\nFrom: Greg Olsen <greg@example.com>\n"
            "Sent: Friday, March 6, 2026 4:12 PM\n\nHi Elena, send the case study.\n")
    assert lint(text, codes=("FL401",)) == []


# --- FL303 missing-enthusiasm and FL203 hard-to-read --------------------------

@pytest.mark.parametrize("interest", [
    "I am confident I would be a valuable addition to the clinic.",
    "I would be honoured to become a part of your team.",
    "I'm really hoping to bring my four years of ICU experience to the unit.",
    "I REALLY want this job.",
    "I think my Spanish can help the program reach more families.",
    "If the role is still open, I would still like to be considered.",
])
def test_interest_and_contribution_in_real_words_count(lint: Lint, interest: str) -> None:
    assert lint(draft(f"{THANKS} {interest}"), codes=("FL303",)) == []


def test_a_note_with_no_interest_in_the_role_is_told_so(lint: Lint) -> None:
    text = draft(THANKS, "I look forward to hearing from you.")
    assert at(lint(text, codes=("FL303",))) == [("FL303", 3, 1)]


def test_ordinary_professional_prose_is_not_hard_to_read(lint: Lint) -> None:
    body = ("Thank you for meeting with me this afternoon to discuss the Trusts and Estates "
            "associate position. I appreciated your explanation of how the group is expanding "
            "its work with family-owned businesses, particularly the succession planning matters "
            "for second-generation owners that you described. Our conversation about the recent "
            "changes to the federal estate tax exemption was especially interesting, and I would "
            "welcome the opportunity to contribute to the client alerts the group is preparing "
            "on that topic. Thank you again for your time and consideration.")  # grade 14.8
    assert lint(draft(body), codes=("FL203",)) == []


# --- FL205 too-short and the score --------------------------------------------

@pytest.mark.parametrize("text", ["", "  \n\t\n\n", "Thank you.\n", "Best regards,\nJamie Fox\n",
                                  "-- \nJamie Fox\n555-0148\n", "Hi Dana,\n\nBest,\nSam\n"])
def test_a_draft_with_nothing_to_send_gets_one_finding_and_scores_0(lint: Lint,
                                                                    text: str) -> None:
    found = lint(text)
    first = len(text) - len(text.lstrip()) if text.strip() else 0
    line = text.count("\n", 0, first) + 1
    assert at(found) == [("FL205", line, 1)]
    assert found[0].message.startswith("There is nothing to send")
    score = score_draft(found, read_draft("d.txt", text.encode()), default_weights())
    assert score.total == 0


def test_a_two_word_body_is_too_short(lint: Lint) -> None:
    (finding,) = lint(draft("Any news?"), codes=("FL205",))
    assert (finding.line, finding.column) == (3, 1)
    assert finding.message.startswith("The body is only 2 words")


def test_a_short_real_nudge_is_not_too_short(lint: Lint) -> None:
    text = draft("Just checking if there's any news on the apprentice position. I'm still "
                 "interested and can come by the shop.")
    assert lint(text, codes=("FL205",)) == []


# --- the held-out corpus -----------------------------------------------------

CODES = {"missing_thanks": "FL301", "missing_detail": "FL302", "placeholder": "FL401",
         "too_short": "FL205"}


def test_held_out_edge_cases_are_all_called_right(lint: Lint) -> None:
    labels = json.loads((JUDGEMENT / "labels.json").read_text(encoding="utf-8"))
    wrong = []
    for name, label in sorted(labels.items()):
        text = (JUDGEMENT / "drafts" / name).read_text(encoding="utf-8")
        got = {f.code for f in lint(text, name=name)}
        wrong += [f"{name}: {code} {'missed' if label[cat] else 'false alarm'}"
                  for cat, code in CODES.items() if label[cat] != (code in got)]
    assert wrong == []
