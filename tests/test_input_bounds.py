"""Hand-written inputs within bounds: YAML and TOML values (``core/safe_yaml``) and files
that are not regular files (``core/regular_files``), each refused in one clear sentence."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
import yaml

from followup_lint.core import regular_files, safe_yaml
from followup_lint.core.regular_files import kind_problem, read_regular_file
from followup_lint.core.safe_yaml import YamlLimitError, check_bounds


def refusal(text: str, max_chars: int = safe_yaml.MAX_CHARS) -> str:
    with pytest.raises(YamlLimitError) as caught:
        safe_yaml.load(text, yaml.SafeLoader, max_chars)
    return caught.value.problem


def laughs(levels: int, width: int = 10) -> str:
    """A "billion laughs" document: each level names the one below ``width`` times."""
    lines = ['a0: &a0 "' + "lol" * 10 + '"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_honest_yaml_with_a_few_aliases_loads() -> None:
    assert safe_yaml.load(laughs(2), yaml.SafeLoader)["a2"][9][9] == "lol" * 10
    assert safe_yaml.load("", yaml.SafeLoader) is None
    assert safe_yaml.load("# only a comment\n", yaml.SafeLoader) is None


def test_each_bound_is_one_sentence() -> None:
    assert refusal("a: b\n", max_chars=4) == "is longer than 4 characters"
    assert refusal(laughs(6)) == ("expands (with its aliases) to more than 1,000,000 "
                                  "characters; write the values out")
    assert refusal("a: &a [1, *a]\n") == ("has an alias inside the value it names (a loop); "
                                          "write the values out")
    many = "a: &a x\nb: [" + ", ".join(["*a"] * 1001) + "]\n"
    assert refusal(many) == "uses more than 1,000 aliases; write the values out"
    assert refusal("a: " + "[" * 60 + "]" * 60 + "\n") == "nests deeper than 50 levels"
    assert refusal("a: " + "[" * 5000 + "]" * 5000 + "\n") == "nests deeper than 50 levels"
    assert refusal("a: 1" + "0" * 120 + "\n") == "has an integer of more than 100 digits"


def test_a_refusal_says_where_in_the_file() -> None:
    with pytest.raises(YamlLimitError) as caught:
        safe_yaml.load("ok: 1\nbad: 1" + "0" * 120 + "\n", yaml.SafeLoader)
    assert isinstance(caught.value, yaml.MarkedYAMLError)
    assert "line 2, column 6" in str(caught.value)


def test_loaded_values_within_bounds() -> None:
    check_bounds({"a": [1, 2, {"b": "c"}], "big": 10 ** 99}, "cfg.toml")
    deep: object = "x"
    for _ in range(60):
        deep = {"k": deep}
    cases = [(deep, "cfg.toml: nests deeper than 50 levels"),
             (list(range(100_001)), "cfg.toml: has more than 100,000 values"),
             ({"n": 10 ** 120}, "cfg.toml: has an integer of more than 100 digits")]
    for value, message in cases:
        with pytest.raises(ValueError) as caught:
            check_bounds(value, "cfg.toml")
        assert str(caught.value) == message


NOT_REGULAR = "not a regular file; only regular files are read"


def test_what_kind_of_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        kinds = {name: kind_problem(os.stat(path).st_mode) for name, path in
                 [("file", Path(__file__)), ("folder", tmp_path), ("fifo", fifo),
                  ("device", Path("/dev/null")), ("socket", sock_path)]}
    finally:
        server.close()
    assert kinds == {"file": None, "folder": f"is a folder, {NOT_REGULAR}",
                     "fifo": f"is a named pipe (FIFO), {NOT_REGULAR}",
                     "device": f"is a device, {NOT_REGULAR}",
                     "socket": f"is a socket, {NOT_REGULAR}"}
    assert kind_problem(stat.S_IFBLK) == f"is a device, {NOT_REGULAR}"
    assert kind_problem(0) == f"is not a regular file, {NOT_REGULAR}"


def test_reading_refuses_a_fifo_a_device_and_a_file_too_large(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    for path, message in [(fifo, f"is a named pipe (FIFO), {NOT_REGULAR}"),
                          (Path("/dev/zero"), f"is a device, {NOT_REGULAR}"),
                          (big, "is larger than 10 bytes, too large for a draft file")]:
        with pytest.raises(ValueError) as caught:
            read_regular_file(path, 10, "draft")
        assert str(caught.value) == message
    assert read_regular_file(big, 11, "draft") == b"x" * 11


def test_a_file_swapped_for_a_fifo_after_the_check_is_still_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The type is checked again on the open descriptor, which O_NONBLOCK opened at once."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    real_stat = os.stat
    monkeypatch.setattr(regular_files.os, "stat", lambda path, *args, **kw: (
        regular if path == fifo else real_stat(path, *args, **kw)))
    with pytest.raises(ValueError) as caught:
        read_regular_file(fifo, 10, "draft")
    assert str(caught.value) == f"is a named pipe (FIFO), {NOT_REGULAR}"
