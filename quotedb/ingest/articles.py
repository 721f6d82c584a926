"""An article as read from its input, before parsing, and an input that could not be read.

Every reader (`quotedb.ingest.inputs` for paths, `textfiles`, `jsonl`) yields these, so the
rest of the pipeline never asks where an article came from except to name it in a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quotedb.errors import one_line

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
"""The largest text file or JSON Lines record read as one article (10 MiB)."""
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as read from its input, before parsing.

    `text` is the article exactly as the parser receives it (a whole text file, or the text
    field of a JSON Lines record); quote offsets index it. `doc` names the article in output:
    the JSONL record's `id`, or the file name without its extension. Metadata given by the
    input (JSONL fields) wins over what the parser reads from the text. `warnings` are one-line
    notes naming the file (and line) about how it was read, such as a guessed encoding.
    """

    doc: str
    text: str
    uri: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    agency: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read; `message` is one line naming the file (and line)."""

    uri: str
    message: str


Input = ArticleInput | InputFailure


def article_failure(article: ArticleInput, reason: BaseException | str) -> InputFailure:
    """A failure naming the article (file and line) and what went wrong, in one line."""
    text = reason if isinstance(reason, str) else one_line(reason)
    return InputFailure(article.uri, f"{_where(article)}: {text}")


def _where(article: ArticleInput) -> str:
    """The article as a failure message names it: its file (and line), or its id."""
    uri = article.uri
    if "#L" in uri and not uri.startswith(("http://", "https://")):
        path, _, line = uri.rpartition("#L")
        return f"{path}:{line}"
    return uri if uri != "stdin" else article.doc


def too_large(size: int) -> str:
    """`12.3 MiB; the limit is 10 MiB`: why an input of `size` bytes is refused."""
    return f"{size / (1024 * 1024):.1f} MiB; the limit is {limit()}"


def limit() -> str:
    return f"{MAX_ARTICLE_BYTES / (1024 * 1024):g} MiB"


def scrub(value: str) -> str:
    """`value` with lone surrogates replaced by U+FFFD: from JSON escapes like `\\ud800`, or
    from file names that are not UTF-8 (Python decodes those bytes to surrogates).

    They cannot be encoded, so they could not be stored; one character for one keeps offsets.
    """
    return SURROGATE.sub("\ufffd", value)


def optional_text(value: object) -> str | None:
    """A metadata value (a title, a date) as stored: stripped; None when not a non-blank string."""
    if isinstance(value, str) and value.strip():
        return scrub(value.strip())
    return None


def path_uri(path: str) -> str:
    """The uri of an article read from the file `path`: its absolute path."""
    return scrub(str(Path(path).absolute()))


def path_doc(path: str) -> str:
    """The name of an article read from the file `path`: the file name without its suffix."""
    return scrub(Path(path).stem)
