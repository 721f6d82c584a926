"""The scorer behind `quotedb eval`, on tiny synthetic articles built here."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from quotedb.errors import InputError
from quotedb.evaluation import (
    GoldArticle,
    GoldQuote,
    load_gold,
    matching,
    render_errors,
    render_table,
    score,
)
from quotedb.evaluation import scoring as evaluate
from quotedb.evaluation.matching import NameNormalizer, match, role_right, speaker_right, trim
from quotedb.evaluation.scoring import SUMMARY_KEYS
from quotedb.records import Quote

NORMALIZER = NameNormalizer(("Pak", "Bu", "Bapak", "Dr.", "Prof.", "H."), ("S.H.", "M.Si."))

TEXT = (
    "Judul Berita\n\n"
    '"Kami siap menghadapi pemilu," kata Ketua Panitia Budi Santoso.\n\n'
    "Menurut Siti Rahma, harga beras naik sejak awal bulan.\n\n"
    "Para petani berharap hujan segera turun di desa mereka.\n"
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def gold(
    text: str,
    part: str,
    speaker: str,
    *,
    kind: str = "direct",
    speaker_type: str = "person",
    alt: tuple[str, ...] = (),
    role: str | None = None,
    optional: bool = False,
) -> GoldQuote:
    start, end = span(text, part)
    return GoldQuote(
        start=start,
        end=end,
        text=part,
        kind=kind,
        speaker=speaker,
        speaker_type=speaker_type,
        speaker_alt=alt,
        role=role,
        optional=optional,
    )


def pred(
    text: str,
    part: str,
    speaker: str | None,
    *,
    kind: str = "direct",
    role: str | None = None,
    offset: int = 0,
) -> Quote:
    start, end = span(text, part)
    return Quote(
        start=start + offset,
        end=end + offset,
        text=text[start + offset : end + offset],
        kind=kind,  # type: ignore[arg-type]
        cue=None,
        cue_span=None,
        speaker=speaker,
        speaker_type="person",
        mention=None,
        mention_span=None,
        role=role,
        role_span=None,
        paragraph=0,
    )


def article(*quotes: GoldQuote, text: str = TEXT, id: str = "uji-001") -> GoldArticle:
    return GoldArticle(id=id, text=text, quotes=quotes)


BUDI = gold(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso", role="Ketua Panitia")
SITI = gold(TEXT, "harga beras naik sejak awal bulan", "Siti Rahma", kind="indirect")
PETANI = gold(
    TEXT,
    "hujan segera turun di desa mereka",
    "petani",
    kind="indirect",
    speaker_type="anonymous",
    optional=True,
)


def run(*pairs: tuple[GoldArticle, list[Quote]]) -> evaluate.Report:
    return score(pairs, normalizer=NORMALIZER)


def test_perfect_prediction_scores_one() -> None:
    report = run(
        (
            article(BUDI, SITI),
            [
                pred(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso", role="Ketua Panitia"),
                pred(TEXT, "harga beras naik sejak awal bulan", "Siti Rahma", kind="indirect"),
            ],
        )
    )
    assert report.summary() == dict.fromkeys(SUMMARY_KEYS, 1.0)
    assert report.errors == ()
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (2, 0, 0)


def test_overlap_below_half_is_a_false_alarm_and_a_miss() -> None:
    text = "Menurut Siti, pasar baru akan dibuka pada bulan depan di pusat kota.\n"
    gold_quote = gold(text, "pasar baru akan dibuka pada bulan depan", "Siti", kind="indirect")
    # The prediction covers the second half of the gold span and as much again after it.
    guess = pred(text, "pada bulan depan di pusat kota", "Siti", kind="indirect")
    start, end = trim(text, gold_quote.start, gold_quote.end)
    assert matching.overlap((start, end), (guess.start, guess.end)) < 0.5
    report = run((article(gold_quote, text=text), [guess]))
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (0, 1, 1)
    assert report.quote_f1 == 0.0
    assert [e.category for e in report.errors] == ["missed", "false_alarm"]


def test_marks_and_punctuation_are_trimmed_before_matching() -> None:
    text = 'Ia berkata, "Kami siap," lalu pergi.\n'
    start, end = span(text, '"Kami siap,"')
    assert text[slice(*trim(text, start, end))] == "Kami siap"
    gold_quote = gold(text, "Kami siap", "Budi")
    guess = pred(text, '"Kami siap,"', "Budi")
    report = run((article(gold_quote, text=text), [guess]))
    assert report.quote_f1 == 1.0
    assert report.exact_f1 == 1.0


def test_trim_handles_curly_and_guillemet_marks() -> None:
    text = "  “Baik sekali.” «Ya» "
    assert text[slice(*trim(text, 0, 16))] == "Baik sekali"
    assert text[slice(*trim(text, 16, len(text)))] == "Ya"
    assert trim('"..."', 0, 5) == (5, 5)


def test_optional_gold_neither_rewards_nor_penalises() -> None:
    budi = pred(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso", role="Ketua Panitia")
    on_optional = pred(TEXT, "hujan segera turun di desa mereka", "petani", kind="indirect")
    found = run((article(BUDI, PETANI), [budi, on_optional]))
    missed = run((article(BUDI, PETANI), [budi]))
    for report in (found, missed):
        assert report.summary() == dict.fromkeys(SUMMARY_KEYS, 1.0)
        assert (report.counts.tp, report.counts.fp, report.counts.fn) == (1, 0, 0)
        assert report.errors == ()
    assert found.counts.optional_matched == 1
    assert missed.counts.optional_matched == 0


def test_wrong_speaker_is_a_quote_hit_but_an_end_to_end_miss() -> None:
    report = run(
        (
            article(BUDI, SITI),
            [
                pred(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso", role="Ketua Panitia"),
                pred(TEXT, "harga beras naik sejak awal bulan", "Budi Santoso", kind="indirect"),
            ],
        )
    )
    assert report.quote_f1 == 1.0
    assert report.speaker_acc == 0.5
    assert (report.e2e_p, report.e2e_r, report.e2e_f1) == (0.5, 0.5, 0.5)
    assert [(e.category, e.gold_speaker, e.pred_speaker) for e in report.errors] == [
        ("wrong_speaker", "Siti Rahma", "Budi Santoso")
    ]


def test_no_speaker_is_wrong() -> None:
    report = run((article(SITI), [pred(TEXT, "harga beras naik sejak awal bulan", None)]))
    assert report.quote_f1 == 1.0
    assert report.e2e_f1 == 0.0


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Pak Budi Santoso", "budi santoso"),
        ("Prof. Dr. H. Budi", "budi"),
        ("DR Budi", "budi"),
        ("Budi Santoso, S.H., M.Si.", "budi santoso"),
        ("seorang  pejabat   desa", "pejabat desa"),
        ("para Bapak guru", "guru"),
        ("Pak", "pak"),
        ("Budi Pak", "budi pak"),
        ("Budi, Ketua RT", "budi ketua rt"),
    ],
)
def test_name_normalising(written: str, expected: str) -> None:
    assert NORMALIZER(written) == expected


def test_honorifics_do_not_make_a_speaker_wrong() -> None:
    budi = gold(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso")
    assert speaker_right("Pak Budi Santoso", budi, NORMALIZER)
    assert speaker_right("budi  santoso", budi, NORMALIZER)
    assert not speaker_right("Budi", budi, NORMALIZER)
    assert not speaker_right(None, budi, NORMALIZER)
    with_alt = gold(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso", alt=("Pak Bud",))
    assert speaker_right("Bud", with_alt, NORMALIZER)


def test_anonymous_speaker_right_by_word_overlap() -> None:
    anonymous = gold(
        TEXT, "harga beras naik", "pejabat kementerian pertanian", speaker_type="anonymous"
    )
    assert speaker_right("seorang pejabat kementerian", anonymous, NORMALIZER)  # 2/3
    assert not speaker_right("pejabat desa", anonymous, NORMALIZER)  # 1/4
    named = gold(TEXT, "harga beras naik", "pejabat kementerian pertanian")
    assert not speaker_right("pejabat kementerian", named, NORMALIZER)


def test_role_by_word_overlap() -> None:
    assert role_right("Ketua Panitia Pemilu", "Ketua Panitia")  # 2/3
    assert role_right("ketua  panitia", "Ketua Panitia")
    assert not role_right("Ketua RT", "Ketua Panitia Pemilu")  # 1/4
    assert not role_right(None, "Ketua Panitia")
    report = run(
        (
            article(BUDI, SITI),
            [
                pred(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso", role="Wakil Ketua"),
                pred(TEXT, "harga beras naik sejak awal bulan", "Siti Rahma", kind="direct"),
            ],
        )
    )
    assert report.role_acc == 0.0  # only Budi's gold has a role
    assert report.kind_acc == 0.5
    assert report.counts.role_total == 1
    assert [e.category for e in report.errors] == ["wrong_role", "wrong_kind"]


def test_matching_is_one_to_one_highest_overlap_first() -> None:
    whole = pred(TEXT, "harga beras naik sejak awal bulan", "Siti Rahma", kind="indirect")
    most = pred(TEXT, "harga beras naik sejak awal", "Siti Rahma", kind="indirect")
    for guesses in ([most, whole], [whole, most]):
        report = run((article(SITI), guesses))
        assert (report.counts.tp, report.counts.fp, report.counts.fn) == (1, 1, 0)
        assert report.exact_f1 == pytest.approx(2 / 3)
        (alarm,) = report.errors
        assert (alarm.category, alarm.end) == ("false_alarm", most.end)


def test_match_prefers_higher_overlap_over_order() -> None:
    # Prediction 0 overlaps both golds; gold 1 is its better match, leaving gold 0 to 1.
    pairs = match([(0, 10), (0, 8)], [(0, 8), (0, 10)])
    assert [(p, g) for p, g, _ in pairs] == [(1, 0), (0, 1)]


def test_scores_are_micro_averaged_over_articles() -> None:
    second_text = "Menurut Rina, jalan desa rusak parah.\n"
    second = article(
        gold(second_text, "jalan desa rusak parah", "Rina", kind="indirect"),
        text=second_text,
        id="uji-002",
    )
    report = run(
        (article(BUDI, SITI), [pred(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso")]),
        (second, [pred(second_text, "jalan desa rusak parah", "Rina", kind="indirect")]),
    )
    assert report.quote_p == 1.0
    assert report.quote_r == pytest.approx(2 / 3)
    assert report.by_kind["indirect"].gold == 2
    assert report.by_kind["indirect"].found == 1
    assert report.by_kind["direct"].recall == 1.0
    assert report.by_speaker_type["person"].e2e_recall == pytest.approx(2 / 3)


def test_nothing_to_score_gives_zeros() -> None:
    assert run().summary() == dict.fromkeys(SUMMARY_KEYS, 0.0)
    report = run((article(BUDI), []))
    assert report.quote_p == 0.0
    assert report.quote_r == 0.0


def test_summary_has_exactly_the_headline_keys_rounded() -> None:
    report = run(
        (
            article(BUDI, SITI, gold(TEXT, "Judul Berita", "Redaksi")),
            [pred(TEXT, "Kami siap menghadapi pemilu,", "Budi Santoso")],
        )
    )
    summary = report.summary()
    assert list(summary) == [
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
    ]
    assert summary["quote_r"] == 0.3333
    assert all(isinstance(value, float) for value in summary.values())


def test_renderers() -> None:
    budi = pred(TEXT, "Kami siap menghadapi pemilu,", "Budi", role="Ketua Panitia")
    report = run((article(BUDI, SITI), [budi]))
    table = render_table(report)
    assert "end-to-end" in table
    assert "indirect" in table
    assert "person" in table
    lines = render_errors(report).splitlines()
    assert lines[0].startswith(f"uji-001 [wrong_speaker] {BUDI.start}-{BUDI.end} ")
    assert lines[0].endswith("gold=Budi Santoso pred=Budi")
    assert lines[1] == (
        f'uji-001 [missed] {SITI.start}-{SITI.end} "harga beras naik sejak awal bulan"'
        " gold=Siti Rahma pred=-"
    )
    assert render_errors(run()) == ""


def test_default_normalizer_is_built_lazily_from_the_lexicon(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lexicon = SimpleNamespace(honorifics=("Ibu",), degrees_after=("S.Pd.",))
    monkeypatch.setattr(matching, "load_lexicon", lambda: lexicon)
    matching.default_normalizer.cache_clear()
    try:
        assert matching.normalize_name("Ibu Siti Rahma, S.Pd.") == "siti rahma"
        report = score(
            [(article(SITI), [pred(TEXT, SITI.text, "Ibu Siti Rahma", kind="indirect")])]
        )
        assert report.e2e_f1 == 1.0
    finally:
        matching.default_normalizer.cache_clear()


def write_gold(path: Path, records: list[str]) -> Path:
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


def gold_record(**changes: object) -> dict[str, object]:
    text = "Menurut Rina, jalan desa rusak parah."
    record: dict[str, object] = {
        "id": "uji-010",
        "origin": "buatan",
        "outlet": None,
        "date": "2024-01",
        "title": None,
        "agency": None,
        "text": text,
        "quotes": [
            {
                "start": 14,
                "end": 36,
                "text": "jalan desa rusak parah",
                "kind": "indirect",
                "cue": "menurut",
                "speaker": "Rina",
                "speaker_type": "person",
                "speaker_alt": [],
                "mention": "Rina",
                "role": None,
                "optional": False,
            }
        ],
    }
    record.update(changes)
    return record


@pytest.mark.parametrize("as_text", [False, True])
def test_load_gold_reads_records(tmp_path: Path, as_text: bool) -> None:
    path = write_gold(tmp_path / "gold.jsonl", [json.dumps(gold_record()), ""])
    (loaded,) = load_gold(str(path) if as_text else path)
    assert loaded.id == "uji-010"
    assert loaded.date == "2024-01"
    (quote,) = loaded.quotes
    assert loaded.text[quote.start : quote.end] == quote.text
    assert quote.speaker_alt == ()
    assert quote.optional is False


def test_load_gold_names_file_and_line_on_bad_json(tmp_path: Path) -> None:
    path = write_gold(tmp_path / "rusak.jsonl", [json.dumps(gold_record()), '{"id": "uji-011",'])
    with pytest.raises(InputError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert f"{path}:2:" in message
    assert "\n" not in message


def test_load_gold_rejects_offsets_that_miss_the_text(tmp_path: Path) -> None:
    record = gold_record()
    quote = dict(record["quotes"][0])  # type: ignore[index]
    quote["start"] = 13
    path = write_gold(tmp_path / "geser.jsonl", [json.dumps(gold_record(quotes=[quote]))])
    with pytest.raises(InputError, match=r"geser\.jsonl:1: quote 0"):
        load_gold(path)


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="tidak-ada.jsonl"):
        load_gold(tmp_path / "tidak-ada.jsonl")
