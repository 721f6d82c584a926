"""A large CSV export in flat memory: peak resident memory of reading it, and of ingesting it.

    python benchmarks/csv_memory.py --megabytes 1000              # read 1 GB (a few minutes)
    python benchmarks/csv_memory.py --megabytes 100 --ingest      # and `quotedb ingest` it

Writes a CSV export of generated articles (benchmarks/corpus.py) the way a spreadsheet in the
Indonesian locale does (`judul;isi_berita;tanggal;tautan;sumber`, quotes doubled, the article's
line ends inside its field, dates as `Rabu, 13 Maret 2024`), and the same articles' first 1%
as a CSV of its own. Then, in a child process each:

- read: every row through `quotedb.ingest.inputs.iter_inputs`, the reader `quotedb ingest`
  uses, and the child's peak resident memory (`ru_maxrss`), for the small file and the large
  one: flat memory means the two peaks are about the same;
- ingest (with `--ingest`): `quotedb.ingest.pipeline.ingest` with 2 workers into a new SQLite
  file, as benchmarks/bench.py measures it (peak of all its processes, sampled from /proc).

Files are kept in `--out` (default benchmarks/out) and reused by later runs of the same size.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import _ingest, _mb  # noqa: E402
from corpus import generate  # noqa: E402

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=1000, help="size of the large CSV")
    parser.add_argument("--ingest", action="store_true", help="also ingest the large CSV")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    large = args.out / f"ekspor-{args.megabytes}mb.csv"
    small = args.out / f"ekspor-{args.megabytes}mb-1pct.csv"
    if not large.exists() or not small.exists():
        rows = _write(large, args.megabytes * 1_000_000)
        _write(small, args.megabytes * 10_000)
        print(f"wrote {large} ({rows} rows)")
    for path in (small, large):
        result = _child("_read", str(path))
        print(
            f"read {path.name} ({path.stat().st_size / 1e6:.0f} MB): {result['rows']} rows "
            f"in {result['seconds']} s, peak RSS {_mb(result['maxrss'])}"
        )
    if args.ingest:
        result = _ingest(large, args.out / "csv-memory.sqlite", workers=2)
        print(
            f"ingest {large.name} with 2 workers: {result['new']} articles in "
            f"{result['seconds']} s ({result['articles_per_s']} articles/s), peak RSS "
            f"{_mb(result['peak_rss_tree'])} (all processes; largest one "
            f"{_mb(result['peak_rss_process'])})"
        )


def _write(path: Path, size: int) -> int:
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["judul", "isi_berita", "tanggal", "tautan", "sumber"])
        for article in generate(10**9, seed=16):
            writer.writerow(
                [
                    article.title,
                    article.text,
                    _indonesian_date(article.published, rows),
                    f"https://berita.example/{article.doc}",
                    article.outlet,
                ]
            )
            rows += 1
            if out.tell() >= size:
                return rows
    return rows


def _indonesian_date(iso: str, index: int) -> str:
    year, month, day = (iso.split("-") + ["1", "1"])[:3]
    return f"{_DAYS[index % 7]}, {int(day)} {_MONTHS.split()[int(month) - 1]} {year}"


def _child(step: str, path: str) -> dict[str, float]:
    command = [sys.executable, str(Path(__file__).resolve()), step, path]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def _child_read(path: str) -> None:
    from quotedb.ingest.inputs import ArticleInput, iter_inputs

    started = time.perf_counter()
    rows = sum(isinstance(item, ArticleInput) for item in iter_inputs([path]))
    seconds = round(time.perf_counter() - started, 1)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(json.dumps({"rows": rows, "seconds": seconds, "maxrss": maxrss}))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_read":
        _child_read(sys.argv[2])
    else:
        main()
