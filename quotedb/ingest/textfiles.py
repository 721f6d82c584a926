"""Bytes to article text: encodings guessed, binary files refused, bad characters replaced.

A text file is one article with every character kept (line ends stay as they are, so offsets
index the file's text), except that a leading byte order mark is dropped. UTF-8 is expected;
UTF-16 and UTF-32 with a byte order mark are read too, and text that is not UTF-8 is read as
Windows-1252 (a superset of Latin-1's printable characters), with a warning. Binary files
(images, PDFs, archives, anything with NUL bytes) are refused, saying what they are.
"""

from __future__ import annotations

import codecs
import re

from quotedb.ingest import articles
from quotedb.ingest.articles import ArticleInput, Input, InputFailure

BOM = "\ufeff"

# Formats people drop into an article folder by mistake, by their first bytes, so that the
# error says what the file is. Anything else binary is caught by its NUL bytes.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"(\xb5/\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
# Longest first: UTF-32-LE's mark begins with UTF-16-LE's.
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that text never contains (tab, line ends and form feed excluded).
_CONTROL = re.compile("[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
# The same characters as bytes: all ASCII, so in UTF-8, Windows-1252 and Latin-1 alike a
# text holds one exactly where its bytes hold one.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


class NotText(Exception):
    """Bytes that are not an article's text; the message says why, in a few words."""


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` without a leading byte order mark, and the encoding it was read in.

    Raises `NotText` for binary data. UTF-8 is tried before Windows-1252, because any byte
    string decodes as the latter while UTF-8 almost never decodes by accident.
    """
    if kind := binary_format(data):
        raise NotText(f"not a text file ({kind})")
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix(BOM), encoding
            except UnicodeDecodeError as exc:
                raise NotText(f"not {encoding.upper()} text despite its byte order mark") from exc
    nul = data.find(b"\x00")
    if nul != -1:
        raise NotText(f"not a text file (NUL byte at offset {nul})")
    for encoding in ("utf-8", "windows-1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        head = text[:4096]
        # Counting in the text is slow; the bytes say at C speed whether there is any.
        clean = len(data.translate(None, _CONTROL_BYTES)) == len(data)
        if not clean and len(_CONTROL.findall(head)) * 10 > len(head):
            raise NotText("not a text file (binary data)")
        return text.removeprefix(BOM), encoding
    raise AssertionError("latin-1 decodes every byte string")


def binary_format(data: bytes) -> str | None:
    """What `data` is by its first bytes (`a PNG image`), if it is a known binary format."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def binary_head(head: bytes) -> str | None:
    """Why a file of many records (JSON Lines, CSV) whose first bytes are `head` is not text,
    or None: a known binary format, or NUL bytes in more than 1% of them (a stray NUL is one
    bad record of an otherwise good file)."""
    if kind := binary_format(head):
        return f"not a text file ({kind})"
    if head.count(b"\x00") * 100 > len(head):
        return "not a text file (binary data)"
    return None


def warnings_for(name: str, encoding: str) -> tuple[str, ...]:
    if encoding in ("utf-8", "utf-16", "utf-32"):
        return ()
    return (f"{name}: not UTF-8, decoded as {encoding}",)


def text_article(data: bytes, *, doc: str, uri: str, name: str) -> Input:
    if len(data) > articles.MAX_ARTICLE_BYTES:
        return InputFailure(uri, f"{name}: too large for one article (over {articles.limit()})")
    try:
        text, encoding = decode(data)
    except NotText as exc:
        return InputFailure(uri, f"{name}: {exc}")
    if not text.strip():
        return InputFailure(uri, f"{name}: empty, no article text")
    return ArticleInput(doc=doc, text=text, uri=uri, warnings=warnings_for(name, encoding))
