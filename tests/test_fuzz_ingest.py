"""Property tests over the whole ingest path: files of random text and random JSON Lines, in
random encodings, read, parsed by the real parser and stored.

Whatever the input, `ingest` returns a report (it never raises), every input the loader reads
is accounted for once (new, already stored, repeated in the input or failed, and reported in
order), and every stored quote is exactly `body[start:end]` of its source, with a search row.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from quotedb.errors import QuotedbError
from quotedb.ingest.inputs import iter_inputs
from quotedb.ingest.pipeline import ingest
from quotedb.store.database import open_database
from quotedb.store.keys import normalise_key
from quotedb.store.reading import who_said

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

QUOTE_MARKS = ['"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e", "'", "\u2018", "\u2019"]
WORDS = [
    "kata",
    "ujar",
    "tutur",
    "mengatakan",
    "menurut",
    "bahwa",
    "Menteri",
    "Kepala Dinas",
    "Rina Wulandari",
    "Bagus",
    "ia",
    "warga",
    "date 2024-05",
    "JAKARTA -",
    "(ANTARA)",
    ",",
    ".",
    ":",
    "—",
    " ",
    "  ",
    "\t",
]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u2028", "\x85"]

PLAIN = ["harga", "beras", "naik", "kami", "akan", "memperbaiki", "jalan", "itu", "10%", "ke-2"]
NAMES = [
    "Rina Wulandari",
    "Menteri Keuangan Sri Handayani",
    "Bagus",
    "seorang warga",
    "ia",
    "Kepala Dinas Perikanan Yoga Pratama",
    "juru bicara Polda",
]
CUES = ["kata", "ujar", "tutur", "jelas", "ungkap", "menurut"]

said = st.lists(st.sampled_from(PLAIN) | st.text(max_size=6), min_size=1, max_size=8).map(" ".join)
marks = st.sampled_from(QUOTE_MARKS)
names = st.sampled_from(NAMES)
cues = st.sampled_from(CUES)
# Shapes the parser reads as quotes, with random marks (not always matching) and random text
# inside, so that many examples store quotes whose offsets can be checked.
direct_after = st.builds("{}{},{} {} {}.".format, marks, said, marks, cues, names)
direct_before = st.builds("{} mengatakan, {}{}.{}".format, names, marks, said, marks)
indirect = st.builds("{} mengatakan bahwa {}.".format, names, said)
fragments = st.one_of(
    direct_after,
    direct_before,
    indirect,
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(WORDS),
    st.sampled_from(LINE_ENDS),
    st.text(max_size=12),  # any Unicode: combining marks, emoji, right-to-left, controls
)
texts = st.lists(fragments, max_size=60).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "windows-1252", "latin-1"])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    return open_database(f"sqlite:///{folder / 'fuzz.sqlite'}"), folder


_names = itertools.count()


def check_stored(db: Path, since: int) -> None:
    """Offsets index the body, and the search index has each quote, for new sources."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            'SELECT s.body, q."start", q."end", q.text, '
            "(SELECT count(*) FROM quote_search WHERE rowid = q.id) "
            "FROM quotes q JOIN sources s ON s.id = q.source_id WHERE s.id > ?",
            (since,),
        ).fetchall()
        for body, start, end, text, indexed in rows:
            assert body[start:end] == text
            assert indexed == 1


def sources_since(db: Path, since: int) -> int:
    with sqlite3.connect(db) as conn:
        return int(
            conn.execute("SELECT count(*) FROM sources WHERE id > ?", (since,)).fetchone()[0]
        )


def last_source(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM sources").fetchone()[0])


def run(engine: Engine, paths: list[Path]) -> None:
    db = Path(str(engine.url.database))
    since = last_source(db)
    names = [str(path) for path in paths]
    # What the loader makes of the paths: every one of these inputs is reported once.
    read = list(iter_inputs(names))
    for path in paths:
        if path.suffix == ".txt":  # a text file is one article, or one failure
            assert len(list(iter_inputs([str(path)]))) == 1
    handled: list[object] = []
    report = ingest(names, engine, workers=1, progress=lambda item, _: handled.append(item))
    # A parser crash would be an ordinary failure here; the parser's own property tests hunt
    # for those. What must hold is that nothing escapes and the database stays sound.
    assert report.new + report.present + report.repeated + report.failed == len(read)
    assert handled == read
    assert sources_since(db, since) == report.new
    for failure in report.failures:
        assert "\n" not in failure.message
    check_stored(db, since)


@SETTINGS
@given(text=texts, encoding=encodings, bom=st.booleans())
def test_random_text_files(store: tuple[Engine, Path], text: str, encoding: str, bom: bool) -> None:
    engine, folder = store
    path = folder / f"teks-{next(_names)}.txt"
    data = text.encode(encoding, errors="replace")
    path.write_bytes((b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b"") + data)
    run(engine, [path])


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes(store: tuple[Engine, Path], data: bytes) -> None:
    engine, folder = store
    number = next(_names)
    (folder / f"acak-{number}.txt").write_bytes(data)
    (folder / f"acak-{number}.jsonl").write_bytes(data)
    run(engine, [folder / f"acak-{number}.txt", folder / f"acak-{number}.jsonl"])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["text", "id", "title", "date", "url", "x"]), children)
    ),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "id": st.one_of(st.text(max_size=10), st.integers(), json_values),
        "title": st.one_of(texts, json_values),
        "date": st.one_of(st.text(max_size=10), json_values),
        "url": st.one_of(st.text(max_size=20), json_values),
        "outlet": json_values,
        "agency": json_values,
        "content": json_values,
    },
)
lines = st.one_of(
    records.map(lambda r: json.dumps(r, ensure_ascii=False)),
    records.map(json.dumps),  # \\u escapes, lone surrogates included
    json_values.map(json.dumps),
    texts,  # not JSON at all
    st.sampled_from(["", " ", "{", "}", "[]", "{}", '{"text": ""}', '{"text": "\\ud800"}']),
)


@SETTINGS
@given(
    body=st.lists(lines, max_size=8),
    line_end=st.sampled_from(["\n", "\r\n"]),
    encoding=st.sampled_from(["utf-8", "windows-1252"]),
)
def test_random_json_lines(
    store: tuple[Engine, Path], body: list[str], line_end: str, encoding: str
) -> None:
    engine, folder = store
    path = folder / f"umpan-{next(_names)}.jsonl"
    # Lines are written whole: a line end inside a text is a JSON escape, never a raw one.
    content = line_end.join(line.replace("\r", " ").replace("\n", " ") for line in body)
    path.write_bytes(content.encode(encoding, errors="replace"))
    run(engine, [path])


# NUL and lone surrogates are the xfail below.
phrases = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    max_size=15,
)


@SETTINGS
@given(phrase=phrases | st.sampled_from(['"', "%", "_", "*", "NEAR(", "'; --", '""', "^a"]))
def test_who_said_takes_any_phrase(store: tuple[Engine, Path], phrase: str) -> None:
    engine, _ = store
    needle = normalise_key(phrase)
    try:
        found = who_said(engine, phrase, limit=5)
    except QuotedbError:
        assert not needle  # only an empty phrase is refused
        return
    assert all(needle in normalise_key(row.quote) for row in found)


@pytest.mark.parametrize("phrase", ["kata\x00kata", "kata\udcffkata"], ids=["nul", "surrogate"])
def test_who_said_phrase_that_sqlite_cannot_take(store: tuple[Engine, Path], phrase: str) -> None:
    engine, _ = store
    assert who_said(engine, phrase) == []
