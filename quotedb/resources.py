"""Where the bundled data lives: in the checkout, or inside the installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding `seeds/`, `alembic/` and `alembic.ini`.

    A wheel carries them in `quotedb/_data`; a checkout (or an editable install) has them
    one level above the package.
    """
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "seeds").is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def seeds_dir() -> Path:
    return data_root() / "seeds"


def lexicon_dir() -> Path:
    return seeds_dir() / "lexicon"


def alembic_dir() -> Path:
    return data_root() / "alembic"


def alembic_ini() -> Path:
    return data_root() / "alembic.ini"
