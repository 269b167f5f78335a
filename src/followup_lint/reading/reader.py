"""Turn the bytes of a draft file into a ``Draft``.

Decoding, front matter, email headers and the split into regions happen here,
once per draft. Every failure is an ``InputError`` naming the input, so the
command line can report it in one line and go on with the other drafts.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath
from typing import Any

import yaml

from followup_lint.core import safe_yaml
from followup_lint.core.errors import InputError
from followup_lint.draft.line_index import LineIndex
from followup_lint.draft.metadata import read_metadata
from followup_lint.draft.parsed import Draft, Region
from followup_lint.reading.email_reader import read_message
from followup_lint.reading.long_runs import blank_long_runs
from followup_lint.reading.markdown import mask_markdown
from followup_lint.reading.regions import find_subject_line, split_message

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".eml": "eml"}
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                             re.DOTALL | re.MULTILINE)
_SURROGATE = re.compile("[\udc80-\udcff]")
_LONE_CR = re.compile(r"\r(?!\n)")


def format_for(name: str) -> str:
    """Return the draft format for a file name; unknown endings read as plain text."""
    return FORMATS.get(PurePath(name).suffix.lower(), "txt")


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data[:8192]:
            raise InputError(source, "looks like a binary file, not a text draft")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"is not valid {encoding.upper()} (byte {exc.start}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def read_draft(source: str, data: bytes, fmt: str | None = None) -> Draft:
    """Read one draft's bytes; ``fmt`` is txt, md or eml (guessed from the name if None).

    An email's parts declare their own charsets, so its bytes are not decoded
    as UTF-8 first: undecodable bytes are kept (as surrogate escapes) for the
    email reader to decode with the part's charset.
    """
    fmt = fmt or format_for(source)
    if fmt == "eml" and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")
        return _read_email(source, _lone_cr(text))
    return parse_draft(source, decode(data, source), fmt)


def parse_draft(source: str, text: str, fmt: str | None = None) -> Draft:
    """Split a draft's decoded text into regions and metadata (any text at all works)."""
    fmt = fmt or format_for(source)
    text = _lone_cr(text)
    if fmt == "eml":
        return _read_email(source, text)
    return _read_plain(source, text, fmt)


def _lone_cr(text: str) -> str:
    """Return text with each lone CR (old Mac line ends) as LF: same length, same offsets."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def _read_plain(source: str, text: str, fmt: str) -> Draft:
    meta: dict[str, Any] = {}
    regions: list[Region] = []
    start = 0
    match = FRONT_MATTER_RE.match(text)
    if match:
        meta = _front_matter(source, match.group("yaml"))
        start = match.end()
        subject = _front_matter_subject(text, match.start("yaml"), match.end("yaml"))
        if subject:
            regions.append(subject)
    subject_line, start = find_subject_line(text, start, len(text))
    if subject_line:
        regions.append(subject_line)
        meta.setdefault("subject", text[subject_line.start : subject_line.end])
    regions.extend(split_message(text, start, len(text)))
    # Front matter that only holds a suppression is not an email header block.
    has_header = bool(match) and any(key != "followup-lint" for key in meta)
    return _make(source, text, fmt, regions, meta, has_header=has_header)


def _read_email(source: str, text: str, shift: int = 0,
                file_index: LineIndex | None = None) -> Draft:
    """Read a message; ``shift`` and ``file_index`` place it inside a larger file (an mbox)."""
    message = read_message(source, text)
    view = message.view
    view_text = _SURROGATE.sub("\ufffd", view.text())
    regions = [*message.regions, *split_message(view_text, *message.body)]
    positions = None
    if shift or file_index is not None or not view.is_identity(len(text)):
        positions = view.index(file_index or LineIndex(text), shift)
        positions.text = view_text
    return _make(source, view_text, "eml", regions, message.meta, has_header=True,
                 positions=positions)


def read_mbox_message(source: str, number: int, text: str, shift: int,
                      file_index: LineIndex) -> Draft:
    """Read message ``number`` of an mbox, whose text starts at offset ``shift`` of the file."""
    draft = _read_email(source, _lone_cr(text), shift, file_index)
    draft.message = number
    return draft


class _FrontMatterLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text: ``followup_lint.draft.dates`` reads them.

    PyYAML's own date reading raises a bare ValueError on ``2026-02-30``;
    kept as text, a bad date becomes one clear error that names its key.
    """


_FrontMatterLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter(source: str, raw: str) -> dict[str, Any]:
    try:
        data = safe_yaml.load(raw, _FrontMatterLoader, safe_yaml.MAX_FRONT_MATTER_CHARS)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(source, f"has malformed front matter{where}: "
                         f"{getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(source, "has front matter that is not a mapping of keys to values")
    return {str(k).lower(): v for k, v in data.items()}


def _front_matter_subject(text: str, start: int, end: int) -> Region | None:
    match = re.search(r"^subject:[ \t]*['\"]?(?P<v>[^\r\n]*?)['\"]?[ \t]*\r?$",
                      text[start:end], re.MULTILINE | re.IGNORECASE)
    if not match or not match.group("v"):
        return None
    return Region("subject", start + match.start("v"), start + match.end("v"))


def _make(source: str, text: str, fmt: str, regions: list[Region], meta: dict[str, Any],
          has_header: bool = False, positions: LineIndex | None = None) -> Draft:
    info = read_metadata(source, meta, has_header)
    prose = _mask_outside(text, [r for r in regions if r.kind == "body"])
    if fmt == "md":
        prose = mask_markdown(prose)
    return Draft(source=source, text=text, format=fmt, prose=blank_long_runs(prose),
                 regions=tuple(sorted(regions, key=lambda r: r.start)), meta=meta, info=info,
                 positions=positions)


def _mask_outside(text: str, body: list[Region]) -> str:
    """Return text with every character outside the body replaced by a space (newlines kept)."""
    chars = [ch if ch in "\r\n" else " " for ch in text]
    for region in body:
        chars[region.start : region.end] = text[region.start : region.end]
    return "".join(chars)
