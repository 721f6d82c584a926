"""Speakers in, people out: which speakers of the stored articles are one person.

The parser finds speakers one article at a time; `identities.refresh_identities` reads the
whole archive from the store (`quotedb.store.identities`) after an ingest or reparse and groups
its speakers into identities by evidence: public lists of short and full names
(`name_lists`), aliases, a short name with one fitting candidate, roles that agree (`roles`).
Decisions made by hand (`curation`: merge, split, rename, forget; `curated_groups`) are
applied last. Nothing here parses text or reads input files.
"""
