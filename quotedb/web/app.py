"""A Datasette for one quotedb database file, read-only, with quotedb's metadata and plugin."""

from __future__ import annotations

import socket
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotedb.errors import QuotedbError
from quotedb.web import DATABASE

if TYPE_CHECKING:
    from datasette.app import Datasette

STATIC_ROUTE = "quotedb-static"
"""Where the files of `quotedb/web/static` are served (`extra_css_urls` in the metadata)."""
SETTINGS = {
    # Suggesting facets runs a query per column on every page of a big view.
    "suggest_facets": False,
    # Datasette drops a facet that takes longer than this. At 216,000 quotes each facet of
    # quote_facts took 100-300 ms on a busy 2-core machine, so the default (200 ms) showed
    # none on the whole view; at 1 s all four show, the page in 1.2-2.1 s.
    "facet_time_limit_ms": 1000,
}


def database_file(db: str | None) -> Path:
    """The SQLite file `--db` (or `$QUOTEDB_DB`, or the default) names, checked to be a quotedb
    database this version reads; a PostgreSQL URL is an error saying what to do instead."""
    from quotedb.config import plain_sqlite_file, resolve_db_url
    from quotedb.store.database import describe, sqlite_path
    from quotedb.store.readonly import connect_readonly

    path = plain_sqlite_file(db)
    if path is None:
        url = resolve_db_url(db)
        path = sqlite_path(url)
        if path is None:
            raise QuotedbError(
                f"browse serves SQLite files, and {describe(url)} is not one (Datasette reads "
                "only SQLite); ingest the same articles into a file and browse that: "
                "quotedb ingest --db archive.sqlite PATH... && quotedb browse --db archive.sqlite"
            )
    connect_readonly(path).close()  # a missing, foreign or outdated file is an error here
    return path


def make_datasette(path: Path) -> Datasette:
    """Datasette serving `path` read-only as the database `quotedb`, with quotedb's metadata
    (descriptions, facets, search, canned queries) and plugin."""
    try:
        from datasette.app import Datasette
        from datasette.plugins import pm
    except ImportError as exc:
        raise QuotedbError(
            f"browse needs Datasette ({exc}); install it with: pip install 'quotedb[web]'"
        ) from exc
    from quotedb.web import plugin
    from quotedb.web.readonly import ReadOnlyDatabase

    if pm.get_plugin(plugin.__name__) is None:
        pm.register(plugin, name=plugin.__name__)
    static = str(files("quotedb.web").joinpath("static"))
    datasette = Datasette(
        metadata=metadata(), settings=SETTINGS, static_mounts=[(STATIC_ROUTE, static)]
    )
    datasette.remove_database("_memory")
    datasette.add_database(ReadOnlyDatabase(datasette, path=str(path)), name=DATABASE)
    return datasette


def metadata() -> dict[str, Any]:
    """The metadata file quotedb ships (`quotedb/web/metadata.yml`), parsed."""
    import yaml

    text = files("quotedb.web").joinpath("metadata.yml").read_text(encoding="utf-8")
    parsed: dict[str, Any] = yaml.safe_load(text)
    return parsed


def serve(path: Path, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve `path` on `host`:`port` until interrupted; `announce` gets the address of its
    pages once the port is open (port 0 takes a free one).

    The socket is opened here, not by uvicorn, so that a port in use is a one-line error and
    the address announced has the port actually taken.
    """
    datasette = make_datasette(path)  # first: it says how to install Datasette (and uvicorn)
    import uvicorn

    listener = _listen(host, port)
    bound_host, bound_port = listener.getsockname()[:2]
    name = f"[{bound_host}]" if ":" in bound_host else bound_host
    config = uvicorn.Config(datasette.app(), log_level="warning")
    announce(f"http://{name}:{bound_port}/{DATABASE}")
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        listener.close()


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(family, kind, proto)
    except OSError as exc:
        raise QuotedbError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as exc:
        listener.close()
        reason = (exc.strerror or str(exc)).lower()
        raise QuotedbError(f"cannot listen on {host}:{port}: {reason}") from exc
    return listener
