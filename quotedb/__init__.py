"""quotedb: who said what in Indonesian news."""

from quotedb.parser import PARSER_VERSION, extract
from quotedb.records import ArticleMeta, Extraction, Quote, Span

__version__ = "0.1.0"

__all__ = ["PARSER_VERSION", "ArticleMeta", "Extraction", "Quote", "Span", "__version__", "extract"]
