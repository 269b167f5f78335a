"""Each core rule on the hard cases its issue names: real text in, exact findings out."""

from __future__ import annotations

import pytest

THANKS = "Thank you for the interview on Tuesday and the tour of the Dayton plant. "


def codes(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in findings]


# --- FL101 negativity -------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "You mentioned the outage last quarter and how the team fixed the root cause.",
    "I reduced the error rate by 40% on a similar pipeline.",
    "Your biggest challenge is churn in the first month.",
    "The migration was difficult but the team handled it.",
    "Killing the legacy batch jobs was the critical fix.",
    "Sorry for the delay in writing.",
    "No problem at all if you need more time.",
    "I'm not disappointed at all.",
    "I know you are busy with the audit this month.",
])
def test_negativity_ignores_work_talk_and_courtesy(lint, sentence: str) -> None:
    assert lint(THANKS + sentence, codes=("FL101",)) == []


@pytest.mark.parametrize(("sentence", "cue"), [
    ("I know I bombed the SQL question.", "bombed"),
    ("I'm probably not what you're looking for.", "not what you're looking for"),
    ("As I mentioned in my last two emails, I am still waiting.", "As I mentioned in my last"),
    ("I was disappointed by how disorganized the process was.", "was disappointed"),
    ("Honestly, the take-home was a waste of time.", "waste of time"),
    ("My current manager takes credit for everything I do.", "current manager takes credit"),
])
def test_negativity_catches_what_vader_misses(lint, sentence: str, cue: str) -> None:
    text = THANKS + sentence
    found = lint(text, codes=("FL101",))
    assert found, sentence
    first = found[0]
    assert text[first.column - 1 :].startswith(cue)


def test_negativity_uses_sentence_sentiment_too(lint) -> None:
    text = THANKS + "The whole afternoon felt hostile, cold and miserable."
    (finding,) = lint(text, codes=("FL101",))
    assert finding.column == text.index("hostile") + 1  # the finding starts at its words
    assert '"hostile' in finding.message


# --- FL102 desperation ------------------------------------------------------

@pytest.mark.parametrize(("sentence", "cue"), [
    ("I really need this job.", "I really need this job"),
    ("I NEED this position.", "I NEED this position"),
    ("Please please let me know.", "Please please"),
    ("I'll do anything to get this role.", "I'll do anything"),
    ("I'd take any salary and any hours.", "any salary"),
    ("I have been checking my inbox every hour.", "checking my inbox"),
    ("Any update??", "??"),
    ("I need to know by Friday.", "need to know by"),
    ("I turned down another offer for this.", "turned down another offer"),
    ("This is my third email this week.", "third email"),
    ("Please reply ASAP.", "ASAP"),
])
def test_desperation_cues(lint, sentence: str, cue: str) -> None:
    text = THANKS + sentence
    found = lint(text, codes=("FL102",))
    assert cue in [text[f.column - 1 : f.end_column - 1] for f in found]


@pytest.mark.parametrize("sentence", [
    "Could you share the expected timeline for a decision?",
    "I'm excited about the role and happy to provide references.",
    "Please let me know if you need anything else from me.",
    "I can start as soon as possible.",  # one mild cue alone does not fire
])
def test_desperation_leaves_calm_requests_alone(lint, sentence: str) -> None:
    assert lint(THANKS + sentence, codes=("FL102",)) == []


def test_mild_desperation_cues_add_up(lint) -> None:
    text = (THANKS + "Is there any update? I'm anxious about it. Please reply as soon as you "
            "can.")
    found = lint(text, codes=("FL102",))
    assert len(found) == 3


# --- FL201 too-long ---------------------------------------------------------

def test_too_long_counts_body_words_only(lint) -> None:
    body = " ".join(["word"] * 199) + " end."
    text = f"Subject: a b c d e\n\nHi Dana,\n\n{body}\n\nBest regards,\nSam Lee\nTitle here\n"
    assert lint(text, codes=("FL201",)) == []
    (finding,) = lint(text.replace(" end.", " end here."), codes=("FL201",))
    assert finding.message.startswith("The body is 201 words; aim for 200 or fewer")
    assert (finding.line, finding.column) == (5, 1)


# --- FL301 missing-thanks ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thank you for meeting with me.",
    "Thanks again for the tour.",
    "I really appreciated our conversation.",
    "I am grateful for your time.",
    "It was a pleasure to meet the team.",
    "I appreciate the time you spent with me.",
    "Much obliged for the chat on Tuesday.",
    "Cheers for your time yesterday.",
    "It meant a lot that you made time for me.",
])
def test_gratitude_in_any_common_form(lint, text: str) -> None:
    assert lint(f"Hi Dana,\n\n{text}\n", codes=("FL301",)) == []


@pytest.mark.parametrize("text", [
    "Hi Dana,\n\nI wanted to check in on the role. Thanks in advance for a quick reply.\n",
    "Hi Dana,\n\nI appreciate that you are seeing several candidates.\n",
    "Hi Dana,\n\nThank goodness the demo worked on the second try.\n",
    "Hi Dana,\n\nI wanted to check in on the role.\n\nThanks,\nSam\n",
    "Hi Dana,\n\nI would really appreciate a reply today.\n\nThank you,\nSam\n",
    "Hi Dana,\n\nChecking in.\n\n-- \nSam\n\nOn Mon, Dana wrote:\n> Thanks for coming!\n",
])
def test_sign_offs_requests_and_quotes_are_not_thanks(lint, text: str) -> None:
    (finding,) = lint(text, codes=("FL301",))
    assert (finding.line, finding.column) == (3, 1)


# --- FL302 missing-detail ---------------------------------------------------

def test_generic_draft_misses_detail(lint) -> None:
    text = ("---\ncompany: Acme Logistics\nrole: Operations Analyst\n---\nDear Ms. Patel,\n\n"
            "Thank you for meeting with me about the Operations Analyst role at Acme Logistics. "
            "I enjoyed learning more about the position and the team, and I believe my skills "
            "would be a great fit.\n\nBest regards,\nSam\n")
    (finding,) = lint(text, name="d.md", codes=("FL302",))
    assert (finding.line, finding.column) == (7, 1)


def test_a_stock_business_phrase_alone_is_not_a_detail(lint) -> None:
    text = ("Dear Ms. Patel,\n\nThank you for meeting with me. My background in customer "
            "service would help the team.\n\nBest,\nSam\n")
    assert len(lint(text, codes=("FL302",))) == 1


@pytest.mark.parametrize("detail", [
    "I enjoyed hearing about the Kafka consumer lag issue.",
    "I loved hearing about the team that runs the after-school robotics club.",
    "I keep thinking about the refund policy you described.",
    "You mentioned the night-shift staffing gap on the fourth floor.",
    "It was great to hear how Priya's team cut returns by 12 percent.",
])
def test_one_concrete_detail_is_enough(lint, detail: str) -> None:
    text = f"Dear Ms. Patel,\n\nThank you for meeting with me. {detail}\n\nBest,\nSam\n"
    assert lint(text, codes=("FL302",)) == []


# --- FL401 placeholder ------------------------------------------------------

@pytest.mark.parametrize(("text", "cue"), [
    ("Dear [Interviewer Name],", "[Interviewer Name]"),
    ("Thank you for the role at {company}.", "{company}"),
    ("I enjoyed the <Job Title> interview.", "<Job Title>"),
    ("We cut costs by XXX percent.", "XXX"),
    ("I enjoyed hearing about [insert project].", "[insert project]"),
    ("Dear NAME,", "NAME"),
])
def test_placeholders(lint, text: str, cue: str) -> None:
    (finding,) = lint(text, codes=("FL401",))
    assert text[finding.column - 1 : finding.end_column - 1] == cue


@pytest.mark.parametrize("text", [
    "Dear Hiring Manager, thank you for the SQL and AWS discussion.",
    "The ICU and NICU teams at the NYC site use the EHR daily [1].",
    "Write to me at <sam@example.com> or see <https://example.com>.",
])
def test_no_placeholder_false_alarms(lint, text: str) -> None:
    assert lint(text, codes=("FL401",)) == []


# --- FL402 shouting ---------------------------------------------------------

@pytest.mark.parametrize(("text", "cue"), [
    ("Thank you for the interview!!", "!!"),
    ("I am REALLY excited about the role.", "REALLY"),
    ("Thanks for the chat 😊", "😊"),
])
def test_shouting(lint, text: str, cue: str) -> None:
    (finding,) = lint(text, codes=("FL402",))
    assert text[finding.column - 1 : finding.end_column - 1] == cue


def test_three_exclamation_sentences_shout_but_two_do_not(lint) -> None:
    two = "Thank you for the tour! I loved the lab! I look forward to hearing from you."
    assert lint(two, codes=("FL402",)) == []
    three = two.replace("you.", "you!")
    assert len(lint(three, codes=("FL402",))) == 3


@pytest.mark.parametrize("text", [
    "Thank you for the SQL, AWS, HR, ICU, NYC, CEO and PhD questions.",
    "I ran NDT inspections on a FIFO roster and managed DNS for the MIDI studio.",
    "Please send the %DEPARTMENT% budget and the TOPIC HERE notes to <<AGENCY>>.",
    "Thank you for the interview. I look forward to hearing from you!",
])
def test_acronyms_and_one_closing_exclamation_are_fine(lint, text: str) -> None:
    assert lint(text, codes=("FL402",)) == []


def test_company_and_role_named_in_the_subject_are_not_details(lint) -> None:
    text = ("Subject: Data Analyst role at Brightline Freight\n\nHi Dana,\n\n"
            "Thank you for your time on Monday. I enjoyed our talk about Brightline Freight, "
            "and I am very interested in the Data Analyst opening.\n\nBest,\nSam\n")
    (finding,) = lint(text, codes=("FL302",))
    assert (finding.line, finding.column) == (5, 1)
    specific = text.replace("our talk about Brightline Freight", "the Tacoma yard audit")
    assert lint(specific, codes=("FL302",)) == []
