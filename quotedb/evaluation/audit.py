"""What a reader sees wrong in the parser's output on articles nobody annotated.

Gold files score a few dozen articles; these checks hold on every quote of any article, so
they run over a whole unlabelled corpus: spans that end before they start, roles that hold
a clause (a cue verb, a sentence connector, another speaker's name), person names that
start with a word the lexicons give another class (a role, an institution, a place, a rank,
an adverb), and roles long enough to be a clause rather than a title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import regex

from quotedb.parse.lexicon import Lexicon, load_lexicon
from quotedb.records import Extraction, Quote

LONG_ROLE_WORDS = 10
"""A role of this many words or more is most likely a clause read as a role."""

CHECKS = ("span", "role cue", "role connector", "role name", "name start")
"""What `audit_article` checks, in the order of the module's docstring."""

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
# Connectors that also join two nouns inside a title (`Menteri Politik dan Keamanan`,
# `Ketua Sementara`): only the others mark a sentence inside a role.
_NOUN_JOINERS = frozenset({"dan", "serta", "sementara"})


@dataclass(frozen=True)
class Finding:
    """One check that fails on one quote."""

    doc: str
    check: str
    quote: Quote
    detail: str


@dataclass
class AuditReport:
    """The findings over the articles audited so far, and the roles seen."""

    findings: list[Finding] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    quotes: int = 0

    @property
    def long_roles(self) -> list[str]:
        """The distinct roles of `LONG_ROLE_WORDS` words or more."""
        return sorted(r for r in self.roles if len(r.split()) >= LONG_ROLE_WORDS)

    def of(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]


@dataclass(frozen=True)
class _WordLists:
    cue_words: frozenset[str]
    connectors: tuple[tuple[str, ...], ...]
    first_word_classes: dict[str, str]
    particles: frozenset[str]
    relations: tuple[tuple[str, ...], ...]


@cache
def _word_lists() -> _WordLists:
    lexicon = load_lexicon()
    cues = {form.casefold() for form in lexicon.speech_verbs}
    cues |= {form.casefold() for form in lexicon.passive_cues}
    cues |= {f"{root}nya" for root in lexicon.post_quote_cues}
    connectors = tuple(
        tuple(c.split()) for c in lexicon.connectors if c.casefold() not in _NOUN_JOINERS
    )
    return _WordLists(
        cue_words=frozenset(cues),
        connectors=connectors,
        first_word_classes=_first_word_classes(lexicon),
        particles=frozenset(lexicon.name_particles),
        relations=tuple(tuple(r.split()) for r in lexicon.relations),
    )


def _first_word_classes(lexicon: Lexicon) -> dict[str, str]:
    """Casefolded word -> the class a lexicon gives it, for the words no name starts with:
    one-word roles and role acronyms, ranks, institution words and heads, every word of a
    place of places.txt and the one-word provinces and regencies, adverbs, connectors and
    function words."""
    classes: dict[str, str] = {}

    def add(words: Iterable[str], kind: str) -> None:
        for word in words:
            classes.setdefault(word.casefold(), kind)

    add((r for r in lexicon.roles if " " not in r), "role")
    add(lexicon.role_acronyms, "role")
    add((rank.split()[0] for rank in lexicon.ranks), "rank")
    add(lexicon.rank_suffixes, "rank")
    add(lexicon.institution_words, "institution")
    add((h for h in lexicon.organization_heads if " " not in h), "institution")
    add((word for place in lexicon.places for word in place.split()), "place")
    # Provinces and regencies, one-word ones: districts are too often people's names too.
    add((p for p in (*lexicon.provinces, *lexicon.regencies) if " " not in p), "place")
    add(lexicon.subject_adverbs, "adverb")
    add((c for c in lexicon.connectors if " " not in c), "adverb")
    add(lexicon.function_words, "adverb")
    return classes


def audit(articles: Iterable[tuple[str, Extraction]]) -> AuditReport:
    """Audit the extractions of many articles (`(doc id, extraction)` pairs)."""
    report = AuditReport()
    for doc, extraction in articles:
        audit_article(doc, extraction, report)
    return report


def audit_article(doc: str, extraction: Extraction, report: AuditReport) -> None:
    """Check every quote of one article; add what fails to `report`."""
    lists = _word_lists()
    people = {q.speaker for q in extraction.quotes if q.speaker and q.speaker_type == "person"}
    for quote in extraction.quotes:
        report.quotes += 1
        for name, span in (("mention", quote.mention_span), ("role", quote.role_span)):
            if span is not None and span.start > span.end:
                report.findings.append(Finding(doc, "span", quote, f"{name} {span}"))
        if quote.speaker and quote.speaker_type == "person":
            first = quote.speaker.split()[0]
            kind = lists.first_word_classes.get(first.casefold())
            if kind and first not in lists.particles:
                report.findings.append(Finding(doc, "name start", quote, f"{kind} {first!r}"))
        if quote.role:
            report.roles.add(quote.role)
            others = {p for p in people if p != quote.speaker}
            for check, detail in _role_faults(quote.role, others, lists):
                report.findings.append(Finding(doc, check, quote, detail))


def _role_faults(role: str, others: set[str], lists: _WordLists) -> Iterable[tuple[str, str]]:
    words = tuple(w.casefold() for w in _WORD.findall(role))
    cue = next((w for w in words if w in lists.cue_words), None)
    if cue:
        yield "role cue", cue
    connector = next((c for c in lists.connectors if _at(words, c)), None)
    if connector:
        yield "role connector", " ".join(connector)
    for other in sorted(others):
        at = _at(words, tuple(other.casefold().split()))
        if at and not any(words[max(0, at[0] - len(r)) : at[0]] == r for r in lists.relations):
            yield "role name", other
            return


def _at(words: tuple[str, ...], phrase: tuple[str, ...]) -> list[int]:
    """Where `phrase` is written in `words` (word offsets)."""
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if words[i : i + n] == phrase]
