"""The exceptions quotedb raises on purpose; the CLI turns each into a one-line error."""


class QuotedbError(Exception):
    """Base class: the message is written for the user and fits on one line."""


class InputError(QuotedbError):
    """An input path or record could not be read as an article."""


class SqlNotAllowed(QuotedbError):
    """Ad-hoc SQL that would write, attach or load code."""


class QueryTimeout(QuotedbError):
    """Ad-hoc SQL ran past its time limit."""


class DatabaseError(QuotedbError):
    """The database could not be opened, migrated or written."""


def one_line(exc: BaseException, limit: int = 300, *, typed: bool = True) -> str:
    """`exc` as one line for a message: its text, after its type name (when `typed`) unless
    quotedb raised it on purpose (then the text is written for users), cut to `limit`
    characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if typed and not isinstance(exc, QuotedbError):
        text = f"{type(exc).__name__}: {text}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def counted(n: int, noun: str) -> str:
    """`1 article`, `3 articles`: a count with its noun."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
