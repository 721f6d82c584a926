"""Scoring extracted quotes against a gold file (the scorer behind `quotedb eval`).

The rules are those of "The score" in the gold guidelines:

1. Names are normalised: casefolded, honorifics and academic titles stripped from the front
   (`Prof. Dr. H. Budi` -> `budi`), degrees after a comma dropped (`Budi, S.H.` -> `budi`),
   a leading `seorang`/`para` dropped; words are `\\w+` runs joined by one space.
2. Each range is trimmed of white space and punctuation (quotation marks included) at both
   ends; a prediction and a gold quote overlap by |A & B| / |A | B|. Pairs with overlap >= 0.5
   are matched one-to-one, highest overlap first; equal trimmed ranges are an exact match.
3. Matched non-optional gold = true positives, unmatched predictions (not matched to an
   optional gold either) = false positives, unmatched non-optional gold = false negatives.
4. Speaker, role and kind are judged on the true-positive pairs (a pair with an optional gold
   counts for nothing at all). End-to-end, a true positive with the wrong speaker counts as
   one false positive and one false negative.

Everything is micro-averaged over all quotes of all articles; 0/0 is 0.0. Gold files are
read by `quotedb.evaluation.gold`; `quotedb.evaluation.report` prints a report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from quotedb.evaluation.gold import GoldArticle, GoldQuote
from quotedb.evaluation.matching import (
    NameNormalizer,
    default_normalizer,
    match,
    role_right,
    speaker_right,
    trim,
)
from quotedb.records import Quote

KINDS = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organization", "anonymous")

ErrorCategory = Literal["missed", "false_alarm", "wrong_speaker", "wrong_role", "wrong_kind"]

# --- the report --------------------------------------------------------------------------


def ratio(numerator: int, denominator: int) -> float:
    """`numerator / denominator`, with 0/0 (or anything over 0) = 0.0."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    """The raw counts behind the report (optional gold excluded everywhere but `optional_*`)."""

    tp: int = 0
    """Matched non-optional gold."""
    fp: int = 0
    """Predictions matched to no gold at all."""
    fn: int = 0
    """Non-optional gold matched by no prediction."""
    gold: int = 0
    """Non-optional gold quotes."""
    predicted: int = 0
    """All predictions, those matched to optional gold included."""
    optional_gold: int = 0
    optional_matched: int = 0
    """Predictions matched to optional gold (neither TP nor FP)."""
    exact_tp: int = 0
    e2e_tp: int = 0
    """True positives with the right speaker."""
    role_total: int = 0
    """True positives whose gold has a role."""
    role_right: int = 0
    kind_right: int = 0


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Recall-side figures for the non-optional gold of one kind or speaker type."""

    gold: int = 0
    found: int = 0
    speaker_right: int = 0

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def speaker_acc(self) -> float:
        return ratio(self.speaker_right, self.found)

    @property
    def e2e_recall(self) -> float:
        return ratio(self.speaker_right, self.gold)

    def add(self, *, found: bool, right: bool) -> Breakdown:
        return Breakdown(self.gold + 1, self.found + found, self.speaker_right + (found and right))


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One mistake. `start`/`end`/`text` are the gold quote's, or the prediction's for a false
    alarm; `text` is the whole span (renderers shorten it)."""

    article_id: str
    category: ErrorCategory
    start: int
    end: int
    text: str
    gold_speaker: str | None = None
    pred_speaker: str | None = None
    gold_role: str | None = None
    pred_role: str | None = None
    gold_kind: str | None = None
    pred_kind: str | None = None


SUMMARY_KEYS = (
    "quote_p",
    "quote_r",
    "quote_f1",
    "exact_f1",
    "speaker_acc",
    "e2e_p",
    "e2e_r",
    "e2e_f1",
    "role_acc",
    "kind_acc",
)


@dataclass(frozen=True)
class Report:
    quote_p: float
    quote_r: float
    quote_f1: float
    exact_p: float
    exact_r: float
    exact_f1: float
    speaker_acc: float
    e2e_p: float
    e2e_r: float
    e2e_f1: float
    role_acc: float
    kind_acc: float
    counts: Counts
    by_kind: dict[str, Breakdown]
    by_speaker_type: dict[str, Breakdown]
    errors: tuple[ErrorItem, ...]

    def summary(self) -> dict[str, float]:
        """The headline metrics, rounded to 4 places (the `quotedb eval --format json` shape)."""
        return {key: round(getattr(self, key), 4) for key in SUMMARY_KEYS}


@dataclass
class _Tally:
    """Mutable counters while scoring; frozen into a `Report` at the end."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    gold: int = 0
    predicted: int = 0
    optional_gold: int = 0
    optional_matched: int = 0
    exact_tp: int = 0
    e2e_tp: int = 0
    role_total: int = 0
    role_right: int = 0
    kind_right: int = 0
    by_kind: dict[str, Breakdown] = field(default_factory=dict)
    by_speaker_type: dict[str, Breakdown] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)

    def counts(self) -> Counts:
        return Counts(
            tp=self.tp,
            fp=self.fp,
            fn=self.fn,
            gold=self.gold,
            predicted=self.predicted,
            optional_gold=self.optional_gold,
            optional_matched=self.optional_matched,
            exact_tp=self.exact_tp,
            e2e_tp=self.e2e_tp,
            role_total=self.role_total,
            role_right=self.role_right,
            kind_right=self.kind_right,
        )


def _tally_breakdown(tally: _Tally, gold: GoldQuote, *, found: bool, right: bool) -> None:
    for table, key in ((tally.by_kind, gold.kind), (tally.by_speaker_type, gold.speaker_type)):
        table[key] = table.get(key, Breakdown()).add(found=found, right=right)


def _gold_error(
    article_id: str, category: ErrorCategory, gold: GoldQuote, pred: Quote | None
) -> ErrorItem:
    return ErrorItem(
        article_id=article_id,
        category=category,
        start=gold.start,
        end=gold.end,
        text=gold.text,
        gold_speaker=gold.speaker,
        pred_speaker=pred.speaker if pred else None,
        gold_role=gold.role,
        pred_role=pred.role if pred else None,
        gold_kind=gold.kind,
        pred_kind=pred.kind if pred else None,
    )


def _score_article(
    tally: _Tally, article: GoldArticle, predictions: Sequence[Quote], normalizer: NameNormalizer
) -> None:
    text = article.text
    gold_ranges = [trim(text, q.start, q.end) for q in article.quotes]
    pred_ranges = [trim(text, q.start, q.end) for q in predictions]
    pairs = match(pred_ranges, gold_ranges, [q.optional for q in article.quotes])
    by_gold = {g: p for p, g, _ in pairs}
    matched_preds = {p for p, _, _ in pairs}
    tally.predicted += len(predictions)
    errors: list[ErrorItem] = []

    for g, gold in enumerate(article.quotes):
        if gold.optional:
            tally.optional_gold += 1
            tally.optional_matched += g in by_gold
            continue
        tally.gold += 1
        p = by_gold.get(g)
        pred = predictions[p] if p is not None else None
        right = pred is not None and speaker_right(pred.speaker, gold, normalizer)
        _tally_breakdown(tally, gold, found=pred is not None, right=right)
        if p is None or pred is None:
            tally.fn += 1
            errors.append(_gold_error(article.id, "missed", gold, None))
            continue
        tally.tp += 1
        tally.exact_tp += pred_ranges[p] == gold_ranges[g]
        if right:
            tally.e2e_tp += 1
        else:
            errors.append(_gold_error(article.id, "wrong_speaker", gold, pred))
        if gold.role is not None:
            tally.role_total += 1
            if role_right(pred.role, gold.role):
                tally.role_right += 1
            else:
                errors.append(_gold_error(article.id, "wrong_role", gold, pred))
        if pred.kind == gold.kind:
            tally.kind_right += 1
        else:
            errors.append(_gold_error(article.id, "wrong_kind", gold, pred))

    for p, alarm in enumerate(predictions):
        if p in matched_preds:
            continue
        tally.fp += 1
        errors.append(
            ErrorItem(
                article_id=article.id,
                category="false_alarm",
                start=alarm.start,
                end=alarm.end,
                text=text[max(0, alarm.start) : max(0, alarm.end)],
                pred_speaker=alarm.speaker,
                pred_role=alarm.role,
                pred_kind=alarm.kind,
            )
        )
    tally.errors.extend(sorted(errors, key=lambda e: (e.start, e.end)))


def _ordered(breakdowns: dict[str, Breakdown], known: tuple[str, ...]) -> dict[str, Breakdown]:
    keys = [k for k in known if k in breakdowns] + sorted(set(breakdowns) - set(known))
    return {k: breakdowns[k] for k in keys}


def score(
    pairs: Iterable[tuple[GoldArticle, Sequence[Quote]]],
    *,
    normalizer: NameNormalizer | None = None,
) -> Report:
    """Score each article's predicted quotes against its gold quotes, micro-averaged.

    `normalizer` defaults to the one built from the bundled lexicon (loaded on first use).
    """
    normalizer = normalizer or default_normalizer()
    tally = _Tally()
    for article, predictions in pairs:
        _score_article(tally, article, predictions, normalizer)

    considered = tally.tp + tally.fp
    quote_p, quote_r = ratio(tally.tp, considered), ratio(tally.tp, tally.gold)
    exact_p, exact_r = ratio(tally.exact_tp, considered), ratio(tally.exact_tp, tally.gold)
    e2e_p, e2e_r = ratio(tally.e2e_tp, considered), ratio(tally.e2e_tp, tally.gold)
    return Report(
        quote_p=quote_p,
        quote_r=quote_r,
        quote_f1=f1(quote_p, quote_r),
        exact_p=exact_p,
        exact_r=exact_r,
        exact_f1=f1(exact_p, exact_r),
        speaker_acc=ratio(tally.e2e_tp, tally.tp),
        e2e_p=e2e_p,
        e2e_r=e2e_r,
        e2e_f1=f1(e2e_p, e2e_r),
        role_acc=ratio(tally.role_right, tally.role_total),
        kind_acc=ratio(tally.kind_right, tally.tp),
        counts=tally.counts(),
        by_kind=_ordered(tally.by_kind, KINDS),
        by_speaker_type=_ordered(tally.by_speaker_type, SPEAKER_TYPES),
        errors=tuple(tally.errors),
    )


# --- rendering ---------------------------------------------------------------------------
