"""quotedb: who said what in Indonesian news.

`extract`, `PARSER_VERSION` and the record types load on first use, so that importing any
part of quotedb (the command line's read commands, say) does not load the parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotedb.parse.pipeline import PARSER_VERSION, extract
    from quotedb.records import ArticleMeta, Extraction, Quote, Span

__version__ = "0.1.0"

__all__ = ["PARSER_VERSION", "ArticleMeta", "Extraction", "Quote", "Span", "__version__", "extract"]

_LAZY = {
    "PARSER_VERSION": "quotedb.parse.pipeline",
    "extract": "quotedb.parse.pipeline",
    "ArticleMeta": "quotedb.records",
    "Extraction": "quotedb.records",
    "Quote": "quotedb.records",
    "Span": "quotedb.records",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quotedb' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
