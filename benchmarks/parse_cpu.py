"""CPU time of the parser per article, on real articles (JSON Lines with a `text` field).

    python benchmarks/parse_cpu.py ../shared/corpus/detik-2025.jsonl --rounds 5

Parses every article of the files in one process, `--rounds` times, and prints the process
CPU time per article of each round, then the fastest and the median round. CPU time rather
than wall time: the development machine is shared, and a busy neighbour slows a run's wall
clock far more than its CPU time. Compare two versions by running each in turn, several
times, on the same files (figures still move by a few percent between runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from quotedb import extract
from quotedb.parse.pipeline import PARSER_VERSION


def _texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="JSON Lines files of articles")
    parser.add_argument("--rounds", type=int, default=5, help="times every article is parsed")
    args = parser.parse_args()
    texts = _texts(args.files)
    extract(texts[0])  # word lists and patterns are loaded once per process: not timed
    per_article = []
    quotes = 0
    for round_number in range(1, args.rounds + 1):
        started = time.process_time()
        quotes = sum(len(extract(text).quotes) for text in texts)
        ms = (time.process_time() - started) * 1000 / len(texts)
        per_article.append(ms)
        print(f"round {round_number}: {ms:.3f} ms of CPU per article")
    print(
        f"parser {PARSER_VERSION}, {len(texts)} articles, {quotes} quotes: "
        f"fastest {min(per_article):.3f} ms, median {statistics.median(per_article):.3f} ms "
        "of CPU per article"
    )


if __name__ == "__main__":
    main()
