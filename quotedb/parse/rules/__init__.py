"""Step 3 of the parser: the attribution rules, each finding quote units in the text.

A unit is a span of reported speech plus where its speaker is written (`mention_span`), or
`follows=True` when it continues the speaker of the unit before it. Rules, in the order
`find_units` applies them:

- `direct_units`: quoted spans with a cue after (`"...," kata X`), before (`X mengatakan,
  "..."`, `Menurut X, "..."`), a cue inside (`"A," kata X, "B"`), or none (a paragraph that
  is only a quote continues the last speaker). Text before the marks in the same sentence
  makes the unit `mixed` (`Menyediakan ... "tidak ...", kata X`).
- `indirect_units`: `X mengatakan (bahwa) ...`, `Menurut X, ...`, `..., menurut X`,
  `..., kata X` without marks, `Melansir X, ...`, and a cue inside the clause (`A, kata X,
  B`); a clause with quoted fragments is `mixed`.
"""

from __future__ import annotations

from quotedb.parse.rules.base import Unit
from quotedb.parse.rules.direct import DirectRules
from quotedb.parse.rules.indirect import IndirectRules

__all__ = ["Unit", "UnitFinder"]


class UnitFinder(DirectRules, IndirectRules):
    """Applies the rules to one article."""

    def find_units(self) -> list[Unit]:
        direct = self.direct_units()
        indirect = self.indirect_units(direct)
        units = sorted(direct + indirect, key=lambda u: (u.start, u.end))
        return units
