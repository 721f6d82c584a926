"""A stand-in for the parser, and short articles it reads, for tests of loading and storing.

`fake_extract` finds only `"...," kata [role] Name` and builds `Quote` values by hand, so tests
of ingest, storage and the CLI do not depend on what the real parser finds.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable

import pytest

from quotedb.parse import pipeline as parser
from quotedb.records import ArticleMeta, Extraction, Quote, Span

PASAR = (
    "date 2024-05 Pasar Ikan Tepi Laut Dibuka Lagi\n"
    "\n"
    "Pasar ikan di tepi laut Desa Sukamaju dibuka kembali setelah direnovasi enam bulan.\n"
    "\n"
    '"Pedagang boleh kembali berjualan mulai besok pagi," kata lurah Rina Wulandari.\n'
    "\n"
    '"Kami menambah saluran air supaya lantai tidak licin," kata kepala dinas Bagus Hartono.\n'
)
JEMBATAN = (
    "date 2024-06 Jembatan Gantung Kali Putih Rampung\n"
    "\n"
    '"Anak-anak tidak perlu lagi menyeberang sungai untuk ke sekolah," kata lurah Rina Wulandari.\n'
)

_FAKE_QUOTE = re.compile(
    r'"(?P<quote>[^"]+?),?" (?P<cue>kata) (?P<role>[a-z][a-z ]*? )?(?P<name>[A-Z]\w+(?: [A-Z]\w+)*)'
)


def fake_extract(text: str) -> Extraction:
    """Every `"...," kata [role] Name` in `text` as a direct quote (a stand-in for the parser)."""
    quotes = []
    for match in _FAKE_QUOTE.finditer(text):
        role = match.group("role")
        quotes.append(
            Quote(
                start=match.start("quote"),
                end=match.end("quote"),
                text=match.group("quote"),
                kind="direct",
                cue="kata",
                cue_span=Span(*match.span("cue")),
                speaker=match.group("name"),
                speaker_type="person",
                mention=match.group("name"),
                mention_span=Span(*match.span("name")),
                role=role.strip() if role else None,
                role_span=Span(match.start("role"), match.start("role") + len(role.strip()))
                if role
                else None,
                paragraph=text.count("\n\n", 0, match.start()),
            )
        )
    return Extraction(meta=ArticleMeta(), quotes=tuple(quotes))


def use_fake_parser(
    monkeypatch: pytest.MonkeyPatch, fake: Callable[[str], Extraction] = fake_extract
) -> None:
    """Replace `quotedb.parse.pipeline.extract` (the module's function, used by ingest and the
    CLI)."""
    monkeypatch.setattr(parser, "extract", fake)


KILL_MARK = "[berhenti di sini]"
"""Marks an article that kills the process parsing it (`dying_extract`)."""


def dying_extract(text: str) -> Extraction:
    """`fake_extract`, except that an article holding `KILL_MARK` ends the worker process
    parsing it at once, as a segfault or the out-of-memory killer would. In the ingesting
    process (a test's own) it raises instead: a test must never kill pytest."""
    if KILL_MARK in text:
        if multiprocessing.parent_process() is None:
            raise RuntimeError("the dying parser ran in the ingesting process")
        os._exit(70)
    return fake_extract(text)


def install_dying_parser() -> None:
    """A worker start-up (`quotedb.ingest.workers.warm_up`): the worker parses with
    `dying_extract`."""
    parser.extract = dying_extract
