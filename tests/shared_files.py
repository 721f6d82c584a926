"""Where the team's shared files are (`../shared` next to the checkout, or next to the folder
of worktrees): tests that read them skip cleanly where they are absent."""

from __future__ import annotations

from pathlib import Path

SHARED = next(
    (p / "shared" for p in Path(__file__).resolve().parents[1:4] if (p / "shared").is_dir()),
    Path(__file__).resolve().parents[2] / "shared",
)
"""The first `shared` folder beside the checkout or one of the two folders above it."""
