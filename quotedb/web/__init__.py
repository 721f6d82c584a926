"""The browsable archive: a quotedb database served read-only by Datasette (`quotedb browse`).

`app` builds the Datasette (`make_datasette`) for a SQLite file (`database_file` checks it
and refuses a PostgreSQL URL) and serves it (`serve`); `metadata.yml` is what Datasette is told
about the tables, their facets and search, and the canned queries; `plugin` adds quotedb's
SQL functions and the links from a quote to its article. Datasette is an optional dependency
(`pip install 'quotedb[web]'`) that nothing outside this package imports.
"""

DATABASE = "quotedb"
"""The name the database is served under (`/quotedb/...`), whatever its file is called."""
