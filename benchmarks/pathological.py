"""Times the parser on large pathological texts: it must stay linear (a few seconds for 5 MB).

Run: python benchmarks/pathological.py [--mb 5]
"""

from __future__ import annotations

import argparse
import random
import time

from quotedb import extract

# Hundreds of speakers, each quoted, whose names are also written glued inside other words
# (one piece in two hundred is a quote): every search for a name meets them all over the text.
_NAMES = [c + v + end for c in "BCDFGHJKLMNPRST" for v in "aiueo" for end in ("", "di", "ni", "to")]
_QUOTED = [f'"Siap," kata {name}.' for name in _NAMES]
_GLUED = [glued for name in _NAMES for glued in (f"x{name}", f"Z-{name}-{name}")]

PIECES = {
    "quote marks": ['"', "“", "”", "'", "‘", "’", '" "', "„"],
    "cue words": ["kata", "ujarnya", "mengatakan", "menurut", "bahwa", ",", "Menurutnya,", "ia"],
    "capitalised words": ["Budi", "Santoso", "Kepala", "Dinas", "Jakarta", "AKBP", "Presiden"],
    "mixed": ['"', "kata", "Budi", ",", ".", "\n\n", "mengatakan", "bahwa", "Menurut", "(12/3)"],
    "speaker names": _QUOTED + 99 * _GLUED,
}


def build(kind: str, size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    words = PIECES[kind]
    parts: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        parts.append(word)
        length += len(word) + 1
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0, help="text size in megabytes")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    for kind in PIECES:
        text = build(kind, size)
        started = time.perf_counter()
        quotes = extract(text).quotes
        elapsed = time.perf_counter() - started
        print(f"{kind:18} {len(text) / 1e6:5.1f} MB  {elapsed:6.2f} s  {len(quotes):7d} quotes")


if __name__ == "__main__":
    main()
