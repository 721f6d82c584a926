"""Deciding identities (`quotedb.identity.identities.resolve`) on archives built by hand.

The people are invented, except the public figures of the nickname list and the state
institutions of the lexicon, which the lists name on purpose.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from quotedb.identity.identities import Resolution, resolve
from quotedb.identity.name_lists import listed_names
from quotedb.store.identities import Archive, Decision, RoleFacts, SpeakerFacts
from quotedb.store.keys import normalise_key


@dataclass(frozen=True)
class Said:
    """A speaker of the archive: how often quoted, in which roles, with which aliases."""

    name: str
    quotes: int = 1
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: str = "person"


def archive(*speakers: Said, decisions: tuple[tuple[str, ...], ...] = ()) -> Archive:
    """Speakers numbered from 1 in order; decisions as (action, speaker, other), in order."""
    role_ids: dict[str, int] = {}
    facts, aliases = [], []
    for number, said in enumerate(speakers, 1):
        # The quotes are shared out among the roles.
        share = max(1, said.quotes // max(1, len(said.roles)))
        roles = tuple(
            (role_ids.setdefault(title, len(role_ids) + 1), share) for title in said.roles
        )
        key = normalise_key(said.name)
        facts.append(SpeakerFacts(number, said.name, key, said.kind, number, said.quotes, roles))
        aliases += [(number, normalise_key(alias)) for alias in said.aliases]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    made = [
        Decision(
            number,
            action,
            normalise_key(name),
            normalise_key(other) if action == "merge" else None,
            other if action == "rename" else None,
            None,
            start + timedelta(minutes=number),
        )
        for number, (action, name, *rest) in enumerate(decisions, 1)
        for other in [rest[0] if rest else None]
    ]
    roles = {role_id: RoleFacts(title, None, None) for title, role_id in role_ids.items()}
    return Archive(facts, aliases, roles, made)


def together(resolution: Resolution, found: Archive) -> set[frozenset[str]]:
    """The identities of more than one speaker, as sets of their names."""
    names = {s.id: s.name for s in found.speakers}
    return {
        frozenset(names[i] for i in group.speaker_ids)
        for group in resolution.groups
        if len(group.speaker_ids) > 1
    }


def shown(resolution: Resolution, found: Archive, name: str) -> str:
    """The name the identity of speaker `name` is shown with."""
    number = next(s.id for s in found.speakers if s.name == name)
    return next(g.name for g in resolution.groups if number in g.speaker_ids)


def ambiguous(resolution: Resolution) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {a.name: (a.reason, a.candidates) for a in resolution.ambiguous}


def test_names_differing_in_punctuation_are_one() -> None:
    found = archive(Said("Rudi Hasibuan-Nasution", 3), Said("Rudi Hasibuan Nasution", 2))
    result = resolve(found)

    assert together(result, found) == {
        frozenset({"Rudi Hasibuan-Nasution", "Rudi Hasibuan Nasution"})
    }
    assert result.merges["spelling"] == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Soebagio Hadi Prawoto", "Subagio Hadi Prawoto"),  # spelling before 1972
        ("Djoko Tjahjadi", "Joko Cahjadi"),
        ("Syaiful Anwar Lubis", "Saiful Anwar Lubis"),  # `sy` or `s`
    ],
)
def test_spellings_of_one_name_are_one(one: str, other: str) -> None:
    found = archive(Said(one, 2), Said(other, 3), Said(one.split()[0], 1))
    result = resolve(found)

    assert together(result, found) == {frozenset({one, other, one.split()[0]})}
    assert result.merges["spelling"] == 1 and not result.ambiguous


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Rina Sari Dewi", "Rina Sari Dewiyanti"),  # one name within another is no spelling
        ("Joko Santoso Wijaya", "Yoko Santoso Wijaya"),  # `j` and `y` are two letters today
    ],
)
def test_names_alike_but_not_spellings_of_one_stay_two(one: str, other: str) -> None:
    found = archive(Said(one, 2), Said(other, 3))
    assert together(resolve(found), found) == set()


def test_a_listed_nickname_is_the_person_under_the_full_name() -> None:
    found = archive(Said("Jokowi", 4), Said("Joko Widodo", 2), Said("Widodo Santoso"))
    result = resolve(found)

    assert together(result, found) == {frozenset({"Jokowi", "Joko Widodo"})}
    assert shown(result, found, "Jokowi") == "Joko Widodo"
    assert result.merges["listed"] == 1


def test_merges_count_speakers_joined_through_a_listed_full_name_too() -> None:
    """`Jokowi` joins the listed `Joko Widodo` (no merge: one speaker), and `Joko` then
    joins that group (a merge: two speakers are one)."""
    found = archive(Said("Jokowi", 4), Said("Joko", 2))
    result = resolve(found)

    assert together(result, found) == {frozenset({"Jokowi", "Joko"})}
    assert result.merges["partial"] == 1 and sum(result.merges.values()) == 1
    assert result.speakers - len(result.groups) == sum(result.merges.values())


def test_a_listed_nickname_alone_takes_the_full_name() -> None:
    found = archive(Said("Jokowi", 4))
    result = resolve(found)

    assert [g.name for g in result.groups] == ["Joko Widodo"]
    assert result.merges["listed"] == 0  # no two speakers were joined


def test_the_nickname_list_drops_honorifics_as_the_parser_does() -> None:
    people = listed_names()["person"]
    assert people["dur"] == "Abdurrahman Wahid"  # `Gus Dur`, stored as `Dur`
    assert people["jokowi"] == "Joko Widodo"


def test_short_forms_of_state_institutions_are_the_institution() -> None:
    found = archive(
        Said("BMKG", 5, kind="organization"),
        Said("Badan Meteorologi, Klimatologi, dan Geofisika", 1, kind="organization"),
    )
    result = resolve(found)

    assert len(result.groups) == 1
    assert result.groups[0].name == "Badan Meteorologi, Klimatologi, dan Geofisika"
    assert result.groups[0].kind == "organization"


def test_an_alias_an_article_gave_joins_the_one_who_has_it() -> None:
    found = archive(Said("Bagas Pranoto", 5, aliases=("Bagas",)), Said("Bagas", 3))
    result = resolve(found)

    assert together(result, found) == {frozenset({"Bagas", "Bagas Pranoto"})}
    assert shown(result, found, "Bagas") == "Bagas Pranoto"
    assert result.merges["alias"] == 1


def test_a_nickname_an_article_gave_joins_across_articles() -> None:
    """Not a part of the full name: only the alias links them."""
    found = archive(Said("Hendrawan Saputra", 2, aliases=("Wawan",)), Said("Wawan", 6))
    result = resolve(found)

    assert together(result, found) == {frozenset({"Hendrawan Saputra", "Wawan"})}


def test_a_short_name_joins_the_only_longer_name_holding_its_words() -> None:
    found = archive(Said("Sutarmi Wulandari", 2), Said("Sutarmi", 4), Said("Wulandari Putri"))
    result = resolve(found)

    assert together(result, found) == {frozenset({"Sutarmi", "Sutarmi Wulandari"})}
    assert result.merges["partial"] == 1


def test_longer_short_forms_join_first_so_the_shortest_finds_one_identity() -> None:
    found = archive(Said("Gilang Ramadhan Putra", 2), Said("Gilang Ramadhan", 3), Said("Gilang", 1))
    result = resolve(found)

    assert together(result, found) == {
        frozenset({"Gilang Ramadhan Putra", "Gilang Ramadhan", "Gilang"})
    }
    assert result.ambiguous == []


def test_a_short_name_of_two_people_stays_apart_and_is_listed() -> None:
    found = archive(Said("Ahmad Fauzi Rahman"), Said("Ahmad Budi Santika"), Said("Ahmad", 7))
    result = resolve(found)

    assert together(result, found) == set()
    assert ambiguous(result) == {
        "Ahmad": ("several candidates", ("Ahmad Budi Santika", "Ahmad Fauzi Rahman"))
    }


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ahmad Fauzi Rahman", "Ahmad Budi Santika"),  # a first name
        ("Dewi Anggraini", "Rina Anggraini"),  # a surname
        ("Yoga Pratama Kusuma", "Yoga Pratama Saputra"),  # two first names
    ],
)
def test_full_names_sharing_a_first_name_or_a_surname_are_never_one(one: str, other: str) -> None:
    found = archive(Said(one, 3, roles=("Ketua Koperasi Nelayan",)), Said(other, 3))
    assert together(resolve(found), found) == set()


def test_among_several_the_one_sharing_a_role_is_chosen() -> None:
    found = archive(
        Said("Ahmad Fauzi Rahman", 3, roles=("Kepala Dinas Perikanan",)),
        Said("Ahmad Budi Santika", 3, roles=("Camat Tepi Laut",)),
        Said("Ahmad Sulaiman"),  # no role: no evidence either way
        Said("Ahmad", 5, roles=("Kadis Perikanan",)),  # the same office, written short
    )
    result = resolve(found)

    assert together(result, found) == {frozenset({"Ahmad", "Ahmad Fauzi Rahman"})}


def test_two_candidates_sharing_the_role_stay_apart() -> None:
    found = archive(
        Said("Ahmad Fauzi Rahman", roles=("Menteri Perdagangan",)),
        Said("Ahmad Budi Santika", roles=("Menteri Perdagangan",)),
        Said("Ahmad", 5, roles=("Mendag",)),
    )
    assert ambiguous(resolve(found))["Ahmad"][0] == "several candidates"


def test_the_only_candidate_in_another_office_is_not_the_same_person() -> None:
    found = archive(
        Said("Sutarmi Wulandari", 3, roles=("Kepala Dinas Perikanan Sukamaju",)),
        Said("Sutarmi", 2, roles=("Ketua Koperasi Nelayan Tepi Laut",)),
    )
    result = resolve(found)

    assert together(result, found) == set()
    assert ambiguous(result) == {"Sutarmi": ("roles differ", ("Sutarmi Wulandari",))}


def test_an_office_held_before_fits_any_held_now() -> None:
    found = archive(
        Sutarmi := Said("Sutarmi Wulandari", 3, roles=("Wakil Gubernur Jawa Barat",)),
        Said("Sutarmi", 2, roles=("mantan Wali Kota Sukamaju",)),
    )
    assert together(resolve(found), found) == {frozenset({"Sutarmi", Sutarmi.name})}


def test_a_role_given_in_few_of_many_quotes_rules_nothing_out() -> None:
    """Two quotes in ten under another office: likely a slip of the parser, no proof."""
    found = archive(
        Said("Sutarmi Wulandari", 3, roles=("Bupati Sukamaju",)),
        Said("Sutarmi", 10, roles=("pengusaha katering",)),
    )
    found.speakers[1] = dataclasses.replace(found.speakers[1], roles=((2, 2),))
    assert together(resolve(found), found) == {frozenset({"Sutarmi", "Sutarmi Wulandari"})}


def test_a_province_of_several_words_is_one_office_word() -> None:
    found = archive(
        Said("Sutarmi Wulandari", 3, roles=("Gubernur Nusa Tenggara Timur",)),
        Said("Sutarmi Lestari", 3, roles=("Bupati Sukamaju",)),
        Said("Sutarmi", 4, roles=("Ketua DPD Partai Amanah NTT",)),
    )
    assert together(resolve(found), found) == {frozenset({"Sutarmi", "Sutarmi Wulandari"})}


def test_organisations_and_people_never_join() -> None:
    found = archive(Said("Tirta", 3), Said("Tirta Abadi Nusantara", 2, kind="organization"))
    assert together(resolve(found), found) == set()


def test_unnamed_sources_never_join() -> None:
    found = archive(Said("warga", 3, kind="anonymous"), Said("warga desa", 2, kind="anonymous"))
    result = resolve(found)
    assert together(result, found) == set() and result.ambiguous == []


@pytest.mark.parametrize("short", ["M", "Pemerintah"])
def test_initials_and_bare_institution_heads_stand_for_nobody(short: str) -> None:
    kind = "person" if short == "M" else "organization"
    found = archive(
        Said(f"{short} Bagas Pranoto" if short == "M" else "Pemerintah Kota Sukamaju", kind=kind),
        Said(short, 4, kind=kind, aliases=()),
    )
    result = resolve(found)
    assert together(result, found) == set() and result.ambiguous == []


def test_the_most_quoted_full_name_or_a_longer_one_beginning_with_it_is_shown() -> None:
    found = archive(
        Said("Lestari", 9),
        Said("Lestari Wahyuni", 4),
        Said("Lestari Wahyuni Putri", 1, aliases=("Lestari",)),
    )
    assert shown(resolve(found), found, "Lestari") == "Lestari Wahyuni Putri"


# --- decisions made by hand ------------------------------------------------------------------


def test_a_curated_merge_joins_what_evidence_could_not() -> None:
    speakers = (Said("Ahmad Fauzi Rahman"), Said("Ahmad Budi Santika"), Said("Ahmad", 7))
    found = archive(*speakers, decisions=(("merge", "Ahmad", "Ahmad Fauzi Rahman"),))
    result = resolve(found)

    assert together(result, found) == {frozenset({"Ahmad", "Ahmad Fauzi Rahman"})}
    assert result.merges["curated"] == 1
    assert result.ambiguous == []  # settled


def test_a_split_speaker_stands_alone_and_no_evidence_moves_it_again() -> None:
    speakers = (Said("Bagas Pranoto", 5, aliases=("Bagas",)), Said("Bagas", 3))
    found = archive(*speakers, decisions=(("split", "Bagas"),))
    result = resolve(found)

    assert together(result, found) == set()
    assert result.ambiguous == []


def test_later_decisions_win() -> None:
    speakers = (Said("Sutarmi Wulandari"), Said("Sutarmi", 2, roles=("Ketua Koperasi",)))
    merged_then_split = archive(
        *speakers,
        decisions=(("merge", "Sutarmi", "Sutarmi Wulandari"), ("split", "Sutarmi")),
    )
    split_then_merged = archive(
        *speakers,
        decisions=(("split", "Sutarmi"), ("merge", "Sutarmi", "Sutarmi Wulandari")),
    )

    assert together(resolve(merged_then_split), merged_then_split) == set()
    assert together(resolve(split_then_merged), split_then_merged) == {
        frozenset({"Sutarmi", "Sutarmi Wulandari"})
    }


def test_a_rename_names_the_identity_and_the_last_one_counts() -> None:
    found = archive(
        Said("Bagas Pranoto", 5, aliases=("Bagas",)),
        Said("Bagas", 3),
        decisions=(("rename", "Bagas", "B. Pranoto"), ("rename", "Bagas Pranoto", "Bagas P.")),
    )
    assert shown(resolve(found), found, "Bagas") == "Bagas P."


def test_decisions_about_speakers_not_in_the_archive_wait() -> None:
    found = archive(
        Said("Sutarmi Wulandari"),
        decisions=(("merge", "Sumarni", "Sutarmi Wulandari"), ("rename", "Sumarni", "X")),
    )
    result = resolve(found)
    assert [g.name for g in result.groups] == ["Sutarmi Wulandari"]


def test_every_speaker_is_in_exactly_one_identity() -> None:
    found = archive(
        Said("Jokowi"),
        Said("Bagas Pranoto", aliases=("Bagas",)),
        Said("Bagas"),
        Said("Ahmad Fauzi Rahman"),
        Said("Ahmad Budi Santika"),
        Said("Ahmad"),
        Said("warga", kind="anonymous"),
        decisions=(("split", "Ahmad Budi Santika"),),
    )
    result = resolve(found)
    placed = [i for g in result.groups for i in g.speaker_ids]

    assert sorted(placed) == [s.id for s in found.speakers]
    # Split off, `Ahmad Budi Santika` is no candidate either: `Ahmad` has only one left.
    assert result.speakers == 7 and len(result.groups) == 5
    assert frozenset({"Ahmad", "Ahmad Fauzi Rahman"}) in together(result, found)
