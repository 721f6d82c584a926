"""Reading articles from paths: text, JSON Lines, folders, globs, stdin, and bad input."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from quotedb.ingest import articles as article_inputs
from quotedb.ingest.inputs import ArticleInput, InputFailure, iter_inputs

ARTICLE = (
    "date 2024-05 Pasar Ikan Tepi Laut Dibuka Lagi\n"
    "\n"
    '"Pedagang boleh kembali berjualan mulai besok pagi," kata Lurah Sukamaju Rina Wulandari.\n'
)


def articles(items: list[ArticleInput | InputFailure]) -> list[ArticleInput]:
    return [item for item in items if isinstance(item, ArticleInput)]


def failures(items: list[ArticleInput | InputFailure]) -> list[InputFailure]:
    return [item for item in items if isinstance(item, InputFailure)]


def write_jsonl(path: Path, lines: list[object]) -> Path:
    text = "".join(
        (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
        for line in lines
    )
    path.write_text(text, encoding="utf-8")
    return path


# --- plain text ---------------------------------------------------------------------------


def test_text_file_is_one_article_with_its_text_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "pasar-ikan.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    [article] = list(iter_inputs([str(path)]))

    assert article == ArticleInput(doc="pasar-ikan", text=ARTICLE, uri=str(path.absolute()))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"\xef\xbb\xbf" + ARTICLE.encode(), ARTICLE, id="utf8-bom-dropped"),
        pytest.param(
            ARTICLE.replace("\n", "\r\n").encode(), ARTICLE.replace("\n", "\r\n"), id="crlf-kept"
        ),
        pytest.param(
            ARTICLE.replace("\n", "\r").encode(), ARTICLE.replace("\n", "\r"), id="cr-kept"
        ),
    ],
)
def test_text_is_decoded_without_changing_line_ends(
    tmp_path: Path, raw: bytes, expected: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)

    [article] = list(iter_inputs([str(path)]))

    assert isinstance(article, ArticleInput)
    assert article.text == expected


def test_a_file_named_explicitly_is_read_as_text_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "berita.md"
    path.write_text(ARTICLE, encoding="utf-8")

    [article] = list(iter_inputs([str(path)]))

    assert isinstance(article, ArticleInput)
    assert article.doc == "berita"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"  \n\n", "empty", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image", id="png"),
        pytest.param(b"teks\x00\x01\x02", "NUL byte at offset 4", id="binary"),
    ],
)
def test_unreadable_text_is_a_failure_naming_the_file(
    tmp_path: Path, raw: bytes, reason: str
) -> None:
    path = tmp_path / "rusak.txt"
    path.write_bytes(raw)

    [failure] = list(iter_inputs([str(path)]))

    assert isinstance(failure, InputFailure)
    assert failure.message.startswith(f"{path}: ")
    assert reason in failure.message
    assert "\n" not in failure.message


def test_a_text_file_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_inputs, "MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "panjang.txt"
    path.write_text("kata " * 100, encoding="utf-8")

    [failure] = list(iter_inputs([str(path)]))

    assert isinstance(failure, InputFailure)
    assert "too large" in failure.message


# --- paths ----------------------------------------------------------------------------------


def test_missing_path_is_a_one_line_failure(tmp_path: Path) -> None:
    missing = str(tmp_path / "tidak-ada.txt")

    [failure] = list(iter_inputs([missing]))

    assert failure == InputFailure(missing, f"cannot read {missing}: no such file or directory")


def test_folder_is_searched_recursively_in_sorted_order_for_txt_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE + "z", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE + "a", encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", [{"id": "c1", "text": ARTICLE + "c"}])
    (tmp_path / "catatan.md").write_text("bukan artikel", encoding="utf-8")
    (tmp_path / "gambar.png").write_bytes(b"\x89PNG\x00")

    docs = [item.doc for item in articles(list(iter_inputs([str(tmp_path)])))]

    assert docs == ["a", "z", "c1"]


def test_glob_is_expanded_when_no_file_has_that_name(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("satu.txt", "dua.txt", "sub/tiga.txt", "empat.md"):
        (tmp_path / name).write_text(ARTICLE + name, encoding="utf-8")

    flat = [item.doc for item in articles(list(iter_inputs([str(tmp_path / "*.txt")])))]
    deep = [item.doc for item in articles(list(iter_inputs([str(tmp_path / "**" / "*.txt")])))]

    assert flat == ["dua", "satu"]
    assert deep == ["dua", "satu", "tiga"]


def test_folder_without_article_files_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "catatan.md").write_text("bukan artikel", encoding="utf-8")
    (tmp_path / "kosong").mkdir()

    [failure] = list(iter_inputs([str(tmp_path)]))

    assert isinstance(failure, InputFailure)
    assert failure.message == (
        f"cannot read {tmp_path}: no article file (.txt, .jsonl, .csv, .tsv, .html, .htm) in it"
    )


def test_glob_without_matches_is_a_failure(tmp_path: Path) -> None:
    [failure] = list(iter_inputs([str(tmp_path / "*.txt")]))

    assert isinstance(failure, InputFailure)
    assert "no file matches" in failure.message


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    items = list(iter_inputs([str(path), str(tmp_path), str(tmp_path / "*.txt"), str(path)]))

    assert [item.doc for item in articles(items)] == ["a"]


def test_symlink_loop_in_a_folder_ends(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")

    items = list(iter_inputs([str(tmp_path)]))

    assert items == articles(items)
    assert [item.doc for item in articles(items)] == ["a"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without permission")
def test_unreadable_folder_is_a_failure(tmp_path: Path) -> None:
    locked = tmp_path / "terkunci"
    locked.mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        items = list(iter_inputs([str(tmp_path)]))
    finally:
        locked.chmod(0o755)

    assert [item.doc for item in articles(items)] == ["a"]
    assert "permission denied" in failures(items)[0].message


# --- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_records_with_metadata(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "kiriman.jsonl",
        [
            {
                "id": "art-7",
                "text": ARTICLE,
                "title": "Pasar Ikan",
                "date": "2024-05-02",
                "url": "https://contoh.test/pasar",
                "outlet": "Kabar Pesisir",
                "agency": "ANTARA",
            },
            {"content": "Isi kedua."},
            {"body": "Isi ketiga.", "id": 12},
        ],
    )

    first, second, third = iter_inputs([str(path)])

    assert first == ArticleInput(
        doc="art-7",
        text=ARTICLE,
        uri="https://contoh.test/pasar",
        title="Pasar Ikan",
        published="2024-05-02",
        outlet="Kabar Pesisir",
        agency="ANTARA",
    )
    assert second == ArticleInput(doc="kiriman:2", text="Isi kedua.", uri=f"{path.absolute()}#L2")
    assert isinstance(third, ArticleInput)
    assert third.doc == "12"


def test_jsonl_dates_are_stored_as_iso_dates(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "tanggal.jsonl",
        [
            {"text": "Isi satu.", "date": "Senin, 3 Maret 2025 14:05 WIB"},
            {"text": "Isi dua.", "date": "2025-03-04T09:30:00+07:00"},
            {"text": "Isi tiga.", "date": "kemarin sore"},
        ],
    )

    first, second, third = iter_inputs([str(path)])

    assert isinstance(first, ArticleInput) and isinstance(second, ArticleInput)
    assert isinstance(third, ArticleInput)
    assert (first.published, second.published, third.published) == (
        "2025-03-03",
        "2025-03-04",
        "kemarin sore",
    )
    assert first.warnings == second.warnings == ()
    assert third.warnings == (f"{path}:3: date 'kemarin sore' not understood, stored as written",)


def test_jsonl_bad_lines_are_failures_and_the_rest_still_load(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "campur.jsonl",
        [
            {"id": "a", "text": "Artikel pertama."},
            '{"id": "rusak", "text": ',
            "",
            "[1, 2, 3]",
            {"id": "kosong", "title": "Tanpa isi"},
            {"id": "b", "text": "Artikel kedua."},
        ],
    )

    items = list(iter_inputs([str(path)]))

    assert [item.doc for item in articles(items)] == ["a", "b"]
    messages = [failure.message for failure in failures(items)]
    assert [message.split(": ", 1)[0] for message in messages] == [
        f"{path}:2",
        f"{path}:4",
        f"{path}:5",
    ]
    assert "not valid JSON" in messages[0]
    assert "not a JSON object" in messages[1]
    assert "no article text" in messages[2]


def test_jsonl_line_over_the_limit_is_a_failure_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_inputs, "MAX_ARTICLE_BYTES", 200)
    path = write_jsonl(
        tmp_path / "panjang.jsonl",
        [{"text": "kata " * 500}, {"id": "pendek", "text": "Artikel pendek."}],
    )

    first, second = iter_inputs([str(path)])

    assert isinstance(first, InputFailure)
    assert first.message.startswith(f"{path}:1: ")
    assert isinstance(second, ArticleInput)
    assert second.doc == "pendek"


def test_gold_style_records_load_with_their_text_intact(tmp_path: Path) -> None:
    text = "Judul\n\n\u201cKami siap,\u201d kata Budi.\n"
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [{"id": "g-1", "origin": "x", "text": text, "quotes": [{"start": 7, "end": 18}]}],
    )

    [article] = list(iter_inputs([str(path)]))

    assert isinstance(article, ArticleInput)
    assert article.text == text


# --- standard input --------------------------------------------------------------------------


def test_stdin_plain_text() -> None:
    [article] = list(iter_inputs(["-"], stdin=io.StringIO(ARTICLE)))

    assert article == ArticleInput(doc="stdin", text=ARTICLE, uri="stdin")


def test_stdin_binary_buffer_keeps_crlf() -> None:
    raw = ARTICLE.replace("\n", "\r\n").encode()
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")

    [article] = list(iter_inputs(["-"], stdin=stdin))

    assert isinstance(article, ArticleInput)
    assert article.text == ARTICLE.replace("\n", "\r\n")


def test_stdin_json_lines_are_sniffed() -> None:
    stdin = io.StringIO('\n{"id": "s1", "text": "Satu."}\nbukan json\n{"text": "Dua."}\n')

    items = list(iter_inputs(["-"], stdin=stdin))

    assert [item.doc for item in articles(items)] == ["s1", "stdin:4"]
    [failure] = failures(items)
    assert failure.message.startswith("stdin:3: not valid JSON")


def test_stdin_empty_is_a_failure() -> None:
    [failure] = list(iter_inputs(["-"], stdin=io.StringIO("")))

    assert isinstance(failure, InputFailure)
    assert failure.message == "stdin: empty, no article text"
