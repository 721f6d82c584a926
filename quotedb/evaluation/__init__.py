"""Scoring the parser against annotated articles (`quotedb eval`).

`load_gold` reads a gold file (`gold`), `score` matches each article's predicted quotes to
its gold ones as the gold guidelines say (`matching`, `scoring`), and `render_table` and
`render_errors` print the result (`report`).
"""

from quotedb.evaluation.gold import GoldArticle, GoldQuote, load_gold
from quotedb.evaluation.report import render_errors, render_table
from quotedb.evaluation.scoring import Report, score

__all__ = [
    "GoldArticle",
    "GoldQuote",
    "Report",
    "load_gold",
    "render_errors",
    "render_table",
    "score",
]
