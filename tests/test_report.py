"""The HTML report: overlapping spans, escaping, self-containment, and a real browser."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from followup_lint.checking.engine import Linter
from followup_lint.output.html_report import DraftReport, Segment, render_report, segments
from followup_lint.output.score import default_weights, score_draft
from followup_lint.reading.reader import read_draft

from .conftest import DRAFTS, ROOT

EXAMPLES = ROOT / "examples"
CHROMIUM = shutil.which("chromium")


class Marks(HTMLParser):
    """Collect every <mark> (classes, data-codes, text) and the tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str]] = []
        self.tags: set[str] = set()
        self.pre_text = ""
        self._in_mark = self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "mark":
            a = dict(attrs)
            self.marks.append({"class": a.get("class") or "", "codes": a.get("data-codes") or "",
                               "title": a.get("title") or "", "text": ""})
            self._in_mark = True
        if tag == "pre":
            self._in_pre = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1]["text"] += data
        if self._in_pre:
            self.pre_text += data


def parse(html: str) -> Marks:
    marks = Marks()
    marks.feed(html)
    return marks


#: The rules the report tests run: enough to overlap (missing-thanks covers line 5 of
#: needs-work.txt, where negativity and desperation also fire) and to have an error.
RULES = ("FL101", "FL102", "FL301", "FL401")


def build(linter, registry, *paths: Path) -> str:
    """Lint with RULES only, so a change to any other rule leaves these tests alone."""
    linter = Linter([registry.rules[c] for c in RULES], lexicons=registry.lexicons)
    drafts = [read_draft(str(p.relative_to(ROOT)), p.read_bytes()) for p in paths]
    groups = {r.code: r.group for r in registry.sorted_rules()}
    reports = [DraftReport(r.source, r.draft.text, r.findings,
                           score_draft(r.findings, r.draft, default_weights(), groups))
               for r in linter.lint(drafts)]
    return render_report(reports)


def test_segments_cut_overlapping_spans_into_flat_runs() -> None:
    assert segments(10, [(0, 5), (3, 8)]) == [
        Segment(0, 3, (0,)), Segment(3, 5, (0, 1)), Segment(5, 8, (1,)), Segment(8, 10, ())]


def test_segments_handle_nesting_identical_and_empty_spans() -> None:
    assert segments(10, [(0, 10), (2, 4), (2, 4), (6, 6)]) == [
        Segment(0, 2, (0,)), Segment(2, 4, (0, 1, 2)), Segment(4, 6, (0,)),
        Segment(6, 6, (3,)), Segment(6, 10, (0,))]
    assert segments(3, [(3, 3)]) == [Segment(0, 3, ()), Segment(3, 3, (0,))]
    assert segments(0, []) == []


def test_overlapping_findings_are_all_marked(linter, registry) -> None:
    page = parse(build(linter, registry, EXAMPLES / "needs-work.txt"))
    by_text = {(m["text"], m["codes"]) for m in page.marks}
    # line 5 is covered by missing-thanks; the findings inside it overlap that span
    assert ("bombed", "FL301 FL101") in by_text
    assert ("I really need this job", "FL301 FL102") in by_text
    assert ("[Interviewer Name]", "FL401") in by_text
    bombed = next(m for m in page.marks if m["text"] == "bombed")
    assert bombed["class"] == "warning overlap"
    assert bombed["title"].startswith("FL301 warning: There is no thank-you")
    assert "FL101 warning: \"bombed\" runs yourself down" in bombed["title"]
    assert "\nSuggestion: " in bombed["title"]
    placeholder = next(m for m in page.marks if m["codes"] == "FL401")
    assert placeholder["class"] == "error"
    # the whole draft text survives, marks and all
    assert page.pre_text == (EXAMPLES / "needs-work.txt").read_text()


def test_draft_text_is_escaped(linter, registry) -> None:
    html = build(linter, registry, DRAFTS / "script.txt")
    page = parse(html)
    assert "script" not in page.tags
    assert '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;' in html
    assert '<script>alert("hi")</script>' in page.pre_text


def test_page_is_self_contained(linter, registry) -> None:
    html = build(linter, registry, EXAMPLES / "needs-work.txt", EXAMPLES / "good-thank-you.txt")
    page = parse(html)
    assert not page.tags & {"script", "link", "img", "iframe", "object", "embed"}
    for needle in ("src=", "url(", "@import", "http://", "https://"):
        assert needle not in html
    assert "default-src 'none'" in html


def test_overview_table_only_for_several_drafts(linter, registry) -> None:
    one = build(linter, registry, EXAMPLES / "needs-work.txt")
    two = build(linter, registry, EXAMPLES / "needs-work.txt", EXAMPLES / "good-thank-you.txt")
    assert 'class="overview"' not in one
    assert 'class="overview"' in two
    assert '<a href="#draft-2">examples/good-thank-you.txt</a>' in two
    assert "No problems found: this draft is ready to send." in two
    assert "1 error, 6 warnings in 1 of 2 drafts." in two


def test_report_command(cli, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = cli("report", "--select", "FL401,FL402", "examples/needs-work.txt",
                 "examples/good-thank-you.txt", "no-such.txt", "-o", str(out), cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr == "followup-lint: no-such.txt: no such file or folder\n"
    assert result.stdout == f"Wrote {out}: 2 drafts, 3 findings.\n"
    html = out.read_text(encoding="utf-8")
    assert html.count('<section class="draft"') == 2
    # needs-work: an error (30) and two shouting warnings (12, then 8.4), all form: capped at 45
    assert 'title="send-readiness score">55</span>' in html
    assert 'title="send-readiness score">100</span>' in html    # good-thank-you


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
         "--hide-scrollbars", *args],
        capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                    "(apt-get install chromium; .ci/run installs it, so CI runs this test)")
def test_report_in_headless_chromium(cli, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = cli("report", "--select", ",".join((*RULES, "FL402")), "examples/needs-work.txt",
                 "examples/good-thank-you.txt", str(DRAFTS / "script.txt"), "-o", str(report),
                 cwd=ROOT)
    assert result.returncode == 0, result.stderr

    dom = chromium("--dump-dom", report.as_uri(), profile=tmp_path / "profile").stdout
    page = parse(dom)
    assert "script" not in page.tags                # the draft's <script> stayed text
    assert '<script>alert("hi")</script>' in page.pre_text
    marked = {(m["text"], m["codes"], m["class"]) for m in page.marks}
    assert ("[Interviewer Name]", "FL401", "error") in marked
    assert ("bombed", "FL301 FL101", "warning overlap") in marked
    assert ("ASAP", "FL102", "warning") in marked and ("!!", "FL402", "warning") in marked
    assert len([m for m in page.marks if m["codes"]]) == len(page.marks)

    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1000,1400", report.as_uri(),
             profile=tmp_path / "profile")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank one
