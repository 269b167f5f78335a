"""The HTML report: one self-contained page showing each draft with its problems marked.

No scripts, no external assets: the CSS is inline and a Content-Security-Policy
forbids loading anything, so the page opens the same offline, from an email
attachment or a shared drive. Draft text is always escaped.

Findings may overlap ("I really need this job ASAP!!" holds three). Rather
than nesting tags, the text is cut at every span boundary into segments; each
segment is marked with every finding covering it, coloured by the most severe
one, so overlaps of any shape render correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from followup_lint.core.findings import Finding, Severity
from followup_lint.draft.line_index import LineIndex
from followup_lint.output.score import Score
from followup_lint.output.terminal import reading_time, summary

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;
 background:#f6f8fa}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0 0 12px;word-break:break-all}
.summary{color:#57606a;margin:0 0 20px}
section.draft{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:20px;
 margin:0 0 24px}
.head{display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
.score{font-size:30px;font-weight:700;border-radius:8px;padding:2px 12px;color:#fff}
.good{background:#1a7f37}.fair{background:#9a6700}.poor{background:#cf222e}
pre.text{white-space:pre-wrap;word-wrap:break-word;font:14px/1.6 ui-monospace,Menlo,Consolas,
 monospace;background:#f6f8fa;border-radius:6px;padding:12px;margin:12px 0}
mark{background:none;color:inherit;border-bottom:3px solid;padding:1px 0;cursor:help}
mark.error{background:#ffebe9;border-color:#cf222e}
mark.warning{background:#fff8c5;border-color:#bf8700}
mark.info{background:#ddf4ff;border-color:#0969da}
mark.overlap{border-bottom-style:double;border-bottom-width:4px}
mark.point{border:0;border-left:3px solid;padding:0 0 0 1px}
table{border-collapse:collapse;margin:8px 0}
th,td{text-align:left;padding:4px 10px;border-bottom:1px solid #d0d7de;vertical-align:top}
th{font-weight:600;background:#f6f8fa}td.num{text-align:right}
ol.findings{padding-left:20px}ol.findings li{margin:0 0 8px}
.sev{font-weight:600;text-transform:uppercase;font-size:12px;border-radius:4px;
 padding:0 5px;color:#fff}
.sev.error{background:#cf222e}.sev.warning{background:#9a6700}.sev.info{background:#0969da}
.code{font-family:ui-monospace,Menlo,Consolas,monospace}
.suggestion{color:#1a7f37}
dl.stats{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:8px 0}
dt{color:#57606a}dd{margin:0}
.score-cell{color:#fff;border-radius:4px;padding:0 6px;font-weight:600}
table.overview{margin:0 0 24px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:24px}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass(frozen=True)
class DraftReport:
    """What the report shows for one draft."""

    source: str
    text: str
    findings: Sequence[Finding]
    score: Score
    #: Maps file lines to ``text`` when it is a decoded view (an email part); None: ``text``.
    lines: LineIndex | None = None


@dataclass(frozen=True)
class Segment:
    """A run of the draft's text [start, end) and the findings covering it (by index)."""

    start: int
    end: int
    covering: tuple[int, ...]


def finding_spans(text: str, findings: Sequence[Finding],
                  lines: LineIndex | None = None) -> list[tuple[int, int]]:
    """Return each finding's [start, end) character span in the text."""
    lines = lines or LineIndex(text)
    return [(lines.offset(f.line, f.column), max(lines.offset(f.line, f.column),
                                                 lines.offset(f.end_line, f.end_column)))
            for f in findings]


def segments(length: int, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """Cut [0, length) at every span boundary; an empty span becomes an empty segment.

    Segments come in text order; an empty segment sits before the text at its offset.
    """
    cuts = sorted({0, length, *(s for s, _ in spans), *(e for _, e in spans)})
    points: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        if s == e:
            points.setdefault(s, []).append(i)
    out: list[Segment] = []
    for a, b in zip(cuts, [*cuts[1:], length + 1], strict=True):
        if a in points:
            out.append(Segment(a, a, tuple(points[a])))
        if b <= length and a < b:
            out.append(Segment(a, b, tuple(i for i, (s, e) in enumerate(spans) if s <= a < e)))
    return out


def render_report(drafts: Sequence[DraftReport], title: str = "followup-lint report") -> str:
    """Return the whole page."""
    counts: dict[Severity, int] = {}
    for d in drafts:
        for f in d.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
    flagged = sum(1 for d in drafts if d.findings)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary">{escape(summary(counts, flagged, len(drafts)))}</p>',
    ]
    if len(drafts) > 1:
        parts.append(_overview(drafts))
    parts.extend(_draft_section(n, d) for n, d in enumerate(drafts, 1))
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _grade(total: int) -> str:
    return "good" if total >= 80 else "fair" if total >= 50 else "poor"


def _overview(drafts: Sequence[DraftReport]) -> str:
    rows = []
    for n, d in enumerate(drafts, 1):
        by = {s: sum(1 for f in d.findings if f.severity is s) for s in Severity}
        stats = d.score.statistics
        rows.append(
            f'<tr><td><a href="#draft-{n}">{escape(d.source)}</a></td>'
            f'<td class="num"><span class="score-cell {_grade(d.score.total)}">'
            f"{d.score.total}</span></td>"
            + "".join(f'<td class="num">{by[s]}</td>' for s in Severity)
            + f'<td class="num">{stats.words}</td><td class="num">{stats.reading_grade:g}</td></tr>'
        )
    return ('<table class="overview"><thead><tr><th>draft</th><th>score</th><th>errors</th>'
            "<th>warnings</th><th>info</th><th>words</th><th>reading grade</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _draft_section(n: int, d: DraftReport) -> str:
    spans = finding_spans(d.text, d.findings, d.lines)
    total = d.score.total
    return "\n".join([
        f'<section class="draft" id="draft-{n}">',
        f'<div class="head"><h2>{escape(d.source)}</h2>'
        f'<span class="score {_grade(total)}" title="send-readiness score">{total}</span></div>',
        f'<pre class="text">{_highlighted(n, d.text, d.findings, spans)}</pre>',
        _finding_list(n, d.findings),
        f'<div class="cols">{_breakdown(d.score)}{_statistics(d.score)}</div>',
        "</section>",
    ])


def _tooltip(f: Finding) -> str:
    tip = f"{f.code} {f.severity.value}: {f.message}"
    return tip + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")


def _highlighted(n: int, text: str, findings: Sequence[Finding],
                 spans: Sequence[tuple[int, int]]) -> str:
    out: list[str] = []
    anchored: set[int] = set()
    for seg in segments(len(text), spans):
        if not seg.covering:
            out.append(escape(text[seg.start:seg.end]))
            continue
        covering = [findings[i] for i in seg.covering]
        worst = max(covering, key=lambda f: f.severity.rank).severity.value
        for i in seg.covering:
            if i not in anchored:
                anchored.add(i)
                out.append(f'<a id="d{n}-f{i + 1}"></a>')
        classes = [worst, *(["overlap"] if len(covering) > 1 else []),
                   *(["point"] if seg.start == seg.end else [])]
        ids = " ".join(f"d{n}-f{i + 1}" for i in seg.covering)
        codes = " ".join(f.code for f in covering)
        tip = "\n\n".join(_tooltip(f) for f in covering)
        out.append(f'<mark class="{" ".join(classes)}" data-findings="{ids}" '
                   f'data-codes="{codes}" title="{escape(tip)}">'
                   f"{escape(text[seg.start:seg.end])}</mark>")
    return "".join(out)


def _finding_list(n: int, findings: Sequence[Finding]) -> str:
    if not findings:
        return '<p class="clean">No problems found: this draft is ready to send.</p>'
    items = []
    for i, f in enumerate(findings, 1):
        suggestion = (f'<br><span class="suggestion">Suggestion: {escape(f.suggestion)}</span>'
                      if f.suggestion else "")
        items.append(
            f'<li id="d{n}-item{i}"><a href="#d{n}-f{i}">{f.line}:{f.column}</a> '
            f'<span class="sev {f.severity.value}">{f.severity.value}</span> '
            f'<span class="code">{escape(f.code)}</span> {escape(f.rule)}: '
            f"{escape(f.message)}{suggestion}</li>")
    return f'<ol class="findings">{"".join(items)}</ol>'


def _breakdown(score: Score) -> str:
    rows = []
    for name, group in score.groups.items():
        why = ", ".join(f"{c.finding.code} at {c.finding.line}:{c.finding.column} "
                        f"(-{c.points:.1f})" for c in group.costs)
        rows.append(f'<tr><td>{escape(name)}</td><td class="num">'
                    f'{f"-{group.lost:g}" if group.lost else "0"}</td>'
                    f"<td>{escape(why)}</td></tr>")
    return ('<div><h3>Score breakdown</h3><table class="breakdown"><thead><tr><th>group</th>'
            f"<th>points</th><th>why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "</div>")


def _statistics(score: Score) -> str:
    s = score.statistics
    rows = [("words", s.words), ("sentences", s.sentences), ("questions", s.questions),
            ("reading grade", f"{s.reading_grade:g}"),
            ("reading time", f"about {reading_time(s.reading_seconds)}")]
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<div><h3>Statistics</h3><dl class="stats">{items}</dl></div>'
