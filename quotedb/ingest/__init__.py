"""Files in, articles stored: read inputs, parse them in worker processes, write in batches.

`ingest` (`quotedb ingest`) and `reparse` (`quotedb reparse`) join the parser
(`quotedb.parse`) and the store (`quotedb.store`): `inputs` turns paths into articles
(`textfiles`, `jsonl`, `csvfiles`, `htmlpages`), `workers` parses them, `prepare` makes the
parser's quotes into the rows the store writes, and `pipeline` runs it all with bounded
memory.

The two functions load on first use, so that reading inputs alone (`quotedb extract`) does
not import SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotedb.ingest.pipeline import IngestReport, ingest
    from quotedb.ingest.reparse import ReparseReport, reparse

__all__ = ["IngestReport", "ReparseReport", "ingest", "reparse"]

_LAZY = {
    "IngestReport": "quotedb.ingest.pipeline",
    "ingest": "quotedb.ingest.pipeline",
    "ReparseReport": "quotedb.ingest.reparse",
    "reparse": "quotedb.ingest.reparse",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quotedb.ingest' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
