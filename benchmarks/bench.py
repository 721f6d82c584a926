"""quotedb at archive scale: ingest speed, memory, database size and who-said latency.

    python benchmarks/bench.py --articles 100000     # the full run (about half an hour on 2 cores)
    python benchmarks/bench.py --quick               # a smoke run, well under a minute

On one generated corpus (benchmarks/corpus.py: N articles of ~3 KB with ~8 quotes each) it
prints:

- floor: the least an ingest can do, one regex pass for quoted spans and sqlite3
  `executemany` in WAL mode, thousands of articles per transaction;
- extract-only: the parser alone, in one process (articles/s, quotes/s);
- ingest with 1 and 2 workers into a new SQLite file: articles/s and quotes/s end to end
  (`quotedb.ingest.pipeline.ingest` in a child process, as `quotedb ingest` runs it), the ratio
  to the floor, peak memory (resident set of the whole process tree, sampled from /proc:
  the ingesting process, the fork server and the parser workers), and the database size;
- who-said at about a million quotes (`--quotes`): a database built with the bulk writer from
  the generator's own quotes (no parser: the fast path), then `who_said` in-process over a set
  of phrases taken from stored quotes, twice: the first pass reads what the operating system
  no longer caches from disk (p50, p95, max), the second finds it in memory (p50, p95); and
  `quotedb who-said` as a command (wall time of the whole process);
- PostgreSQL, only with `--postgres URL` (a server whose user may create databases; the
  benchmark makes its own `quotedb_bench_*` databases): ingest with 2 workers, four
  `quotedb ingest` processes at once on quarters of the corpus (then checks every article is
  stored once), and who-said over the same phrases on a database of the same quotes.

Corpora and the who-said database are kept in `--out` (default benchmarks/out) and reused
by later runs with the same parameters; ingest databases are made anew each time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate, generate_article, write_jsonl  # noqa: E402

FLOOR_BATCH = 2000
STEPS = ("floor", "extract", "ingest", "who-said")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_ingest":
        _child_ingest(sys.argv[2:])
        return
    args = _arguments()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"command": " ".join(["python", *sys.argv])}
    print(_header(args))

    corpus = out / f"corpus-{args.articles}-s{args.seed}-{args.size}b-{args.per_article}q.jsonl"
    started = time.perf_counter()
    if not corpus.exists() or args.fresh:
        partial = corpus.with_suffix(".part")
        articles = generate(args.articles, seed=args.seed, size=args.size, quotes=args.per_article)
        write_jsonl(partial, articles)
        partial.replace(corpus)
    made = time.perf_counter() - started
    size_mb = corpus.stat().st_size / 1e6
    _line("corpus", f"{args.articles:,} articles, {size_mb:,.0f} MB ({corpus.name}, {made:.1f} s)")
    report["corpus_mb"] = round(size_mb, 1)

    floor_rate = 0.0
    if "floor" in args.steps:
        floor = _floor(corpus, out / "floor.sqlite")
        floor_rate = floor.rate
        _line(
            "floor",
            f"{floor.rate:,.0f} articles/s ({floor.quotes / floor.seconds:,.0f} quoted spans/s; "
            f"regex + sqlite3 executemany, WAL, {FLOOR_BATCH} articles per transaction)",
        )
        report["floor_articles_per_s"] = round(floor.rate)

    if "extract" in args.steps:
        sample = min(args.articles, args.extract_sample)
        extract = _extract_only(corpus, sample, args)
        _line(
            "extract-only",
            f"{extract['articles_per_s']:,.0f} articles/s, "
            f"{extract['quotes_per_s']:,.0f} quotes/s (1 process, first {sample:,} articles; "
            f"it found {extract['found']:,} quotes, "
            f"{extract['overlap']:.0%} of them on a template quote)",
        )
        report["extract"] = extract

    cores = _cores()
    for workers in args.workers if "ingest" in args.steps else []:
        result = _ingest(corpus, out / f"ingest-w{workers}.sqlite", workers)
        ratio = result["articles_per_s"] / floor_rate if floor_rate else 0.0
        _line(
            f"ingest w={workers}",
            f"{result['articles_per_s']:,.0f} articles/s, {result['quotes_per_s']:,.0f} quotes/s "
            f"({result['new']:,} articles in {result['seconds']:.1f} s; "
            f"{ratio:.2f} of the floor); peak RSS {_mb(result['peak_rss_tree'])} "
            f"(all processes; largest one {_mb(result['peak_rss_process'])}); "
            f"database {_mb(result['db_bytes'])}",
        )
        if result["cpu_seconds"] and result["new"]:
            cpu_ms = result["cpu_seconds"] / result["new"] * 1000
            _line(
                "",
                f"CPU {cpu_ms:.2f} ms per article, all processes together; at that cost "
                f"{cores} fully busy cores ingest at most {cores / cpu_ms * 1000:,.0f} articles/s",
            )
            result["cpu_ms_per_article"] = round(cpu_ms, 3)
        result["floor_ratio"] = round(ratio, 3)
        report[f"ingest_w{workers}"] = result
        if not args.keep:
            _remove_db(out / f"ingest-w{workers}.sqlite")

    if "who-said" in args.steps:
        searched = _who_said(out, args)
        _line(
            "who-said",
            f"{searched['quotes']:,} quotes ({_mb(searched['db_bytes'])}; bulk writer "
            f"{searched['writer_articles_per_s']:,.0f} articles/s, "
            f"{searched['writer_quotes_per_s']:,.0f} quotes/s): in-process over "
            f"{searched['phrases']} phrases, first pass p50 {searched['p50_ms']:.1f} ms, "
            f"p95 {searched['p95_ms']:.1f} ms, max {searched['max_ms']:.1f} ms; "
            f"again p50 {searched['warm_p50_ms']:.1f} ms, p95 {searched['warm_p95_ms']:.1f} ms",
        )
        _line(
            "who-said CLI",
            f"p50 {searched['cli_p50_s']:.2f} s, max {searched['cli_max_s']:.2f} s wall "
            f"({searched['cli_runs']} runs of `quotedb who-said PHRASE --db FILE --format json`)",
        )
        report["who_said"] = searched

    if args.postgres:
        report["postgresql"] = _postgresql(corpus, out, args, floor_rate)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size")
    parser.add_argument("--quotes", type=int, default=1_000_000, help="who-said database size")
    parser.add_argument("--quick", action="store_true", help="a smoke run of well under a minute")
    parser.add_argument("--workers", default="1,2", help="worker counts to ingest with")
    parser.add_argument("--extract-sample", type=int, default=5000, help="articles for extract")
    parser.add_argument("--phrases", type=int, default=60, help="who-said phrases to time")
    parser.add_argument("--cli-runs", type=int, default=10, help="who-said command runs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=3000, help="average article characters")
    parser.add_argument("--per-article", type=int, default=8, help="average quotes per article")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="working folder")
    parser.add_argument(
        "--postgres", help="also measure on this PostgreSQL server (a URL; needs CREATEDB)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the ingest databases")
    parser.add_argument("--fresh", action="store_true", help="rebuild corpus and who-said db")
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help=f"which measurements, of {','.join(STEPS)} (default: all)",
    )
    args = parser.parse_args()
    args.steps = {step.strip() for step in args.steps.split(",") if step.strip()}
    if unknown := args.steps - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    if args.quick:
        args.articles = min(args.articles, 1500)
        args.quotes = min(args.quotes, 50_000)
        args.extract_sample = min(args.extract_sample, 300)
        args.phrases = min(args.phrases, 20)
        args.cli_runs = min(args.cli_runs, 3)
    args.workers = [int(w) for w in str(args.workers).split(",") if w.strip()]
    return args


def _header(args: argparse.Namespace) -> str:
    return (
        f"quotedb benchmark: {args.articles:,} articles (seed {args.seed}, ~{args.size:,} "
        f"characters, ~{args.per_article} quotes each); {_cores()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _line(label: str, text: str) -> None:
    print(f"{label:<14}{text}", flush=True)


def _mb(value: object) -> str:
    if not isinstance(value, int | float) or value <= 0:
        return "n/a"
    return f"{value / 1e6:,.0f} MB"


def _articles(corpus: Path) -> Iterator[dict[str, str]]:
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- the floor ---------------------------------------------------------------------------------


@dataclass
class Floor:
    seconds: float
    articles: int
    quotes: int

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def _floor(corpus: Path, path: Path) -> Floor:
    """One regex pass for quoted spans, then sqlite3 executemany, batches per transaction."""
    import hashlib

    import regex

    quoted = regex.compile(r'"([^"\n]{1,3000})"|“([^”\n]{1,3000})”')
    _remove_db(path)
    started = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(
        "CREATE TABLE sources (id INTEGER PRIMARY KEY, body TEXT NOT NULL, "
        "sha256 TEXT NOT NULL UNIQUE, uri TEXT, title TEXT, published TEXT)"
    )
    conn.execute(
        "CREATE TABLE quotes (id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, "
        'text TEXT NOT NULL, "start" INTEGER, "end" INTEGER)'
    )
    articles = quotes = 0
    sources: list[tuple[object, ...]] = []
    spans: list[tuple[object, ...]] = []

    def flush() -> None:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)", sources)
        conn.executemany(
            'INSERT INTO quotes (source_id, text, "start", "end") VALUES (?, ?, ?, ?)', spans
        )
        conn.execute("COMMIT")
        sources.clear()
        spans.clear()

    for record in _articles(corpus):
        articles += 1
        text = record["text"]
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        meta = (record.get("url"), record.get("title"), record.get("date"))
        sources.append((articles, text, sha, *meta))
        for match in quoted.finditer(text):
            group = 1 if match.group(1) is not None else 2
            spans.append((articles, match.group(group), match.start(group), match.end(group)))
            quotes += 1
        if len(sources) >= FLOOR_BATCH:
            flush()
    flush()
    conn.close()
    seconds = time.perf_counter() - started
    _remove_db(path)
    return Floor(seconds, articles, quotes)


# --- extract-only ------------------------------------------------------------------------------


def _extract_only(corpus: Path, sample: int, args: argparse.Namespace) -> dict[str, float]:
    from quotedb import extract

    texts = []
    for record in _articles(corpus):
        texts.append(record["text"])
        if len(texts) >= sample:
            break
    extract(texts[0])  # load the lexicons outside the timing
    started = time.perf_counter()
    results = [extract(text).quotes for text in texts]
    seconds = time.perf_counter() - started
    found = sum(len(quotes) for quotes in results)
    overlap = 0
    for index, quotes in enumerate(results):
        template = generate_article(index, seed=args.seed, size=args.size, quotes=args.per_article)
        spans = [(q.start, q.end) for q in template.quotes]
        overlap += sum(any(s < q.end and q.start < e for s, e in spans) for q in quotes)
    return {
        "articles": len(texts),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds, 1),
        "quotes_per_s": round(found / seconds, 1),
        "found": found,
        "overlap": round(overlap / found, 3) if found else 0.0,
    }


# --- ingest, in a child process, with its memory sampled -----------------------------------------


def _ingest(corpus: Path, db: Path | str, workers: int) -> dict[str, float]:
    if isinstance(db, Path):
        _remove_db(db)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "_ingest",
        str(corpus),
        str(db),
        str(workers),
    ]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    sampler = _TreeSampler(child.pid)
    sampler.start()
    output, _ = child.communicate()
    sampler.stop()
    if child.returncode != 0:
        raise SystemExit(f"ingest with {workers} workers failed (exit {child.returncode})")
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_tree"] = sampler.peak_tree or result["maxrss_self"]
    result["peak_rss_process"] = sampler.peak_process or result["maxrss_self"]
    result["cpu_seconds"] = round(sampler.cpu_seconds, 1)
    if isinstance(db, Path):
        result["db_bytes"] = sum(
            Path(f"{db}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{db}{suffix}").exists()
        )
    return result


def _child_ingest(argv: list[str]) -> None:
    import resource

    from quotedb.config import resolve_db_url
    from quotedb.ingest.pipeline import ingest

    corpus, db, workers = argv[0], argv[1], int(argv[2])
    started = time.perf_counter()
    report = ingest([corpus], resolve_db_url(db), workers=workers)
    seconds = time.perf_counter() - started
    if report.failures:
        print(f"{report.failed} failures, first: {report.failures[0].message}", file=sys.stderr)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    result = {
        "workers": workers,
        "seconds": round(seconds, 2),
        "new": report.new,
        "failed": report.failed,
        "quotes": report.quotes_added,
        "articles_per_s": round(report.new / seconds, 1),
        "quotes_per_s": round(report.quotes_added / seconds, 1),
        "maxrss_self": maxrss * scale,
    }
    print(json.dumps(result))


class _TreeSampler(threading.Thread):
    """Samples the resident memory and CPU time of a process and all its descendants (Linux
    /proc). Worker processes started by a fork server are not children of the ingesting
    process, so `getrusage` would not count their CPU: the last time seen of each is kept."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak_tree = 0
        self.peak_process = 0
        self._cpu: dict[int, float] = {}
        self._done = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        """CPU time (user and system) of every process of the tree, as last sampled."""
        return sum(self._cpu.values())

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        if not Path("/proc/self/status").exists():
            return
        while not self._done.is_set():
            tree = self._tree()
            sizes = [_rss(pid) for pid in tree]
            self.peak_tree = max(self.peak_tree, sum(sizes))
            self.peak_process = max([self.peak_process, *sizes])
            for pid in tree:
                seconds = _cpu_seconds(pid)
                if seconds is not None:
                    self._cpu[pid] = seconds
            self._done.wait(self.interval)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
        found, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, ()))
        return found


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # utime, stime


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# --- who-said at a million quotes -------------------------------------------------------------


def _who_said(out: Path, args: argparse.Namespace) -> dict[str, float]:
    count, seed = _search_db_size(args)  # another corpus than the one ingested
    path = _search_db_path(out, args)
    info = path.with_suffix(".json")
    from quotedb.store.database import HEAD_REVISION

    kept = json.loads(info.read_text(encoding="utf-8")) if info.exists() else {}
    if args.fresh or not path.exists() or kept.get("schema") != HEAD_REVISION:
        _remove_db(path)  # new, or made by a quotedb with another schema
        built = _build_search_db(str(path), count, seed, args)
        info.write_text(json.dumps({**built, "schema": HEAD_REVISION}), encoding="utf-8")
    built = json.loads(info.read_text(encoding="utf-8"))
    del built["schema"]
    phrases = _phrases(path, args.phrases, args.seed)

    from quotedb.config import resolve_db_url

    timings = _time_who_said(resolve_db_url(str(path)), phrases)

    command = _quotedb_command()
    walls = []
    for phrase in phrases[: args.cli_runs]:
        started = time.perf_counter()
        subprocess.run(
            [*command, "who-said", phrase, "--db", str(path), "--format", "json"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        walls.append(time.perf_counter() - started)
    return {
        **built,
        "db_bytes": path.stat().st_size,
        "phrases": len(phrases),
        **timings,
        "cli_runs": len(walls),
        "cli_p50_s": round(statistics.median(walls), 3),
        "cli_max_s": round(max(walls), 3),
    }


def _search_db_path(out: Path, args: argparse.Namespace) -> Path:
    count, seed = _search_db_size(args)
    return out / f"whosaid-{count}-s{seed}-{args.size}b-{max(1, args.per_article)}q.sqlite"


def _search_db_size(args: argparse.Namespace) -> tuple[int, int]:
    """How many articles the who-said database holds, and the seed they are generated from."""
    per_article = max(1, args.per_article)
    return max(1, round(args.quotes / per_article)), args.seed + 1000


def _time_who_said(url: str, phrases: list[str]) -> dict[str, float]:
    """Milliseconds of `who_said` over `phrases`: p50, p95 and max of a first pass (pages
    partly on disk), p50 and p95 of a second (in memory)."""
    from quotedb.store.reading import who_said
    from quotedb.store.readonly import open_readonly

    engine = open_readonly(url)
    who_said(engine, "pemanasan mesin")  # connect and load modules outside the timing
    passes: list[list[float]] = []
    for _ in range(2):
        times = []
        for phrase in phrases:
            started = time.perf_counter()
            who_said(engine, phrase)
            times.append(time.perf_counter() - started)
        passes.append(sorted(times))
    engine.dispose()
    times, warm = passes
    return {
        "p50_ms": _ms(statistics.median(times)),
        "p95_ms": _ms(_p95(times)),
        "max_ms": _ms(times[-1]),
        "warm_p50_ms": _ms(statistics.median(warm)),
        "warm_p95_ms": _ms(_p95(warm)),
    }


def _p95(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _quotedb_command() -> list[str]:
    script = Path(sys.executable).with_name("quotedb")
    if script.exists():
        return [str(script)]
    found = shutil.which("quotedb")
    return [found] if found else [sys.executable, "-m", "quotedb"]


def _template_parsed(index_seed: tuple[int, int, int, int]) -> object:
    """Article `index` and its template quotes, ready for the bulk writer (no parser)."""
    from quotedb.ingest.inputs import ArticleInput
    from quotedb.ingest.workers import prepare
    from quotedb.records import ArticleMeta, Extraction, Quote

    index, seed, size, per_article = index_seed
    article = generate_article(index, seed=seed, size=size, quotes=per_article)
    quotes = tuple(
        Quote(
            start=q.start,
            end=q.end,
            text=article.text[q.start : q.end],
            kind=q.kind,  # type: ignore[arg-type]
            cue=q.cue,
            cue_span=None,
            speaker=q.speaker,
            speaker_type=q.speaker_type,  # type: ignore[arg-type]
            mention=None,
            mention_span=None,
            role=q.role,
            role_span=None,
            paragraph=q.paragraph,
        )
        for q in article.quotes
    )
    given = ArticleInput(
        doc=article.doc,
        text=article.text,
        uri=f"https://berita.example/{article.doc}",
        title=article.title,
        published=article.published,
        outlet=article.outlet,
    )
    return prepare(given, Extraction(ArticleMeta(), quotes), "template")


def _build_search_db(url: str, count: int, seed: int, args: argparse.Namespace) -> dict[str, float]:
    """`count` generated articles with their template quotes, through `BulkWriter`."""
    from multiprocessing import get_context

    from quotedb.config import resolve_db_url
    from quotedb.ingest.workers import Parsed
    from quotedb.store.database import open_database
    from quotedb.store.writer import BulkWriter

    writer = BulkWriter(open_database(resolve_db_url(url)))
    jobs = ((index, seed, args.size, args.per_article) for index in range(count))
    batch: list[Parsed] = []
    quotes = 0
    writing = 0.0
    started = time.perf_counter()
    # One generating process, so the writer has a core to itself (as in an ingest).
    with get_context("spawn" if sys.platform != "linux" else "forkserver").Pool(1) as pool:
        for parsed in pool.imap(_template_parsed, jobs, chunksize=64):
            assert isinstance(parsed, Parsed)
            batch.append(parsed)
            quotes += len(parsed.quotes)
            if len(batch) >= 1000:
                began = time.perf_counter()
                writer.write(batch)
                writing += time.perf_counter() - began
                batch = []
    began = time.perf_counter()
    writer.write(batch)
    writing += time.perf_counter() - began
    return {
        "articles": count,
        "quotes": quotes,
        "build_seconds": round(time.perf_counter() - started, 1),
        "writer_articles_per_s": round(count / writing, 1),
        "writer_quotes_per_s": round(quotes / writing, 1),
    }


def _phrases(path: Path, count: int, seed: int) -> list[str]:
    """Phrases people would look up: 2 to 5 words from stored quotes, and a few single words."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    highest = conn.execute("SELECT max(id) FROM quotes").fetchone()[0]
    phrases = []
    while len(phrases) < count - 3:
        row = conn.execute("SELECT text FROM quotes WHERE id = ?", (rng.randint(1, highest),))
        words = row.fetchone()[0].split()
        size = rng.choice((2, 3, 3, 4, 5))
        start = rng.randint(0, max(0, len(words) - size))
        phrases.append(" ".join(words[start : start + size]).strip('",.'))
    conn.close()
    return [*phrases, "warga", "kami", "perahu karet"]


# --- PostgreSQL ---------------------------------------------------------------------------------


def _postgresql(
    corpus: Path, out: Path, args: argparse.Namespace, floor: float
) -> dict[str, object]:
    """Ingest with 2 workers; four ingests at once; who-said on the who-said step's quotes."""
    server = args.postgres
    result: dict[str, object] = {}
    ingest_db = _new_pg_database(server, "quotedb_bench_ingest")
    ingested = _ingest(corpus, ingest_db, 2)
    ratio = ingested["articles_per_s"] / floor if floor else 0.0
    _line(
        "pg ingest w=2",
        f"{ingested['articles_per_s']:,.0f} articles/s, {ingested['quotes_per_s']:,.0f} quotes/s "
        f"({ingested['new']:,} articles in {ingested['seconds']:.1f} s; {ratio:.2f} of the floor); "
        f"peak RSS {_mb(ingested['peak_rss_tree'])} (quotedb's processes, not the server's)",
    )
    result["ingest_w2"] = ingested

    together_db = _new_pg_database(server, "quotedb_bench_together")
    together = _ingest_together(corpus, out, together_db, processes=4)
    _line(
        "pg 4 ingests",
        f"{together['articles_per_s']:,.0f} articles/s together ({together['processes']} "
        f"`quotedb ingest --workers 1` at once on quarters of the corpus, one quarter given to "
        f"two of them); {together['sources']:,} sources for {together['articles']:,} articles, "
        f"{together['duplicate_speakers']} duplicate speakers",
    )
    result["four_ingests"] = together

    if "who-said" in args.steps:
        count, seed = _search_db_size(args)
        search_db = _new_pg_database(server, "quotedb_bench_search")
        built = _build_search_db(search_db, count, seed, args)
        phrases = _phrases(_search_db_path(out, args), args.phrases, args.seed)
        searched = {**built, **_time_who_said(search_db, phrases)}
        _line(
            "pg who-said",
            f"{built['quotes']:,} quotes (bulk writer {built['writer_articles_per_s']:,.0f} "
            f"articles/s): p50 {searched['p50_ms']:.1f} ms, p95 {searched['p95_ms']:.1f} ms; "
            f"again p50 {searched['warm_p50_ms']:.1f} ms, p95 {searched['warm_p95_ms']:.1f} ms",
        )
        result["who_said"] = searched
    if not args.keep:
        for name in ("quotedb_bench_ingest", "quotedb_bench_together", "quotedb_bench_search"):
            _drop_pg_database(server, name)
    return result


def _new_pg_database(server: str, name: str) -> str:
    """The URL of database `name` on `server`, made anew (empty)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from quotedb.config import resolve_db_url

    url = make_url(resolve_db_url(server))
    _drop_pg_database(server, name)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(server: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    from quotedb.config import resolve_db_url

    admin = create_engine(resolve_db_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _ingest_together(corpus: Path, out: Path, url: str, processes: int) -> dict[str, float]:
    """`processes` ingests at once, each on its own quarter of `corpus` (the first quarter
    also given to the second process, so two of them race for the same articles)."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    share = -(-len(lines) // processes)
    parts = []
    for index in range(processes):
        part = out / f"together-{index}.jsonl"
        part.write_text("".join(lines[index * share : (index + 1) * share]), encoding="utf-8")
        parts.append(part)
    inputs = [[part] for part in parts]
    inputs[1].append(parts[0])
    command = _quotedb_command()
    started = time.perf_counter()
    runs = [
        subprocess.Popen(
            [*command, "ingest", *map(str, paths), "--db", url, "--workers", "1"],
            stdout=subprocess.DEVNULL,
        )
        for paths in inputs
    ]
    if any(run.wait() != 0 for run in runs):
        raise SystemExit("one of the concurrent PostgreSQL ingests failed")
    seconds = time.perf_counter() - started
    for part in parts:
        part.unlink()

    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        sources = conn.execute(text("SELECT count(DISTINCT sha256), count(*) FROM sources")).one()
        speakers = conn.execute(
            text("SELECT count(*) - count(DISTINCT name_key) FROM speakers")
        ).scalar_one()
    engine.dispose()
    if sources[0] != sources[1] or sources[1] != len(lines):
        raise SystemExit(
            f"concurrent ingests stored {sources[1]} sources for {len(lines)} articles"
        )
    return {
        "processes": processes,
        "articles": len(lines),
        "sources": sources[1],
        "duplicate_speakers": speakers,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(lines) / seconds, 1),
    }


if __name__ == "__main__":
    main()
