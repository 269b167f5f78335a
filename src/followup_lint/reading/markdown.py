"""Hide Markdown syntax from the prose so it never counts as words or sentences.

The structure comes from a real parser, markdown-it-py (CommonMark, with
tables and strikethrough): code blocks (fenced and indented), HTML blocks and
comments, tables, rules, reference definitions and link targets are not
prose; heading and list markers, emphasis marks and link brackets go while
their text stays. Masking replaces syntax characters with spaces (newlines
stay), so every character keeps its offset and findings still point into the
original file. HTML comments are masked from the prose only: suppression
directives are read from the text itself.

markdown-it-py gives block tokens their lines but inline tokens no offsets,
so each inline rule is wrapped to record the span it consumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on the first Markdown draft: a plain-text run never needs it
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

#: Inline rules whose whole span is not prose.
_WHOLE_INLINE = {"backticks", "image", "autolink"}
#: Block tokens whose lines are not prose.
_WHOLE_BLOCK = {"fence", "code_block", "html_block", "table_open", "hr"}
#: A bare URL, less the punctuation of the sentence around it ("see x.example/a." or
#: "...example!"); a run of marks ("/ASAP!!") is part of the address.
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*?(?=[.,;:?'\")\]]*(?:\s|$)|(?<!!)!(?:\s|$))")
_LIST_MARKER = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_HEADING_MARKER = re.compile(r"[ \t>]*#{1,6}(?=[ \t]|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
#: Only lower-case tags are HTML: a <Job Title> placeholder is not a tag.
_HTML_TAG = re.compile(r"<(?:!--|/?[a-z][a-z0-9-]*[\s/>])")


class _Recorder:
    """Collects, per inline source string, the (rule, start, end, label end) spans consumed."""

    def __init__(self) -> None:
        self.spans: dict[int, list[tuple[str, int, int, int]]] = {}
        self.active = False


_RECORDER = _Recorder()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for rule in list(md.inline.ruler.__rules__):
        md.inline.ruler.at(rule.name, _recording(rule.name, rule.fn))  # resets its cache
    return md


def _recording(name: str, fn: Callable[[StateInline, bool], bool]) -> Callable[..., bool]:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        label_end = -1
        if name == "link" and not silent and state.src[start : start + 1] == "[":
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
        done = fn(state, silent)
        if done and not silent and _RECORDER.active:
            _RECORDER.spans.setdefault(id(state.src), []).append(
                (name, start, state.pos, label_end))
        return done

    return wrapped


def mask_markdown(text: str) -> str:
    """Return text with Markdown syntax replaced by spaces, offsets unchanged."""
    md = _parser()
    chars = list(text)
    line_starts = [0, *(m.end() for m in re.finditer(r"\n", text))]
    _RECORDER.spans, _RECORDER.active = {}, True
    try:
        tokens = md.parse(text)
    finally:
        _RECORDER.active = False
    covered = [False] * len(line_starts)
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        for i in range(first, min(last, len(covered))):
            covered[i] = True
        if token.type in _WHOLE_BLOCK:
            _blank_lines(chars, text, line_starts, first, last)
        elif token.type == "heading_open":
            _heading(chars, text, line_starts, token)
        elif token.type == "list_item_open":
            _blank_match(chars, text, line_starts, first, _LIST_MARKER)
        elif token.type == "inline":
            _inline(chars, text, line_starts, token, _RECORDER.spans.get(id(token.content), []))
    for i, line_covered in enumerate(covered):  # reference definitions make no tokens
        if not line_covered:
            _blank_lines(chars, text, line_starts, i, i + 1)
    _RECORDER.spans = {}
    masked = "".join(chars)
    for match in _BARE_URL.finditer(masked):
        _blank(chars, text, *match.span())
    return "".join(chars)


def _inline(chars: list[str], text: str, line_starts: list[int], token: Token,
            spans: list[tuple[str, int, int, int]]) -> None:
    """Mask the syntax inside one inline block (a paragraph, heading or table cell)."""
    source = token.content
    offsets = _content_offsets(source, text, line_starts, *(token.map or (0, 0)))
    if offsets is None:
        return  # the content cannot be aligned with the file (tabs): leave it as prose
    for name, start, end, label_end in spans:
        span = source[start:end]
        if name in _WHOLE_INLINE or (name == "html_inline" and _HTML_TAG.match(span)):
            _blank_each(chars, text, offsets, start, end)
        elif name == "link":
            _blank_each(chars, text, offsets, start, start + 1)  # "[", then "](target)"
            _blank_each(chars, text, offsets, label_end, end)
        elif name == "escape":
            _blank_each(chars, text, offsets, start, start + 1)
        elif name in ("emphasis", "strikethrough") and not _intraword(source, start, end):
            _blank_each(chars, text, offsets, start, end)


def _intraword(source: str, start: int, end: int) -> bool:
    """Say whether a run of ``_`` sits inside a word (snake_case): not emphasis."""
    before = source[start - 1] if start > 0 else " "
    after = source[end] if end < len(source) else " "
    return source[start] == "_" and before.isalnum() and after.isalnum()


def _content_offsets(content: str, text: str, line_starts: list[int], first: int,
                     last: int) -> list[int] | None:
    """Map each character of an inline block's content to its offset in the text.

    The parser removes indentation and container markers (``>``, list
    indents) from the start of each line and trims the block, so each content
    line is the end of its source line, less trailing spaces.
    """
    offsets: list[int] = []
    rows = content.split("\n")
    line = first
    for i, row in enumerate(rows):
        while line < last:
            start = line_starts[line]
            end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(text)
            source = text[start:end].rstrip("\r")
            line += 1
            # Inner rows keep their trailing spaces (a hard break); the last is trimmed.
            kept = source if source.endswith(row) else source.rstrip()
            if kept.endswith(row):
                at = len(kept) - len(row)
                offsets.extend(range(start + at, start + at + len(row)))
                break
        else:
            return None
        if i < len(rows) - 1:
            offsets.append(line_starts[line] - 1 if line < len(line_starts) else len(text))
    return offsets if len(offsets) == len(content) else None


def _heading(chars: list[str], text: str, line_starts: list[int], token: Token) -> None:
    assert token.map is not None
    first, last = token.map
    if token.markup.startswith("#"):
        _blank_match(chars, text, line_starts, first, _HEADING_MARKER)
        start, end = _line(text, line_starts, first)
        closing = _CLOSING_HASHES.search(text, start, end)
        if closing:
            _blank(chars, text, *closing.span())
    else:  # a setext heading: the underline is the last line
        _blank_lines(chars, text, line_starts, last - 1, last)


def _line(text: str, line_starts: list[int], index: int) -> tuple[int, int]:
    start = line_starts[index]
    end = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(text)
    return start, end


def _blank_match(chars: list[str], text: str, line_starts: list[int], index: int,
                 pattern: re.Pattern[str]) -> None:
    start, end = _line(text, line_starts, index)
    match = pattern.match(text, start, end)
    if match:
        _blank(chars, text, *match.span())


def _blank_lines(chars: list[str], text: str, line_starts: list[int], first: int,
                 last: int) -> None:
    end = line_starts[last] if last < len(line_starts) else len(text)
    _blank(chars, text, line_starts[first], end)


def _blank_each(chars: list[str], text: str, offsets: list[int], start: int, end: int) -> None:
    for i in range(start, min(end, len(offsets))):
        _blank(chars, text, offsets[i], offsets[i] + 1)


def _blank(chars: list[str], text: str, start: int, end: int) -> None:
    for i in range(start, end):
        if text[i] not in "\r\n":
            chars[i] = " "
