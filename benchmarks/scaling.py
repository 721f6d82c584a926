"""Does the parser stay linear? `quotedb extract` on texts of 1, 2, 4 and 8 MB, each run in a
fresh process: CPU and wall time, peak resident memory, and the ratio of each size's CPU time
to the size before (about 2 when the parser is linear, 4 when it is quadratic).

    python benchmarks/scaling.py                       # every case at 1, 2, 4 and 8 MB
    python benchmarks/scaling.py --only mixture --sizes 1 2
    python benchmarks/scaling.py --repeat 3            # the quickest of three runs of each

The cases:

- `mixture`: issue 14's text. Pieces the parser reacts to, picked at random and joined with
  nothing between them: runs of fifty straight marks, lone curly marks, `kata `, `Menurut `,
  `mengatakan bahwa `, `Presiden `, `Bapak H. `, a thirty-letter capitalised word, `, `. No
  piece holds a sentence stop, so the text is one sentence. Its variants join the pieces with
  spaces, make every capitalised word a different one (so every name is a new speaker), or
  break a line (or leave a blank one) after every N pieces, which makes thousands of sentences.
- each text of `benchmarks/pathological.py`;
- constructions that once made a step quadratic: a tail after a post-quote cue (`"A," kata X,
  dan B`), a conjunction and a second cue over and over in one sentence, `dan X mengutip Y`
  joints, openers at the start of a long sentence, and a `date` line padded with spaces.

A case that runs longer than `--timeout` seconds or needs more than `--memory` MB is stopped
and shown as such: before issue 14 the mixture at 8 MB needed about 9 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pathological  # noqa: E402  (a sibling script, not a package)

MB = 1_000_000  # bytes

_CAPITALISED = "Abcdefghijklmnopqrstuvwxyzabcd"
_MIXTURE = [
    '"' * 50,
    "\u201c",
    "\u201d",
    "kata ",
    "Menurut ",
    "mengatakan bahwa ",
    "Presiden ",
    "Bapak H. ",
    _CAPITALISED + " ",
    ", ",
]


def mixture(
    size: int,
    sep: str = "",
    line_every: int = 0,
    blank: bool = False,
    new_names: bool = False,
    seed: int = 14,
) -> str:
    """Issue 14's mixture of `size` characters (see the module's docstring for the options)."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        piece = rng.choice(_MIXTURE)
        if new_names and piece.startswith(_CAPITALISED):
            letters = rng.choices(string.ascii_lowercase, k=29)
            piece = rng.choice(string.ascii_uppercase) + "".join(letters) + " "
        parts.append(piece)
        length += len(piece) + len(sep)
        if line_every and len(parts) % line_every == 0:
            parts.append("\n\n" if blank else "\n")
            length += len(parts[-1])
    return sep.join(parts)


def _repeat(head: str, piece: str, size: int) -> str:
    return head + piece * max(1, (size - len(head)) // len(piece))


CASES: dict[str, Callable[[int], str]] = {
    "mixture": mixture,
    "mixture, spaces": lambda n: mixture(n, sep=" "),
    "mixture, new names": lambda n: mixture(n, new_names=True),
    "mixture, line/20": lambda n: mixture(n, line_every=20),
    "mixture, line/200": lambda n: mixture(n, line_every=200),
    "mixture, blank/50": lambda n: mixture(n, line_every=50, blank=True),
    "mixture, names, line/20": lambda n: mixture(n, line_every=20, new_names=True),
    "mixture, spaces, line/20": lambda n: mixture(n, sep=" ", line_every=20),
    **{
        f"pathological: {kind}": (lambda n, kind=kind: pathological.build(kind, n))
        for kind in pathological.PIECES
    },
    "tail after a cue": lambda n: _repeat("", '"Siap," kata Budi, dan rakyat senang ', n),
    "second cues": lambda n: _repeat("Budi mengatakan kami siap ", "dan Ani mengatakan ya ", n),
    "relayed sources": lambda n: _repeat("Budi mengatakan kami siap ", "dan Budi mengutip Ani ", n),
    "openers, then quotes": lambda n: (
        "Sementara itu, " * (n // 30) + 'kami "ab cd," kata Budi, ' * (n // 50)
    ),
    "date line of spaces": lambda n: "date 2024 A" + " " * n + "B\n\nIsi berita.",
}


def _run(path: Path, timeout: float, memory_mb: int) -> tuple[str, float, float, float]:
    """`quotedb extract PATH --format jsonl` in a new process: its outcome, CPU seconds,
    wall seconds and peak resident memory in MB."""

    def limit_memory() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "quotedb", "extract", str(path), "--format", "jsonl"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit_memory,
    )
    killer = threading.Timer(timeout, child.kill)
    killer.start()
    _, status, usage = os.wait4(child.pid, 0)
    killer.cancel()
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode == -9:
        outcome = f"stopped after {timeout:g} s"
    elif child.returncode != 0:
        outcome = "MemoryError" if "MemoryError" in errors else f"failed: {errors.strip()[:60]}"
    else:
        outcome = "ok"
    return outcome, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="in MB")
    parser.add_argument("--only", nargs="+", default=[], help="cases whose name starts so")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for one run")
    parser.add_argument("--memory", type=int, default=4000, help="MB one run may take")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each size; the quickest is shown"
    )
    args = parser.parse_args()
    cases = [name for name in CASES if not args.only or name.startswith(tuple(args.only))]
    print(f"{'case':32} {'MB':>4} {'CPU s':>7} {'wall s':>7} {'peak MB':>8} {'x CPU':>6}")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "article.txt"
        for name in cases:
            previous = None
            for mb in args.sizes:
                size = int(mb * MB)
                # A size in bytes of UTF-8, as the ingest limit of 10 MiB counts it.
                text = CASES[name](size).encode("utf-8")[:size].decode("utf-8", "ignore")
                path.write_text(text, encoding="utf-8")
                # On a shared machine other work slows a run down, never speeds it up.
                runs = [_run(path, args.timeout, args.memory) for _ in range(args.repeat)]
                outcome, cpu, wall, peak = min(runs, key=lambda run: (run[0] != "ok", run[1]))
                ratio = f"{cpu / previous:6.2f}" if previous and outcome == "ok" else ""
                note = "" if outcome == "ok" else f"  {outcome}"
                print(f"{name:32} {mb:4g} {cpu:7.2f} {wall:7.2f} {peak:8.0f} {ratio:>6}{note}")
                sys.stdout.flush()
                previous = cpu
                if outcome != "ok":
                    break  # a larger size would fail too, only later


if __name__ == "__main__":
    main()
