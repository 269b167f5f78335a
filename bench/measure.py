"""Run one command and print its wall time, CPU time and peak memory as JSON.

A separate process, so ``RUSAGE_CHILDREN`` covers exactly the measured command
(and any worker processes it waits for), never earlier runs.

    python bench/measure.py [--stdout FILE] -- COMMAND...
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    """Measure the command after ``--``; its stdout goes to --stdout FILE (else /dev/null)."""
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    out_path = options[options.index("--stdout") + 1] if "--stdout" in options else None
    with open(out_path or "/dev/null", "wb") as out:
        start = time.perf_counter()
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                      "rss": usage.ru_maxrss * scale, "returncode": done.returncode,
                      "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
