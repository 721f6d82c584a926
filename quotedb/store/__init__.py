"""The database: schema and migrations, opening it, writing articles, reading answers.

`database` opens and migrates (SQLite or PostgreSQL); `schema` is the tables; `writer` stores
`rows` (built by whoever found the quotes) through `quote_rows` and the driver adapter
`inserts`; `search` is the one place that knows the quote index is FTS5 on SQLite; `reading`
answers the read commands on plain sqlite3 or an engine; `sql` runs ad-hoc read-only SQL.
Nothing here knows how quotes are found. The modules are imported one by one, so the read
commands load neither SQLAlchemy nor Alembic on a SQLite file.
"""
