"""`CueWords` finds, in one pass over an article, every place where a rule's cue may be.

The rules skip the sentences where it finds none, and find their cue verbs only at its
matches: a cue that it misses would be a quote lost. These tests check its promise against
the rules' own patterns, at every offset of texts made of cue words, capitals, marks and
characters whose casefolding is longer than themselves (`İ`, `ß`).
"""

from __future__ import annotations

import sys

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotedb.parse.cuewords import CueWords
from quotedb.parse.patterns import load_patterns
from quotedb.parse.rules.leads import MENURUT_PRONOUN

PATTERNS = load_patterns()

CUES = [
    "mengatakan",
    "Mengatakan",
    "MENGATAKAN",
    "mengatakannya",
    "menyebut",
    "menyebutkan",
    "meminta",
    "dikatakan",
    "dikatakannya",
    "Demikian dikatakan",
    "Hal itu disampaikan",
    "menurut",
    "Menurutnya",
    "Kata",
    "katanya",
    "kata",
    "berkata",
    "melansir",
    "Dilansir dari",
    "seperti dikutip dari",
    "Mengutip",
    "ujarnya",
    "tambah",
    "jelasnya",
    "sebut",
    "İ",
    "ß",
    "K",
    "ſ",
    "ı",
    "ﬁ",
]
PIECES = st.one_of(
    st.sampled_from(CUES),
    st.sampled_from([",", ", ", ".", " ", "-", '"', "\u201c", "\n", "\u00a0", "Budi", "dia"]),
    st.text(min_size=1, max_size=3),
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The patterns whose cue `CueWords` promises to find, and the group that holds it.
CUE_GROUPS: list[tuple[regex.Pattern[str], int | str]] = [
    (PATTERNS.menurut, "cue"),
    (PATTERNS.agent_clitic, "cue"),
    (PATTERNS.relay, "cue"),
    (PATTERNS.passive, "cue"),
    (PATTERNS.as_said, "cue"),
    (PATTERNS.cue_after_content, 0),
    (MENURUT_PRONOUN, "cue"),
]


@SETTINGS
@given(TEXTS)
def test_every_cue_is_found(text: str) -> None:
    cues = CueWords(text, PATTERNS)
    for at in range(len(text)):
        for pattern, group in CUE_GROUPS:
            match = pattern.match(text, at)
            if match:
                assert cues.touch(match.start(group), match.end(group)), (pattern, at)
        # `_menurut_first` looks for its cues only where a possible cue covers the clause
        # start, and `_cue_last` only at the commas that `CueWords` finds.
        for pattern in (PATTERNS.menurut, PATTERNS.agent_clitic):
            if pattern.match(text, at):
                assert cues.touch(at, at + 1), (pattern, at)
        if PATTERNS.cue_after_content.match(text, at):
            assert cues.commas_between(at, at + 1) == [at], at
        # A verb search may end anywhere (`_post_cue` looks 120 characters on): each end.
        for end in range(at + 1, min(len(text), at + 20) + 1):
            if PATTERNS.speech_verb.match(text, at, end):
                assert at in cues.starts, (at, end)


def test_casefolding_keeps_each_cue_letter() -> None:
    """Every character that `regex` matches to a letter of a cue word ignoring case folds
    to that letter, or to more than one character (then `CueWords` reads every word)."""
    letters = {c for pattern in PATTERNS.cue_words for c in pattern.pattern if c.isalpha()}
    any_letter = regex.compile("(?i)[" + "".join(sorted(letters)) + "]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if any_letter.fullmatch(char):
            folded = char.casefold()
            assert len(folded) != 1 or (
                folded in letters and regex.fullmatch(f"(?i){folded}", char)
            ), hex(code)
