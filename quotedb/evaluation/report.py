"""The scorer's report for people: the score table and the list of misses and false alarms."""

from __future__ import annotations

from quotedb.evaluation.scoring import Breakdown, ErrorItem, Report


def _breakdown_rows(title: str, breakdowns: dict[str, Breakdown]) -> list[str]:
    rows = [f"{title:<14}{'gold':>6}{'found':>7}{'recall':>8}{'speaker':>9}{'e2e R':>8}"]
    for name, b in breakdowns.items():
        rows.append(
            f"{name:<14}{b.gold:>6}{b.found:>7}{b.recall:>8.4f}{b.speaker_acc:>9.4f}"
            f"{b.e2e_recall:>8.4f}"
        )
    return rows


def render_table(report: Report) -> str:
    """A plain-text table: headline metrics, counts, then the by-kind and by-speaker-type rows."""
    c = report.counts
    lines = [
        f"{'':<14}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'quotes':<14}{report.quote_p:>8.4f}{report.quote_r:>8.4f}{report.quote_f1:>8.4f}",
        f"{'exact':<14}{report.exact_p:>8.4f}{report.exact_r:>8.4f}{report.exact_f1:>8.4f}",
        f"{'end-to-end':<14}{report.e2e_p:>8.4f}{report.e2e_r:>8.4f}{report.e2e_f1:>8.4f}",
        "",
        f"{'speaker acc':<14}{report.speaker_acc:>8.4f}  ({c.e2e_tp}/{c.tp})",
        f"{'role acc':<14}{report.role_acc:>8.4f}  ({c.role_right}/{c.role_total})",
        f"{'kind acc':<14}{report.kind_acc:>8.4f}  ({c.kind_right}/{c.tp})",
        "",
        f"tp {c.tp}  fp {c.fp}  fn {c.fn}  gold {c.gold}  predicted {c.predicted}"
        f"  (optional gold {c.optional_gold}, matched {c.optional_matched})",
        "",
        *_breakdown_rows("by kind", report.by_kind),
        "",
        *_breakdown_rows("by speaker", report.by_speaker_type),
    ]
    return "\n".join(lines) + "\n"


def snippet(text: str, width: int = 40) -> str:
    """`text` on one line, cut to `width` characters with `...` when longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3].rstrip() + "..."


def render_error(item: ErrorItem, width: int = 40) -> str:
    """`dev-001 [missed] 167-239 "menjadi korban..." gold=Sergei Domogatskii pred=-`."""
    if item.category == "wrong_role":
        gold, pred = item.gold_role, item.pred_role
    elif item.category == "wrong_kind":
        gold, pred = item.gold_kind, item.pred_kind
    else:
        gold, pred = item.gold_speaker, item.pred_speaker
    return (
        f'{item.article_id} [{item.category}] {item.start}-{item.end} "{snippet(item.text, width)}"'
        f" gold={gold or '-'} pred={pred or '-'}"
    )


def render_errors(report: Report, width: int = 40) -> str:
    """One line per error, in article order then text order (empty string when none)."""
    return "".join(render_error(item, width) + "\n" for item in report.errors)
