"""The corpus checks of `quotedb.evaluation.audit`, each on a quote made to fail it."""

from __future__ import annotations

from quotedb.evaluation.audit import CHECKS, AuditReport, audit, audit_article
from quotedb.records import ArticleMeta, Extraction, Quote, Span


def _quote(speaker: str, role: str | None, role_span: Span | None = None) -> Quote:
    return Quote(
        start=0,
        end=10,
        text="Harga naik",
        kind="indirect",
        cue="kata",
        cue_span=None,
        speaker=speaker,
        speaker_type="person",
        mention=speaker,
        mention_span=Span(20, 30),
        role=role,
        role_span=role_span,
        paragraph=0,
    )


def _checks(*quotes: Quote) -> list[tuple[str, str]]:
    report = audit([("a", Extraction(meta=ArticleMeta(), quotes=quotes))])
    return [(f.check, f.detail) for f in report.findings]


def test_a_plain_speaker_and_role_pass_every_check() -> None:
    assert _checks(_quote("Rina Wulandari", "Kepala Dinas Pertanian Kota Banyumili")) == []


def test_each_check_finds_its_fault() -> None:
    assert _checks(_quote("Rina Wulandari", "Kepala Dinas", Span(40, 30))) == [
        ("span", "role Span(start=40, end=30)")
    ]
    assert _checks(_quote("Rina Wulandari", "Ketua RT mengatakan harga naik")) == [
        ("role cue", "mengatakan")
    ]
    assert _checks(_quote("Rina Wulandari", "Ketua RT namun warga setempat")) == [
        ("role connector", "namun")
    ]
    assert _checks(_quote("Namun Rina", None), _quote("Kapolres Budi", None)) == [
        ("name start", "adverb 'Namun'"),
        ("name start", "role 'Kapolres'"),
    ]
    assert [c for c, _ in _checks(_quote("Menurut Rina", None))] == ["name start"]


def test_another_speakers_name_in_a_role_is_a_fault_unless_the_role_relates_them() -> None:
    rina = _quote("Rina Wulandari", None)
    assert _checks(rina, _quote("Budi Santoso", "Menteri X Rina Wulandari menjawab")) == [
        ("role cue", "menjawab"),
        ("role name", "Rina Wulandari"),
    ]
    assert _checks(rina, _quote("Budi Santoso", "kuasa hukum Rina Wulandari")) == []


def test_long_roles_are_counted_once_each() -> None:
    report = AuditReport()
    long_role = "Kepala Seksi Pengawasan Mutu Benih dan Pupuk Organik Dinas Pertanian Banyumili"
    quotes = (_quote("Rina Wulandari", long_role), _quote("Rina Wulandari", long_role))
    audit_article("a", Extraction(meta=ArticleMeta(), quotes=quotes), report)
    assert report.long_roles == [long_role]
    assert report.quotes == 2
    assert set(CHECKS) >= {f.check for f in report.findings}
