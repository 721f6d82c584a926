"""One identity per person across the archive: which speakers are the same one.

The parser links the names of one person inside one article; across articles `Sutarmi` and
`Sutarmi Wulandari`, or `Jokowi` and `Joko Widodo`, are separate speakers. `resolve`
groups them, right before eager, from this evidence, in this order:

1. `spelling`: names that differ only in punctuation (`Butar-butar`, `Butar Butar`), in old
   spelling or `sy`/`s` (`Soeharto`, `Suharto`; `Syaiful`, `Saiful`).
2. `listed`: public lists of short names with the full name: people's nicknames
   (`seeds/identities/nicknames.tsv`: `Jokowi`), and the short forms of state institutions
   and universities (`seeds/lexicon/state_institutions.tsv`, `universities.tsv`: `BMKG`);
   the identity takes the full name.
3. `alias` and `partial`: a shorter name joins a longer one that an article gave it as an
   alias (`X alias Y`, `X (Y)`, a short form written after the full name), or whose words
   it is (`Sri Lestari` in `Sri Lestari Wahyuni`). Only where the archive offers exactly
   one such identity whose roles fit (`quotedb.identity.roles`: they share a role or an office
   word, or one side has no role); otherwise the name is listed as ambiguous, not guessed.
   Two full names are never merged because they share a first name or a surname: only a
   name whose words all occur, in order, in the other joins it. Longer names go first, so
   `Gilang Ramadhan` joins `Gilang Ramadhan Putra` before `Gilang` is looked at.
4. `curated`: the decisions made by hand (`identity_decisions`), in the order made, last,
   so they always win; a speaker once split is left out of steps 1-3.

Everything is decided afresh from the whole archive (`refresh_identities`, after each
ingest and reparse): one pass over the quotes in SQL, then work in memory that grows with
the number of speakers (each name is looked up by its runs of words), not with the quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quotedb.identity.curated_groups import CuratedGroups
from quotedb.identity.name_lists import listed_full_names, listed_names, match_key
from quotedb.identity.roles import Office, RoleWords, normal_title, office, role_words
from quotedb.store.identities import Archive, Group
from quotedb.store.keys import normalise_key

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

EVIDENCE = ("spelling", "listed", "alias", "partial", "curated")
_MIN_WORD = 3  # letters: a name of initials only (`M`, `S H`) stands for nobody in particular


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A name the archive cannot give to one identity, and those it could be."""

    name: str
    kind: str
    quotes: int
    candidates: tuple[str, ...]
    reason: str
    """`several candidates`, or `roles differ` when the only candidates' roles do not fit."""


@dataclass
class Resolution:
    """The identities `resolve` decided, the merges by kind of evidence, the ambiguities."""

    groups: list[Group]
    speakers: int
    merges: Counter[str] = field(default_factory=Counter)
    ambiguous: list[Ambiguity] = field(default_factory=list)

    def summary(self) -> str:
        """`1,278 speakers are 1,190 identities; merges: 3 spelling, ...; 17 names ambiguous.`"""
        merges = ", ".join(f"{self.merges[kind]} {kind}" for kind in EVIDENCE)
        return (
            f"{self.speakers:,} speakers are {len(self.groups):,} identities; merges: {merges}; "
            f"{len(self.ambiguous)} ambiguous names (quotedb identity ambiguous)."
        )


class _Node:
    """A speaker (or a full name from a public list, with a negative id)."""

    __slots__ = ("held", "id", "key", "kind", "name", "quotes", "seeded", "words")

    def __init__(self, node_id: int, name: str, key: str, kind: str, quotes: int) -> None:
        self.id = node_id
        self.name = name
        self.key = match_key(key)
        self.words = tuple(self.key.split())
        self.kind = kind
        self.quotes = quotes
        self.held = False  # split by hand: no automatic merging
        self.seeded = False  # placed by a public list


class _Roles:
    """The roles of a group of speakers: office keys and words, and how many of its quotes
    were given a role held at the time."""

    __slots__ = ("in_office", "keys", "words")

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.words: set[str] = set()
        self.in_office = 0

    def add(self, other: _Roles) -> None:
        self.keys |= other.keys
        self.words |= other.words
        self.in_office += other.in_office

    def hold(self, office: Office, quotes: int) -> None:
        self.keys.add(office.key)
        self.words |= office.words
        if office.current:
            self.in_office += quotes

    def shares(self, other: _Roles) -> bool:
        return bool(self.keys & other.keys or self.words & other.words)


class _Groups:
    """Union-find over nodes, each group knowing its quotes and (most have none) its roles."""

    def __init__(self, nodes: dict[int, _Node], roles: dict[int, _Roles]):
        self.nodes = nodes
        self.parent = {node_id: node_id for node_id in nodes}
        self.quotes = {node_id: node.quotes for node_id, node in nodes.items()}
        self.speakers = dict.fromkeys(nodes, 1)  # a listed full name is no speaker
        self.roles = roles
        self.merges: Counter[str] = Counter()

    def add(self, node: _Node) -> None:
        self.nodes[node.id] = node
        self.parent[node.id] = node.id
        self.quotes[node.id] = node.quotes
        self.speakers[node.id] = 0

    def find(self, node_id: int) -> int:
        root = node_id
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node_id] != root:  # path compression
            self.parent[node_id], node_id = root, self.parent[node_id]
        return root

    def union(self, node_id: int, into: int, evidence: str) -> None:
        a, b = self.find(node_id), self.find(into)
        if a == b:
            return
        if self.speakers[a] and self.speakers[b]:  # not a speaker and a listed full name alone
            self.merges[evidence] += 1
        self.parent[a] = b
        self.quotes[b] += self.quotes.pop(a)
        self.speakers[b] += self.speakers.pop(a)
        moved = self.roles.pop(a, None)
        if moved is not None:
            if b in self.roles:
                self.roles[b].add(moved)
            else:
                self.roles[b] = moved

    def shares(self, a: int, b: int) -> bool:
        """Whether groups `a` and `b` share a role or an office word."""
        roles_a, roles_b = self.roles.get(a), self.roles.get(b)
        return roles_a is not None and roles_b is not None and roles_a.shares(roles_b)

    def conflicts(self, a: int, b: int) -> bool:
        """Both groups are known to hold an office (at least half their quotes say so: a role
        given to a name once among many quotes, often a slip of the parser, proves nothing),
        and no role or office word of one is the other's."""
        return self._in_office(a) and self._in_office(b) and not self.shares(a, b)

    def _in_office(self, group: int) -> bool:
        roles = self.roles.get(group)
        return (
            roles is not None and roles.in_office > 0 and 2 * roles.in_office >= self.quotes[group]
        )

    def choose(self, own: int, candidates: set[int]) -> int | None:
        """The one candidate group `own` joins: the only candidate, unless their roles
        conflict; among several, the only one that shares a role or an office word with
        `own` (candidates without roles are no evidence either way)."""
        if len(candidates) == 1:
            (only,) = candidates
            return None if self.conflicts(own, only) else only
        sharing = [c for c in candidates if self.shares(own, c)]
        return sharing[0] if len(sharing) == 1 else None


def resolve(archive: Archive, words: RoleWords | None = None) -> Resolution:
    """The identities of `archive`'s speakers (see the module's docstring for how)."""
    words = words or role_words()
    nodes = {s.id: _Node(s.id, s.name, s.name_key, s.kind, s.quotes) for s in archive.speakers}
    held = {d.speaker_key for d in archive.decisions if d.action == "split"}
    by_key = {s.name_key: s.id for s in archive.speakers}
    for key in held & by_key.keys():
        nodes[by_key[key]].held = True
    groups = _Groups(dict(nodes), _speaker_roles(archive, words))
    free = [n for n in nodes.values() if n.kind != "anonymous" and not n.held]
    _same_spelling(groups, free)
    _listed(groups, free)
    ambiguous = _linked(groups, free, _alias_owners(archive, nodes), words)
    members: dict[int, list[int]] = {}
    for node_id in groups.nodes:
        members.setdefault(groups.find(node_id), []).append(node_id)
    curated = CuratedGroups(members, by_key)
    curated.apply(archive)
    groups.merges["curated"] = curated.merges
    found = [
        _group(groups.nodes, ids, curated.names.get(gid)) for gid, ids in curated.groups.items()
    ]
    result = Resolution([g for g in found if g.speaker_ids], len(nodes), groups.merges)
    names = {gid: g.name for gid, g in zip(curated.groups, found, strict=True)}
    for node_id, candidates, reason in ambiguous:
        final = {curated.group_of[c] for c in candidates}
        if curated.group_of[node_id] in final:
            continue  # a later merge, or a decision made by hand, settled it
        node = nodes[node_id]
        shown = tuple(sorted({names[c] for c in final}))
        result.ambiguous.append(Ambiguity(node.name, node.kind, node.quotes, shown, reason))
    result.ambiguous.sort(key=lambda a: (-a.quotes, a.name))
    return result


def _speaker_roles(archive: Archive, words: RoleWords) -> dict[int, _Roles]:
    """The roles of the speakers quoted in any, as offices."""
    offices: dict[int, Office] = {}
    for role_id, role in archive.roles.items():
        offices[role_id] = office(role.normal_title or normal_title(role.title, words), words)
    roles: dict[int, _Roles] = {}
    for speaker in archive.speakers:
        for role_id, quotes in speaker.roles:
            if role_id in offices:
                roles.setdefault(speaker.id, _Roles()).hold(offices[role_id], quotes)
    return roles


def _same_spelling(groups: _Groups, free: list[_Node]) -> None:
    first: dict[tuple[str, str], int] = {}
    for node in free:
        groups.union(node.id, first.setdefault((node.key, node.kind), node.id), "spelling")


def _listed(groups: _Groups, free: list[_Node]) -> None:
    """Speakers called by a listed short name join the speaker with the full name, or the
    full name itself (a node of its own) where no speaker has it."""
    lists = listed_names()
    full_names = {(n.key, n.kind): n.id for n in free}
    for node in free:
        full = lists.get(node.kind, {}).get(node.key)
        if full is None:
            continue
        key = match_key(normalise_key(full))
        if key == node.key:
            continue
        if (key, node.kind) not in full_names:
            named = _Node(-len(groups.nodes) - 1, full, key, node.kind, 0)
            groups.add(named)
            full_names[key, node.kind] = named.id
        node.seeded = True
        groups.union(node.id, full_names[key, node.kind], "listed")


def _alias_owners(archive: Archive, nodes: dict[int, _Node]) -> dict[str, set[int]]:
    """Alias (match key) -> the speakers an article gave it to."""
    owners: dict[str, set[int]] = {}
    for speaker_id, alias_key in archive.aliases:
        owner = nodes.get(speaker_id)
        if owner is not None and not owner.held:
            owners.setdefault(match_key(alias_key), set()).add(speaker_id)
    return owners


def _linked(
    groups: _Groups, free: list[_Node], owners: dict[str, set[int]], words: RoleWords
) -> list[tuple[int, set[int], str]]:
    """Shorter names join the one identity an alias or their words point to; the others
    are returned as (node, candidate groups, reason)."""
    people = [n for n in groups.nodes.values() if n.kind == "person" and not n.held]
    within = _containing(people, {n.words for n in free if n.kind == "person"})
    ambiguous = []
    for node in sorted(free, key=lambda n: (-len(n.words), -n.quotes, n.key)):
        if node.seeded or not _stands_for_someone(node, words):
            continue
        by_alias = {
            groups.find(owner)
            for owner in owners.get(node.key, ())
            if groups.nodes[owner].kind == node.kind
        }
        by_words = {groups.find(c) for c in within.get(node.words, ())}
        own = groups.find(node.id)
        candidates = (by_alias | by_words) - {own}
        if not candidates:
            continue
        chosen = groups.choose(own, candidates)
        if chosen is not None:
            groups.union(node.id, chosen, "alias" if chosen in by_alias else "partial")
        else:
            differ = all(groups.conflicts(own, c) for c in candidates)
            ambiguous.append(
                (node.id, candidates, "roles differ" if differ else "several candidates")
            )
    return ambiguous


def _containing(
    people: Iterable[_Node], wanted: set[tuple[str, ...]]
) -> dict[tuple[str, ...], list[int]]:
    """For each name in `wanted`, the people whose longer name holds its words in a row."""
    found: dict[tuple[str, ...], list[int]] = {}
    for node in people:
        size = len(node.words)
        for length in range(1, size):
            for start in range(size - length + 1):
                run = node.words[start : start + length]
                if run in wanted:
                    found.setdefault(run, []).append(node.id)
    return found


def _stands_for_someone(node: _Node, words: RoleWords) -> bool:
    """Whether a name can stand for one person or organisation: not initials alone, not only
    a title or an institution's generic head (`Pemerintah`)."""
    return any(len(w) >= _MIN_WORD and w not in words.generic for w in node.words)


def _group(nodes: dict[int, _Node], ids: Iterable[int], renamed: str | None) -> Group:
    """The group of `ids`: its speakers, and its name: given by hand, else a full name of
    a public list (`Joko Widodo`), else its most quoted name of two words or more, or a
    longer one that begins with it (`Sri Lestari Wahyuni` for `Sri Lestari`; not `Partai
    Sri Lestari`, a slip of the parser)."""
    members = [nodes[i] for i in ids]
    full_names = listed_full_names()
    listed = [n for n in members if n.id < 0 or n.key in full_names]
    shown = min(listed or members, key=lambda n: (len(n.words) < 2, -n.quotes, n.name))
    if not listed:
        longer = [n for n in members if n.words[: len(shown.words)] == shown.words]
        shown = max(longer, key=lambda n: (len(n.words), n.quotes))
    speakers = tuple(sorted(n.id for n in members if n.id > 0))
    return Group(speakers, renamed or shown.name, shown.kind)


def refresh_identities(engine: Engine) -> Resolution:
    """Decide the identities of the database behind `engine` again and store them, in one
    transaction."""
    from sqlalchemy.exc import SQLAlchemyError

    from quotedb.store.database import write_transaction
    from quotedb.store.writer import stopped

    try:
        with write_transaction(engine) as conn:
            return refresh_in(conn)
    except SQLAlchemyError as exc:  # a lost connection, a locked file: no one speaker's fault
        raise stopped(engine, exc) from exc


def refresh_in(conn: Connection) -> Resolution:
    """`refresh_identities` in the transaction of `conn` (new roles get their normal title
    first)."""
    from quotedb.store import identities as stored

    words = role_words()
    stored.lock_identities(conn)
    new_roles = stored.roles_without_normal_form(conn)
    stored.set_normal_forms(conn, [(i, normal_title(t, words)) for i, t in new_roles])
    archive = stored.read_archive(conn)
    resolution = resolve(archive, words)
    stored.write_identities(conn, archive, resolution.groups)
    return resolution


def ambiguous_names(engine: Engine) -> Resolution:
    """What `refresh_identities` would decide, without storing anything (for listing)."""
    from quotedb.store import identities as stored

    with engine.connect() as conn:
        return resolve(stored.read_archive(conn))
