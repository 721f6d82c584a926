"""Every cue pattern of the parser, built once from the lexicon's word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property

import regex

from quotedb.parse.lexicon import Lexicon, load_lexicon
from quotedb.parse.mentions import MentionReader

_Trie = dict[str, "_Trie"]


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words`, as a trie (`me(?:ngatakan|nyatakan)`): the regex
    engine tries a long word list three times faster this way than as `a|b|c`."""
    root: _Trie = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: _Trie) -> str:
    ends = "" in node
    branches = [regex.escape(ch) + _trie_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# The cue words of the rules whose words are not in a lexicon file.
MENURUT_CUES = ("menurut", "kata")
"""`Menurut X, ...`, `Kata X, ...` at a clause start."""
RELAY_CUES = ("melansir", "mengutip")
RELAY_PASSIVE_CUES = ("dilansir", "dikutip")
"""`Dilansir dari X, ...`: these may take `dari`."""
CLAUSE_END_CUES = (
    *MENURUT_CUES,
    *"ujar tutur ungkap jelas tambah imbuh tegas ucap lanjut terang papar sebut".split(),
)
"""`..., kata X.` after the words they attribute."""


@dataclass(frozen=True)
class Patterns:
    lexicon: Lexicon
    post_cue: regex.Pattern[str]
    """After a closing mark: `, kata`, `ujarnya lagi`, `tambah dia` (group `cue`, `nya`)."""
    speech_verb: regex.Pattern[str]
    """A cue verb before a clause or a quote (`mengatakan`, `menilai`), group `verb`."""
    menurut: regex.Pattern[str]
    """`Menurut X,` / `Menurutnya,` / `Kata X,` at a clause start; group `nya` for the clitic."""
    agent_clitic: regex.Pattern[str]
    """`Dikatakannya,` / `Ditambahkannya,` at a clause start: said by the last speaker."""
    relay: regex.Pattern[str]
    """`Melansir X,` / `Dikutip dari X,` / `Mengutip X,` at a clause start."""
    as_said: regex.Pattern[str]
    """`Seperti disampaikan X,` / `Sebagaimana yang ditegaskan X,` at a clause start."""
    passive: regex.Pattern[str]
    """`Hal itu disampaikan X` / `Demikian dikatakan X` after the words they attribute."""
    said_thus: regex.Pattern[str]
    """After a closing mark: `, demikian disampaikan X`, `, demikian pernyataan X` (group
    `cue`: the passive verb or the statement noun, whose source follows it)."""
    connector: regex.Pattern[str]
    """Connectors that open a sentence (`Sementara itu,`), with their comma."""
    cue_after_content: regex.Pattern[str]
    """`, kata X` / `, menurutnya` after the words they attribute (group `cue`, `nya`)."""
    cue_words: tuple[re.Pattern[str], ...]
    """In casefolded text, every word that some rule above needs to find a unit: the cue
    verbs, `menurut`/`kata`, the relay and passive cues, and the comma before a
    `CLAUSE_END_CUES` word. Where one of those patterns matches, one of these matches at
    the cue word (or its comma), or that lies inside one of its matches. The standard `re`
    engine searches for these plain words several times faster than `regex` does ignoring
    case, and for the words and the commas apart twice as fast as for either (see
    `cuewords.CueWords`)."""
    boundary_words: frozenset[str]
    adverbs: frozenset[str]
    non_sources: frozenset[str]
    statement_nouns: frozenset[str]
    abbreviations: frozenset[str]
    verb_classes: dict[str, str]

    @cached_property
    def reader(self) -> MentionReader:
        return MentionReader(self.lexicon)


@cache
def load_patterns() -> Patterns:
    lexicon = load_lexicon()
    roots = _alternation(lexicon.post_quote_cues)
    verbs = _alternation(lexicon.speech_verbs)
    passives = _alternation(lexicon.passive_cues)
    connectors = _alternation(lexicon.connectors)
    statements = _alternation(lexicon.statement_nouns)
    word_end = r"(?![\p{L}\p{N}])"
    cue_words = [
        *lexicon.speech_verbs,
        *lexicon.passive_cues,
        *MENURUT_CUES,
        *RELAY_CUES,
        *RELAY_PASSIVE_CUES,
    ]
    clause_end = _alternation(w.casefold() for w in CLAUSE_END_CUES)
    return Patterns(
        lexicon=lexicon,
        post_cue=regex.compile(
            rf"\s*[,.]?\s*(?P<cue>(?i:{roots})(?P<nya>nya)?){word_end}(?:\s+lagi{word_end})?",
        ),
        speech_verb=regex.compile(rf"(?<![\p{{L}}\p{{N}}-])(?P<verb>(?i:{verbs})){word_end}"),
        menurut=regex.compile(
            rf"(?P<cue>(?i:{'|'.join(MENURUT_CUES)})(?P<nya>nya)?){word_end}", regex.I
        ),
        agent_clitic=regex.compile(rf"(?P<cue>(?i:{passives})nya)\s*,"),
        relay=regex.compile(
            rf"(?i:(?:seperti\s+|sebagaimana\s+)?(?P<cue>{'|'.join(RELAY_CUES)}|"
            rf"(?:{'|'.join(RELAY_PASSIVE_CUES)})(?:\s+dari)?)){word_end}\s*"
        ),
        as_said=regex.compile(
            rf"(?i:(?:seperti|sebagaimana)\s+(?:yang\s+)?(?:(?:telah|sudah|pernah|sempat)\s+)?"
            rf"(?P<cue>{passives})){word_end}(?:\s+(?i:oleh){word_end})?\s*"
        ),
        passive=regex.compile(
            rf"(?i:(?:hal\s+(?:itu|tersebut|ini)|demikian|begitu|itu|ini)\s+(?:yang\s+)?"
            rf"(?:juga\s+)?(?:sempat\s+)?(?P<cue>{passives})(?P<nya>nya)?){word_end}"
        ),
        said_thus=regex.compile(
            rf"\s*,?\s*(?i:demikian|begitu)\s+(?:(?i:yang\s+))?"
            rf"(?P<cue>(?i:{passives}|{statements}|bunyi|isi)){word_end}"
            rf"(?:\s+(?i:tertulis|resmi|pers){word_end})?(?:\s+(?i:dari|oleh){word_end})?\s*"
        ),
        connector=regex.compile(rf"(?i:{connectors})(?:\s*,\s*|\s+)"),
        cue_after_content=regex.compile(
            rf",\s*(?P<cue>(?i:{'|'.join(CLAUSE_END_CUES)}))(?P<nya>nya)?{word_end}"
        ),
        cue_words=(
            re.compile(_alternation(w.casefold() for w in cue_words)),
            # The `re` engine's `\s` takes every white space character that the `regex`
            # engine's does in `cue_after_content` (and four control characters more).
            re.compile(rf",(?=\s*(?:{clause_end}))"),
        ),
        boundary_words=frozenset(lexicon.np_boundaries),
        adverbs=frozenset(lexicon.subject_adverbs),
        non_sources=frozenset(lexicon.non_sources),
        statement_nouns=frozenset(lexicon.statement_nouns),
        abbreviations=frozenset(lexicon.abbreviations),
        verb_classes=dict(lexicon.speech_verbs),
    )
