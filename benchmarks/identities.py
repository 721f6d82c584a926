"""How deciding identities scales: `refresh_identities` on archives of growing size.

    python benchmarks/identities.py                      # 10,000 to 100,000 speakers
    python benchmarks/identities.py --speakers 20000     # one size
    python benchmarks/identities.py --postgres URL       # on PostgreSQL too

An archive of N invented people (three-word names from coined syllables, each quoted ten
times on average under one of 200 roles, a quarter of them also quoted by their first word
alone, half of those given that short form as an alias) is written with the bulk writer,
with about 10 N quotes; then the identities are decided from scratch (every speaker its own
identity until then) and decided again with nothing new (what every later ingest pays). It
prints, per size: speakers, quotes, identities, the seconds of both refreshes, and the most
memory Python allocated during a third (tracemalloc: the resolver holds the speakers, their
roles and aliases in memory, not the quotes).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from quotedb.identity.identities import refresh_identities
from quotedb.store.database import open_database
from quotedb.store.keys import normalise_key, sha256_text
from quotedb.store.rows import ArticleData, QuoteData
from quotedb.store.writer import BulkWriter

SYLLABLES = ("ka", "ri", "su", "to", "la", "me", "ni", "wa", "da", "yo", "pe", "ra", "gu", "so")
ROLES = 200
QUOTES_PER_PERSON = 10
QUOTES_PER_ARTICLE = 8
BATCH = 1000


def coined(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def articles(people: int, seed: int = 7) -> list[ArticleData]:
    rng = random.Random(seed)
    roles = [f"Kepala Dinas {coined(rng)}" for _ in range(ROLES)]
    names = {" ".join(coined(rng) for _ in range(3)) for _ in range(people)}
    said: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []
    for name in sorted(names):
        role = rng.choice(roles)
        short = name.split()[0]
        alias = ((short, normalise_key(short)),) if rng.random() < 0.5 else ()
        said += [(name, role, alias)] * QUOTES_PER_PERSON
        if rng.random() < 0.25:
            said += [(short, role, ())] * 2
    rng.shuffle(said)
    found = []
    for start in range(0, len(said), QUOTES_PER_ARTICLE):
        chunk = said[start : start + QUOTES_PER_ARTICLE]
        text = f"Artikel {start}: " + " ".join(f"kata {who}." for who, _, _ in chunk)
        quotes = tuple(
            QuoteData(
                *("kata", "direct", "kata", 0, 4, who, 0, None, None, None, None, None, None),
                *(who, "person", normalise_key(who), role, normalise_key(role), alias, "kata"),
            )
            for who, role, alias in chunk
        )
        article = (text, sha256_text(text), f"a{start}", f"a{start}", None, "2025-10-01")
        found.append(ArticleData(*article, None, None, None, "bench", quotes))
    return found


def run(url: str, people: int) -> None:
    engine = open_database(url)
    writer = BulkWriter(engine)
    stored = articles(people)
    for start in range(0, len(stored), BATCH):
        writer.write(stored[start : start + BATCH])
    quotes = sum(len(a.quotes) for a in stored)
    del stored
    began = time.perf_counter()
    first = refresh_identities(engine)
    middle = time.perf_counter()
    refresh_identities(engine)
    done = time.perf_counter()
    tracemalloc.start()
    refresh_identities(engine)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    engine.dispose()
    print(
        f"{first.speakers:>8,} speakers {quotes:>10,} quotes {len(first.groups):>8,} identities"
        f"  first refresh {middle - began:6.2f} s  again {done - middle:6.2f} s"
        f"  memory at most {peak:,.0f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--speakers", type=int, action="append", help="people (repeatable)")
    parser.add_argument("--postgres", help="also on this server (a database URL)")
    args = parser.parse_args()
    sizes = args.speakers or [10_000, 30_000, 100_000]
    with tempfile.TemporaryDirectory() as folder:
        for people in sizes:
            print(f"SQLite, {people:,} people:", end=" ", flush=True)
            run(f"sqlite:///{Path(folder) / f'id{people}.sqlite'}", people)
    if args.postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from backends import POSTGRES_ENV_VAR, postgres_database

        os.environ[POSTGRES_ENV_VAR] = args.postgres
        for people in sizes:
            with postgres_database() as url:
                print(f"PostgreSQL, {people:,} people:", end=" ", flush=True)
                run(url, people)


if __name__ == "__main__":
    main()
