"""Answer unchanged drafts from a cache of their findings, as ruff does.

Parsing is nearly all of a run's cost, and most runs re-lint drafts that have
not changed since the last one (a coach's folder, ``pre-commit run
--all-files``). So each draft's per-draft findings are kept in a small JSON
file named by a key that covers everything they depend on:

- the draft as the rules see it (its text, regions, front matter and typed
  metadata, and its path, which findings carry and per-file ignores match);
- the resolved settings that apply to it, the enabled rules and their options;
- the contents of every rule pack, and the followup-lint code (its version
  and its modules' sizes and times, so an edited checkout never reads stale
  entries) and each rule plugin's version;
- the spaCy model's name and version, spaCy's version and the components the
  rules load.

Change any of these and the key changes: the entry is simply not found. An
entry that cannot be read (corrupt, truncated, another format) counts as
missing and is rebuilt. Entries are written to a temporary file and renamed
into place, so concurrent runs never see half an entry. Cross-draft findings
are never cached, since they depend on the other drafts of the run: an entry
keeps the draft's ``Summary`` instead (its kind, word count, fingerprint and
anchors), and the cross-draft rules run afresh over every draft's summary
(``engine.gather``), so they find the same with a warm cache.

The cache lives in the user's cache folder (``platformdirs``), or wherever
``--cache-dir`` or ``FOLLOWUP_LINT_CACHE_DIR`` says; it is safe to delete.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup_lint.core.findings import Finding, Severity

if TYPE_CHECKING:
    from followup_lint.checking.cross_draft import Summary
    from followup_lint.checking.rule import Rule
    from followup_lint.draft.parsed import Draft

#: Where the cache lives when ``--cache-dir`` is not given (tests point it at a temp dir).
CACHE_DIR_ENV = "FOLLOWUP_LINT_CACHE_DIR"
APP_NAME = "followup-lint"
#: Bumped when the layout of an entry changes; old entries are then never read.
ENTRY_FORMAT = 1
_FINDING_FIELDS = tuple(f.name for f in dataclasses.fields(Finding))
_MARKERS = {
    ".gitignore": "# Created by followup-lint: this folder is a cache, never commit it.\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# This file marks a cache folder made by followup-lint.\n",
}


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Return ``$FOLLOWUP_LINT_CACHE_DIR`` if set, else the user's cache folder."""
    env = os.environ if environ is None else environ
    if env.get(CACHE_DIR_ENV):
        return Path(env[CACHE_DIR_ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


class ResultCache:
    """A folder of cached per-draft findings, shared by every run that points at it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.folder = self.root / f"v{ENTRY_FORMAT}"
        self._marked = False

    def scope(self, fingerprint: str) -> CacheScope:
        """Return the view of this cache for one linter (one set of rules and settings)."""
        return CacheScope(self, fingerprint)

    def path_for(self, key: str) -> Path:
        """Return the file of an entry: two levels, so no folder grows too large."""
        return self.folder / key[:2] / f"{key[2:]}.json"

    def load(self, key: str) -> dict[str, Any] | None:
        """Return the entry stored under ``key``, or None when missing or unreadable."""
        try:
            raw = self.path_for(key).read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw)
        except ValueError:
            return None  # corrupt or truncated: treated as missing, and rewritten
        return entry if isinstance(entry, dict) and entry.get("key") == key else None

    def store(self, key: str, entry: Mapping[str, Any]) -> None:
        """Write an entry atomically; a cache that cannot be written is silently skipped."""
        path = self.path_for(key)
        data = json.dumps({"key": key, **entry}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        try:
            self._mark()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return

    def _mark(self) -> None:
        """Create the cache root with a ``.gitignore`` and a ``CACHEDIR.TAG`` once."""
        if self._marked:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in _MARKERS.items():
            marker = self.root / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        self._marked = True


class CacheScope:
    """The cache as one linter sees it: its fingerprint joined with each draft's."""

    def __init__(self, cache: ResultCache, fingerprint: str) -> None:
        self.cache = cache
        self.fingerprint = fingerprint

    def key(self, draft: Draft) -> str:
        """Return the entry key of a draft under this linter."""
        digest = hashlib.blake2b(self.fingerprint.encode(), digest_size=20)
        digest.update(draft_identity(draft))
        return digest.hexdigest()

    def load(self, draft: Draft) -> tuple[list[Finding], Summary | None] | None:
        """Return the draft's cached findings and summary, or None on a miss."""
        entry = self.cache.load(self.key(draft))
        if entry is None:
            return None
        try:
            findings = [_finding(item) for item in entry["findings"]]
            raw = entry.get("summary")
            summary = _summary(draft, raw) if raw is not None else None
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # a damaged entry: treated as missing, and rewritten
        return findings, summary

    def store(self, draft: Draft, findings: Iterable[Finding],
              summary: Summary | None = None) -> None:
        """Remember the draft's per-draft findings, and its summary for cross-draft rules."""
        entry: dict[str, Any] = {"findings": [_plain(f) for f in findings]}
        if summary is not None:
            entry["summary"] = _plain_summary(summary)
        self.cache.store(self.key(draft), entry)


def draft_identity(draft: Draft) -> bytes:
    """Return everything of a read draft the rules can see, as bytes (never its parse)."""
    parts = [f"{f.name}={getattr(draft, f.name)!r}" for f in dataclasses.fields(draft)
             if f.name != "doc"]
    return "\x00".join(parts).encode("utf-8", "surrogatepass")


def linter_fingerprint(*, settings: Any, rules: Iterable[Rule], options: Mapping[str, Any],
                       severities: Mapping[str, Severity], pack_paths: Iterable[Path],
                       model: str | None, components: Iterable[str]) -> str:
    """Return a digest of everything besides the draft that a linter's findings depend on.

    ``settings`` are the resolved settings (their ``origins`` only name where
    each came from, so they are left out); ``pack_paths`` every rule pack file
    the registry read, whose bytes are hashed.
    """
    digest = hashlib.blake2b(digest_size=20)

    def add(label: str, value: object) -> None:
        digest.update(f"{label}={value!r}\x00".encode("utf-8", "surrogatepass"))

    add("format", ENTRY_FORMAT)
    if dataclasses.is_dataclass(settings) and not isinstance(settings, type):
        settings = dataclasses.replace(settings, origins=())  # type: ignore[type-var]
    add("settings", settings)
    rules = list(rules)
    add("rules", [(r.code, r.name, r.severity.value, r.origin) for r in rules])
    add("options", sorted((code, repr(value)) for code, value in options.items()))
    add("severities", sorted((code, level.value) for code, level in severities.items()))
    for path in pack_paths:
        try:
            add(f"pack {path}", hashlib.blake2b(Path(path).read_bytes()).hexdigest())
        except OSError:
            add(f"pack {path}", None)
    add("code", code_fingerprint())
    add("model", model_fingerprint(model))
    add("components", sorted(components))
    return digest.hexdigest()


def code_fingerprint(package: Path | None = None) -> str:
    """Return followup-lint's version, its files' sizes and times, and plugins' versions.

    The version alone would miss an edited checkout (an editable install keeps
    its version); a stat of each module costs a few milliseconds.
    """
    from followup_lint import __version__

    package = package or Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    # Every file of the package, not only modules: retrained tone weights or edited
    # score weights change findings as surely as code does.
    for module in sorted(p for p in package.rglob("*")
                         if p.is_file() and "__pycache__" not in p.parts):
        try:
            stat = module.stat()
        except OSError:
            continue
        digest.update(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}\x00"
                      .encode())
    from followup_lint.checking.registry import discover_plugins

    for ep in discover_plugins():
        dist = ep.dist
        digest.update(f"{ep.name}={ep.value}@{dist.name if dist else '?'}-"
                      f"{dist.version if dist else '?'}\x00".encode())
    return digest.hexdigest()


def model_fingerprint(model: str | None) -> str:
    """Return the model's name and version and spaCy's version, without importing spaCy."""
    from followup_lint.checking.nlp import resolve_model_name

    name = resolve_model_name(model)
    meta: dict[str, Any] = {}
    folder = Path(name)
    if not folder.is_dir():
        from importlib.util import find_spec

        try:
            spec = find_spec(name)
        except (ImportError, ValueError):  # "a.b" with no package "a": loading will say so
            spec = None
        locations = list(spec.submodule_search_locations or []) if spec else []
        folder = Path(locations[0]) if locations else folder
    with contextlib.suppress(OSError, ValueError):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:  # pragma: no cover - spaCy is a dependency
        spacy_version = "?"
    return (f"{name} {meta.get('name', '?')} {meta.get('version', '?')} "
            f"spacy {spacy_version}")


def _plain_summary(summary: Summary) -> dict[str, Any]:
    """Return what a summary adds to its draft; ``source`` and ``info`` come from the draft."""
    return {"kind": summary.kind, "words": summary.words, "sketch": list(summary.sketch),
            "greeting": summary.greeting,
            "body_at": list(dataclasses.astuple(summary.body_at)),
            "date_at": list(dataclasses.astuple(summary.date_at))}


def _summary(draft: Draft, raw: Mapping[str, Any]) -> Summary:
    """Rebuild a draft's summary from its entry, refusing values of the wrong type."""
    from followup_lint.checking.cross_draft import Anchor, Summary

    anchors = [raw["body_at"], raw["date_at"]]
    numbers = [raw["words"], *raw["sketch"], *anchors[0], *anchors[1]]
    if (any(type(n) is not int for n in numbers) or not isinstance(raw["kind"], str)
            or not (raw["greeting"] is None or isinstance(raw["greeting"], str))
            or any(len(a) != 4 for a in anchors)):
        raise TypeError("summary")
    return Summary(source=draft.source, info=draft.info, kind=raw["kind"], words=raw["words"],
                   sketch=tuple(raw["sketch"]), greeting=raw["greeting"],
                   body_at=Anchor(*anchors[0]), date_at=Anchor(*anchors[1]))


def _plain(finding: Finding) -> dict[str, Any]:
    values = {name: getattr(finding, name) for name in _FINDING_FIELDS}
    values["severity"] = finding.severity.value
    return values


def _finding(item: Mapping[str, Any]) -> Finding:
    """Rebuild a finding, refusing values of the wrong type (a damaged entry)."""
    values = {name: item[name] for name in _FINDING_FIELDS}
    for name in ("line", "column", "end_line", "end_column"):
        if type(values[name]) is not int:
            raise TypeError(name)
    for name in ("path", "code", "rule", "message"):
        if not isinstance(values[name], str):
            raise TypeError(name)
    for name in ("suggestion", "replacement"):
        if values[name] is not None and not isinstance(values[name], str):
            raise TypeError(name)
    values["severity"] = Severity(values["severity"])
    return Finding(**values)


def profile_fingerprint(profile: Any, components: Iterable[str]) -> str:
    """Return the fingerprint of a configuration ``Profile``'s linter (``linter_fingerprint``)."""
    from followup_lint.checking.packs import pack_files
    from followup_lint.checking.registry import builtin_packs_dir

    settings = profile.settings
    linter = profile.linter
    packs = [*pack_files(builtin_packs_dir())]
    for extra in settings.packs:
        packs.extend(pack_files(Path(extra)))
    return linter_fingerprint(settings=settings, rules=linter.rules, options=linter.options,
                              severities=linter.severities, pack_paths=packs,
                              model=settings.model, components=components)


def attach_cache(profiles: Iterable[Any], folder: Path | None = None) -> ResultCache:
    """Give each configuration profile's linter its scope of one shared cache."""
    cache = ResultCache(folder if folder is not None else default_cache_dir())
    for profile in profiles:
        linter = profile.linter
        linter.cache = cache.scope(profile_fingerprint(profile, linter.components))
    return cache
