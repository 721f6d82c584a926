"""Bad input: every case gets one line naming the file (and line), the run goes on, every good
article is stored, and the exit status is 1 at the end. Bad queries are refused the same way.

The bad files are made here, in tmp_path, never committed. The real parser reads the good
articles; what is asserted about quotes holds for any parser (offsets index the stored body).
"""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import sqlite3
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from quotedb.cli import app
from quotedb.ingest import articles
from quotedb.ingest.inputs import ArticleInput, InputFailure, iter_inputs

runner = CliRunner()

GOOD = (
    "date 2024-07 Perahu Nelayan Kembali Melaut\n"
    "\n"
    "TEPI LAUT - Ratusan perahu nelayan kembali melaut setelah cuaca membaik.\n"
    "\n"
    '"Gelombang sudah turun, jadi kami berani berangkat," kata Ketua Koperasi Nelayan Yoga '
    "Pratama.\n"
)
SECOND = (
    "date 2024-08 Sumur Bor Baru untuk Kampung Kering\n"
    "\n"
    '"Air bersih kini mengalir ke tiga ratus rumah," ujar Camat Batu Gede Siti Anggraini.\n'
)
# Curly quotes and an accented letter: bytes 0x93, 0x94 and 0xe9 in Windows-1252.
WINDOWS_1252 = (
    "date 2024-09 Kafe Pelabuhan Dibuka\n"
    "\n"
    "\u201cKafé ini buka sampai malam untuk para nelayan,\u201d kata pemilik kafe Dewi Kusuma.\n"
)


def invoke(*args: str, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def stored(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def assert_offsets_index_the_body(db: Path) -> int:
    """Every stored quote is `body[start:end]` of its source; returns how many there are."""
    rows = stored(
        db,
        'SELECT s.body, q."start", q."end", q.text FROM quotes q JOIN sources s '
        "ON s.id = q.source_id",
    )
    for body, start, end, text in rows:
        assert body[start:end] == text
    return len(rows)


def only(items: list[ArticleInput | InputFailure]) -> ArticleInput | InputFailure:
    [item] = items
    return item


def failure_of(path: Path) -> str:
    item = only(list(iter_inputs([str(path)])))
    assert isinstance(item, InputFailure), item
    assert "\n" not in item.message
    return item.message


# --- one run with every kind of bad input ---------------------------------------------------


def test_a_run_full_of_bad_input_stores_every_good_article_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "01-baik.txt").write_text(GOOD, encoding="utf-8")
    (folder / "02-gambar.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "03-dokumen.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "04-arsip.txt").write_bytes(gzip.compress(GOOD.encode()))
    (folder / "05-kosong.txt").write_bytes(b"")
    (folder / "06-windows.txt").write_bytes(WINDOWS_1252.encode("windows-1252"))
    (folder / "07-nul.txt").write_bytes(b"Berita\x00rusak\n")
    (folder / "08-bom-crlf.txt").write_bytes(
        b"\xef\xbb\xbf" + SECOND.replace("\n", "\r\n").encode()
    )
    (folder / "09-umpan.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "umpan-1", "text": GOOD.replace("Ratusan", "Puluhan")}),
                '{"id": "rusak", "text": ',
                "[1, 2, 3]",
                json.dumps({"id": "tanpa-isi", "title": "Hanya judul"}),
                json.dumps({"id": "umpan-5", "content": SECOND.replace("tiga", "empat")}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    os.symlink(folder, folder / "putaran")  # a loop: the folder inside itself
    missing = tmp_path / "hilang.txt"
    db = tmp_path / "berita.sqlite"

    result = invoke(
        "ingest", str(folder), str(missing), str(folder / "01-baik.txt"), "--db", str(db)
    )

    assert result.exit_code == 1
    assert result.stdout.startswith(
        "5 articles new, 0 already stored, 0 repeated in the input, 9 failed; "
    )
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.output
    expected = [
        f"Error: {folder}/02-gambar.txt: not a text file (a PNG image)",
        f"Error: {folder}/03-dokumen.txt: not a text file (a PDF document)",
        f"Error: {folder}/04-arsip.txt: not a text file (a gzip archive)",
        f"Error: {folder}/05-kosong.txt: empty, no article text",
        f"Warning: {folder}/06-windows.txt: not UTF-8, decoded as windows-1252",
        f"Error: {folder}/07-nul.txt: not a text file (NUL byte at offset 6)",
        f"Error: {folder}/09-umpan.jsonl:2: not valid JSON",
        f"Error: {folder}/09-umpan.jsonl:3: not a JSON object",
        f"Error: {folder}/09-umpan.jsonl:4: no article text",
        f"Error: cannot read {missing}: no such file or directory",
    ]
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), (line, start)
    bodies = {body for (body,) in stored(db, "SELECT body FROM sources")}
    assert bodies == {
        GOOD,
        WINDOWS_1252,
        SECOND.replace("\n", "\r\n"),
        GOOD.replace("Ratusan", "Puluhan"),
        SECOND.replace("tiga", "empat"),
    }
    assert assert_offsets_index_the_body(db) >= 4


# --- paths -------------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.txt"
    assert failure_of(missing) == f"cannot read {missing}: no such file or directory"


def _permission_denied(path: Path) -> PermissionError:
    return PermissionError(13, "Permission denied", str(path))


def test_folder_without_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated, so that the test also means something when run as root."""
    locked = tmp_path / "terkunci"
    locked.mkdir()
    (locked / "rahasia.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "baik.txt").write_text(GOOD, encoding="utf-8")
    real_listdir = os.listdir

    def listdir(path: Any = ".") -> list[str]:
        if Path(path) == locked:
            raise _permission_denied(locked)
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", listdir)

    items = list(iter_inputs([str(tmp_path)]))

    assert [item.text for item in items if isinstance(item, ArticleInput)] == [GOOD]
    assert [item.message for item in items if isinstance(item, InputFailure)] == [
        f"cannot read {locked}: permission denied"
    ]


def test_file_without_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "terkunci.jsonl"
    locked.write_text(json.dumps({"text": GOOD}), encoding="utf-8")
    real_open = builtins.open

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise _permission_denied(locked)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)

    assert failure_of(locked) == f"cannot read {locked}: permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without permission")
def test_file_without_permission_for_real(tmp_path: Path) -> None:
    locked = tmp_path / "terkunci.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        assert failure_of(locked) == f"cannot read {locked}: permission denied"
    finally:
        locked.chmod(0o644)


def test_symlink_loops_end(tmp_path: Path) -> None:
    folder = tmp_path / "berita"
    (folder / "dalam").mkdir(parents=True)
    (folder / "dalam" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(folder, folder / "dalam" / "kembali")  # a folder loop
    os.symlink("b.txt", folder / "b.txt")  # a file that links to itself
    os.symlink("tidak-ada.txt", folder / "c.txt")  # a broken link

    items = list(iter_inputs([str(folder)]))

    assert [item.text for item in items if isinstance(item, ArticleInput)] == [GOOD]
    assert [item.message for item in items if isinstance(item, InputFailure)] == [
        f"cannot read {folder}/b.txt: too many levels of symbolic links",
        f"cannot read {folder}/c.txt: no such file or directory",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_folder_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipa.txt")  # reading it would block for ever

    assert failure_of(tmp_path) == f"cannot read {tmp_path}/pipa.txt: not a regular file"


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """Such a name reaches Python with lone surrogates, which cannot be stored: its doc and uri
    get U+FFFD instead, and the article is stored."""
    path = tmp_path / os.fsdecode(b"berita-\xff.txt")
    path.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "q.sqlite"

    article = only(list(iter_inputs([str(path)])))
    result = invoke("ingest", str(path), "--db", str(db))

    assert isinstance(article, ArticleInput)
    assert (article.doc, article.uri) == ("berita-\ufffd", f"{tmp_path}/berita-\ufffd.txt")
    assert result.exit_code == 0, result.output
    assert stored(db, "SELECT doc FROM sources") == [("berita-\ufffd",)]


def test_a_path_given_twice_is_read_once(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    same = [str(article), str(tmp_path), str(tmp_path / "*.txt"), f"{tmp_path}/./a.txt"]
    db = tmp_path / "q.sqlite"

    result = invoke("ingest", *same, str(article), "--db", str(db))

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "1 article new, 0 already stored, 0 repeated in the input, 0 failed; "
    )
    assert stored(db, "SELECT count(*) FROM sources") == [(1,)]


# --- text files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image", id="jpeg"),
        pytest.param(b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n", "a PDF document", id="pdf"),
        pytest.param(gzip.compress(b"berita"), "a gzip archive", id="gzip"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive or office document", id="docx"),
        pytest.param(b"SQLite format 3\x00\x10\x00", "an SQLite database", id="sqlite"),
        pytest.param(b"Berita\x00\x00\x00", "NUL byte at offset 6", id="nul"),
        pytest.param(bytes(range(1, 32)) * 20, "binary data", id="control-bytes"),
        pytest.param(b"\xff\xfe" + b"\x00\xd8" + b"A\x00", "not UTF-16 text", id="bad-utf16"),
    ],
)
def test_binary_files_are_refused_by_name(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "lampiran.txt"
    path.write_bytes(raw)

    message = failure_of(path)

    assert message.startswith(f"{path}: not ")
    assert reason in message


@pytest.mark.parametrize("raw", [b"", b"   \n\r\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n"])
def test_empty_files(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "kosong.txt"
    path.write_bytes(raw)
    assert failure_of(path) == f"{path}: empty, no article text"


@pytest.mark.parametrize(
    ("raw", "text", "warnings"),
    [
        pytest.param(
            WINDOWS_1252.encode("windows-1252"),
            WINDOWS_1252,
            ("not UTF-8, decoded as windows-1252",),
            id="windows-1252",
        ),
        pytest.param(
            "Kafé di pelabuhan.".encode("latin-1"),
            "Kafé di pelabuhan.",
            ("not UTF-8, decoded as windows-1252",),
            id="latin-1",
        ),
        pytest.param(
            # 0x81 and 0x8d are unassigned in Windows-1252: read as Latin-1 instead.
            b"Kaf\xe9 \x81\x8d di pelabuhan.",
            "Kafé \x81\x8d di pelabuhan.",
            ("not UTF-8, decoded as latin-1",),
            id="latin-1-only-bytes",
        ),
        pytest.param(GOOD.encode("utf-16"), GOOD, (), id="utf-16-with-bom"),
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), GOOD, (), id="utf-8-bom"),
        pytest.param(GOOD.encode(), GOOD, (), id="utf-8"),
    ],
)
def test_encodings(tmp_path: Path, raw: bytes, text: str, warnings: tuple[str, ...]) -> None:
    path = tmp_path / "berita.txt"
    path.write_bytes(raw)

    article = only(list(iter_inputs([str(path)])))

    assert isinstance(article, ArticleInput)
    assert article.text == text
    assert article.warnings == tuple(f"{path}: {warning}" for warning in warnings)


def test_windows_1252_is_stored_with_a_warning_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "kafe.txt"
    path.write_bytes(WINDOWS_1252.encode("windows-1252"))
    db = tmp_path / "q.sqlite"

    result = invoke("ingest", str(path), "--db", str(db))

    assert result.exit_code == 0
    assert result.stderr == f"Warning: {path}: not UTF-8, decoded as windows-1252\n"
    assert stored(db, "SELECT body FROM sources") == [(WINDOWS_1252,)]
    assert assert_offsets_index_the_body(db) == 1  # the curly quotes were read as quotes
    extract = invoke("extract", str(path))
    assert extract.stderr == result.stderr


@pytest.mark.parametrize("line_end", [pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")])
def test_line_ends_are_kept_and_offsets_index_the_body(tmp_path: Path, line_end: str) -> None:
    text = (GOOD + "\n" + SECOND).replace("\n", line_end)
    path = tmp_path / "berita.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    db = tmp_path / "q.sqlite"
    plain = tmp_path / "biasa.sqlite"
    (tmp_path / "biasa.txt").write_text(GOOD + "\n" + SECOND, encoding="utf-8")

    assert invoke("ingest", str(path), "--db", str(db)).exit_code == 0
    assert invoke("ingest", str(tmp_path / "biasa.txt"), "--db", str(plain)).exit_code == 0

    assert stored(db, "SELECT body FROM sources") == [(text,)]
    # The same quotes as with plain line ends, at offsets into the text as stored.
    assert assert_offsets_index_the_body(db) == assert_offsets_index_the_body(plain) >= 2
    assert stored(db, "SELECT text FROM quotes ORDER BY id") == stored(
        plain, "SELECT text FROM quotes ORDER BY id"
    )


# --- size limits: bounded memory ----------------------------------------------------------------

FIFTY_MB = 50 * 1024 * 1024


def peak_memory(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_50_mb_text_file_is_too_large_and_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "raksasa.txt"
    with path.open("wb") as out:
        out.truncate(FIFTY_MB)  # sparse: quick to make
    items: list[object] = []

    peak = peak_memory(lambda: items.extend(iter_inputs([str(path)])))

    [failure] = items
    assert isinstance(failure, InputFailure)
    assert failure.message == f"{path}: too large for one article (50.0 MiB; the limit is 10 MiB)"
    assert peak < 1024 * 1024


def test_a_50_mb_json_lines_file_streams(tmp_path: Path) -> None:
    path = tmp_path / "arsip.jsonl"
    record = json.dumps({"text": GOOD + "x" * 5000}) + "\n"
    count = FIFTY_MB // len(record) + 1
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(record.replace("Ratusan", f"Sebanyak {i}", 1))
    seen = 0

    def read_all() -> None:
        nonlocal seen
        for item in iter_inputs([str(path)]):
            assert isinstance(item, ArticleInput)
            seen += 1

    peak = peak_memory(read_all)

    assert seen == count
    assert peak < 2 * 1024 * 1024  # a few records at a time, never the file


def test_a_50_mb_json_line_is_too_long_and_memory_stays_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memory a long line takes is bounded by the article limit, not by the line."""
    monkeypatch.setattr(articles, "MAX_ARTICLE_BYTES", 1024 * 1024)
    path = tmp_path / "panjang.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"text": "' + "kata " * (FIFTY_MB // 5) + '"}\n')
        out.write(json.dumps({"id": "pendek", "text": GOOD}) + "\n")
    items: list[ArticleInput | InputFailure] = []

    peak = peak_memory(lambda: items.extend(iter_inputs([str(path)])))

    first, second = items
    assert isinstance(first, InputFailure)
    assert first.message == f"{path}:1: line too long for one article (over 1 MiB)"
    assert isinstance(second, ArticleInput) and second.doc == "pendek"
    assert peak < 4 * 1024 * 1024


def test_too_large_through_the_command(tmp_path: Path) -> None:
    big = tmp_path / "raksasa.txt"
    with big.open("wb") as out:
        out.truncate(FIFTY_MB)
    (tmp_path / "baik.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "q.sqlite"

    result = invoke("ingest", str(tmp_path), "--db", str(db))

    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {big}: too large for one article (50.0 MiB; the limit is 10 MiB)\n"
    )
    assert result.stdout.startswith(
        "1 article new, 0 already stored, 0 repeated in the input, 1 failed; "
    )


# --- JSON Lines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param(
            '{"text": "tanpa penutup',
            "not valid JSON (Unterminated string starting at column 10)",
            id="cut",
        ),
        pytest.param(
            "bukan json sama sekali", "not valid JSON (Expecting value at column 1)", id="prose"
        ),
        pytest.param('{"text": "a"} ekor', "not valid JSON (Extra data at column 15)", id="tail"),
        pytest.param("[1, 2, 3]", "not a JSON object", id="array"),
        pytest.param('"hanya teks"', "not a JSON object", id="string"),
        pytest.param("null", "not a JSON object", id="null"),
        pytest.param('{"title": "Hanya judul"}', "no article text", id="no-text"),
        pytest.param('{"text": 42}', "no article text", id="number-text"),
        pytest.param('{"text": ["a", "b"]}', "no article text", id="list-text"),
        pytest.param('{"text": "   "}', "no article text", id="blank-text"),
        pytest.param('{"text": "a\\u0000b"}', "the text contains a NUL character", id="nul"),
        pytest.param(
            "[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)", id="deep"
        ),
        pytest.param(
            '{"text": "a", "id": ' + "9" * 5000 + "}",
            "not valid JSON (number too long)",
            id="big-int",
        ),
        pytest.param("\x00\x01\x02", "not a text file (NUL byte at offset 0)", id="binary-line"),
    ],
)
def test_bad_json_lines_name_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "umpan.jsonl"
    good = json.dumps({"id": "baik", "text": GOOD})
    path.write_text(f"{good}\n{line}\n{good.replace('baik', 'lagi')}\n", encoding="utf-8")

    items = list(iter_inputs([str(path)]))

    assert [item.doc for item in items if isinstance(item, ArticleInput)] == ["baik", "lagi"]
    [failure] = [item for item in items if isinstance(item, InputFailure)]
    assert failure.message.startswith(f"{path}:2: {reason}")
    assert "\n" not in failure.message


def test_json_lines_lone_surrogates_are_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "umpan.jsonl"
    path.write_text('{"id": "x\\udc00", "text": "Kata \\ud800 rusak."}\n', encoding="utf-8")

    article = only(list(iter_inputs([str(path)])))

    assert isinstance(article, ArticleInput)
    assert (article.doc, article.text) == ("x\ufffd", "Kata \ufffd rusak.")  # same length
    assert article.warnings == (f"{path}:1: invalid \\u escapes in the text replaced by U+FFFD",)


@pytest.mark.parametrize(
    ("escaped", "expected", "warned"),
    [
        pytest.param("Kata \\uD83D rusak.", "Kata \ufffd rusak.", True, id="upper-case-lone"),
        pytest.param("Senyum \\ud83d\\ude00 lebar.", "Senyum \U0001f600 lebar.", False, id="pair"),
        pytest.param("Jalur \\\\ud800 ditulis.", "Jalur \\ud800 ditulis.", False, id="backslash"),
    ],
)
def test_json_lines_only_lone_surrogate_escapes_are_replaced(
    tmp_path: Path, escaped: str, expected: str, warned: bool
) -> None:
    path = tmp_path / "umpan.jsonl"
    path.write_text('{"text": "' + escaped + '"}\n', encoding="utf-8")

    article = only(list(iter_inputs([str(path)])))

    assert isinstance(article, ArticleInput)
    assert article.text == expected
    assert bool(article.warnings) is warned


@pytest.mark.parametrize(
    ("body", "binary"),
    [
        pytest.param("\x7f" * 40 + "Warga berkumpul.", True, id="mostly-control"),
        pytest.param("Warga\x7f berkumpul di balai desa sejak pagi.", False, id="one-control"),
    ],
)
def test_json_lines_with_control_characters(tmp_path: Path, body: str, binary: bool) -> None:
    path = tmp_path / "umpan.jsonl"
    path.write_text(json.dumps({"text": body}, ensure_ascii=False) + "\n", encoding="utf-8")

    item = only(list(iter_inputs([str(path)])))

    if binary:
        assert isinstance(item, InputFailure)
        assert item.message == f"{path}:1: not a text file (binary data)"
    else:
        assert isinstance(item, ArticleInput)
        assert item.text == body


def test_json_lines_in_windows_1252_are_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "umpan.jsonl"
    path.write_bytes(json.dumps({"text": WINDOWS_1252}, ensure_ascii=False).encode("cp1252"))

    article = only(list(iter_inputs([str(path)])))

    assert isinstance(article, ArticleInput) and article.text == WINDOWS_1252
    assert article.warnings == (f"{path}:1: not UTF-8, decoded as windows-1252",)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(b"", "empty, no articles", id="empty"),
        pytest.param(b"\n\n  \n", "empty, no articles", id="blank"),
        pytest.param(
            gzip.compress(b'{"text": "a"}\n'), "not a text file (a gzip archive)", id="gz"
        ),
        pytest.param(
            '{"text": "a"}\n'.encode("utf-16"),
            "UTF-16 or UTF-32 text; JSON Lines must be UTF-8",
            id="utf-16",
        ),
    ],
)
def test_whole_json_lines_files_that_are_bad_fail_once(
    tmp_path: Path, raw: bytes, reason: str
) -> None:
    path = tmp_path / "umpan.jsonl"
    path.write_bytes(raw)
    assert failure_of(path) == f"{path}: {reason}"


def test_stdin_binary_is_refused() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"), encoding="utf-8")
    failure = only(list(iter_inputs(["-"], stdin=stdin)))
    assert isinstance(failure, InputFailure)
    assert failure.message == "stdin: not a text file (a PNG image)"


# --- bad queries ---------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "berita.sqlite"
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    assert (
        invoke(
            "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", str(path)
        ).exit_code
        == 0
    )
    return path


def test_sql_timeout_stops_a_runaway_query(db: Path) -> None:
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    result = invoke("sql", endless, "--timeout", "0.3", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == "Error: query stopped after 0.3 s; raise --timeout\n"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT fts3_tokenizer('simple')", "quotedb sql is read-only: fts3_tokenizer() refused"),
        (
            "SELECT load_extension('mod_spatialite')",
            "quotedb sql is read-only: load_extension() refused",
        ),
        ("ATTACH DATABASE ':memory:' AS lain", "quotedb sql is read-only: ATTACH refused"),
        (
            "PRAGMA writable_schema = ON",
            "quotedb sql is read-only: PRAGMA writable_schema = ON refused",
        ),
        ("SELECT length(zeroblob(200000000))", "SQL error: string or blob too big"),
    ],
)
def test_sql_refuses_code_attachments_and_huge_values(db: Path, query: str, message: str) -> None:
    result = invoke("sql", query, "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"


def test_sql_that_is_not_utf8(db: Path) -> None:
    result = invoke("sql", "SELECT '\udcff'", "--db", str(db))  # as from a non-UTF-8 terminal
    assert result.exit_code == 1
    assert result.stderr == "Error: SQL error: not valid UTF-8 text (character 9)\n"


def test_sql_row_cap_notice(db: Path) -> None:
    result = invoke(
        "sql", "SELECT id FROM quotes", "--max-rows", "1", "--format", "csv", "--db", str(db)
    )
    assert result.exit_code == 0
    assert result.stdout == "id\n1\n"
    assert result.stderr == "Note: showing the first 1 rows; raise --max-rows to see more.\n"


@pytest.mark.parametrize(
    "phrase",
    [
        '"',
        "'",
        "%",
        "_",
        "*",
        "?",
        "^",
        ":",
        "-",
        "(",
        ")",
        "\\",
        "NEAR",
        "AND",
        "NOT",
        'kami" OR "air',
        "gelombang*",
        "^gelombang",
        "norm:gelombang",
        "gel%",
        "gel_mbang",
        "'); DROP TABLE quotes; --",
        "1 OR 1=1",
        "%' OR '1'='1",
    ],
)
def test_who_said_phrase_is_data(db: Path, phrase: str) -> None:
    result = invoke("who-said", phrase, "--format", "json", "--db", str(db))

    assert result.exit_code == 0, result.output
    found = [row["quote"] for row in json.loads(result.stdout)]
    needle = phrase.casefold()
    assert all(needle in quote.casefold() for quote in found)
    assert stored(db, "SELECT count(*) FROM quotes") == [(2,)]  # nothing was dropped


def test_who_said_literal_characters_match_themselves(db: Path) -> None:
    found = invoke("who-said", "sudah turun, jadi", "--format", "json", "--db", str(db))
    assert [row["speaker"] for row in json.loads(found.stdout)] == ["Yoga Pratama"]
    for phrase in ("sudah%jadi", "sudah_turun", "sudah*", '"sudah turun"'):
        result = invoke("who-said", phrase, "--format", "json", "--db", str(db))
        assert json.loads(result.stdout) == [], phrase
