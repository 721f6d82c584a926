"""The decisions made by hand, applied to the groups automatic merging made, in order.

Groups and speakers are plain ids here (`quotedb.identity.identities` gives them): a `merge`
moves the whole group of one speaker into another's, a `split` takes one speaker out into a
group of its own, and a `rename` names the group a speaker ends in; later decisions win.
"""

from __future__ import annotations

from quotedb.store.identities import Archive


class CuratedGroups:
    """The automatic groups (group id -> speaker ids), changed by the decisions made by hand
    about the speakers `by_key` (name key -> id) knows; `names` are the groups renamed."""

    def __init__(self, members: dict[int, list[int]], by_key: dict[str, int]) -> None:
        self.groups = {gid: set(ids) for gid, ids in members.items()}
        self.group_of = {n: gid for gid, ids in members.items() for n in ids}
        self.by_key = by_key
        self.names: dict[int, str] = {}
        self.merges = 0
        self._next = min(self.groups, default=0)

    def apply(self, archive: Archive) -> None:
        renames = []
        for decision in archive.decisions:
            node = self.by_key.get(decision.speaker_key)
            if node is None:
                continue  # the speaker is not (or no longer) in the archive
            if decision.action == "merge":
                into = self.by_key.get(decision.into_key or "")
                if into is not None:
                    self._merge(self.group_of[node], self.group_of[into])
            elif decision.action == "split":
                self._split(node)
            elif decision.action == "rename" and decision.new_name:
                renames.append((node, decision.new_name))
        for node, name in renames:
            self.names[self.group_of[node]] = name

    def _merge(self, gid: int, into: int) -> None:
        if gid == into:
            return
        moved = self.groups.pop(gid)
        self.groups[into] |= moved
        for n in moved:
            self.group_of[n] = into
        self.merges += 1

    def _split(self, node: int) -> None:
        gid = self.group_of[node]
        if len(self.groups[gid]) == 1:
            return
        self.groups[gid].discard(node)
        self._next -= 1
        self.groups[self._next] = {node}
        self.group_of[node] = self._next
