"""The database as Datasette opens it: every connection read-only, even one opened to write.

Datasette opens a mutable file with `mode=ro` to read, but without it for `execute_write`
(writable canned queries, plugins). quotedb serves an archive that nothing in the browser
may change, so every connection is made the way quotedb's own read commands make theirs:
`mode=ro` on a properly escaped `file:` URI (a path may hold `?`, `#` or `%`) and
`query_only`. Mutable still, so pages show what an ingest adds while they are served.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datasette.database import Database

from quotedb.store.readonly import readonly_sqlite_uri


class ReadOnlyDatabase(Database):  # type: ignore[misc]  # Datasette has no type hints
    def connect(self, write: bool = False) -> sqlite3.Connection:
        connection = sqlite3.connect(
            readonly_sqlite_uri(Path(self.path)), uri=True, check_same_thread=False
        )
        connection.execute("PRAGMA query_only = 1")
        self._all_file_connections.append(connection)  # closed by Database.close()
        return connection
