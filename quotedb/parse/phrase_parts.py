"""Where the name and the role lie in a speaker phrase.

`PhraseParts` adds to the word classes the decisions that cut a phrase into its parts: the
run of name words (`... Kementerian Lingkungan Hidup Hanif Faisol`: where the name starts),
ranks and honorifics around it, and the role written before the name, in the comma segment
before or after it (`Keir Giles, Konsultan Senior di ...`), or after `selaku`/`yang juga`.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotedb.parse.known_names import PLACE_HEADS
from quotedb.parse.tokens import Token
from quotedb.parse.words import INITIAL, ROMAN_NUMERAL, WordClasses

MAX_NAME_WORDS = 4
# Lowercase words that end a clause before a role (`... kepada Kapolda X`).
_CLAUSE_PREPOSITIONS = frozenset({"kepada", "oleh", "terhadap", "bersama", "dalam"})
_TOPIC_WORDS = frozenset({"terkait", "soal", "mengenai", "tentang", "perihal"})
_NAMING_WORDS = frozenset({"bernama", "berinisial", "yakni", "yaitu", "bernama lengkap"})
_LIST_JOINERS = frozenset({"dan", "serta"})
_MAX_INITIALS = 3  # letters of initials written without dots (`TB`)
_MAX_LISTED_WORDS = 5  # words of one field in a list of an office's fields


class PhraseParts(WordClasses):
    """The name and role of a phrase's comma segments (`MentionReader` reads with these)."""

    def _strip_ranks(self, tokens: Sequence[Token]) -> list[Token]:
        """Without the ranks and honorifics at either end (`Kabid Humas Polda Bali Kombes`,
        `Dr. Kepala ...`); inside a role they are words of it (`Sekretaris Jenderal`)."""
        kept = list(tokens)
        while kept and (self.is_rank_or_honorific(kept[-1]) or kept[-1].text in (",", "&")):
            kept.pop()
        while kept and self.is_rank_or_honorific(kept[0]):
            kept.pop(0)
        return kept

    def role_goes_on(self, segments: Sequence[Sequence[Token]], index: int) -> int:
        """How many comma segments from `index` on go on with the role of the segment
        before it, which holds a role word: the places of an office (`Kepala Desa X,
        Kecamatan Y, Kabupaten Z, Nama`) or the rest of a list of its fields (`Komisioner
        Divisi Hukum, Data Pemilih, dan Pengawasan KPU X Nama`). 0 where none does."""
        if index == 0 or not self._has_role(segments[index - 1]):
            return 0
        count = 0
        while index + count < len(segments) and self._is_place_segment(segments[index + count]):
            count += 1
        if count:
            return count
        # The list closes with `dan`/`serta` and a field: looked for first, as few
        # phrases hold one, and the fields before it are read only then.
        last = next(
            (
                k
                for k in range(index + 1, len(segments))
                if segments[k] and segments[k][0].lower in _LIST_JOINERS
            ),
            None,
        )
        if last is None:
            return 0
        closing = segments[last]
        if (
            len(closing) > 1
            and closing[1].text[:1].isupper()
            and not self.is_role_word(closing[1])
            and all(self._is_listed_field(segments[k]) for k in range(index, last))
        ):
            return last - index + 1
        return 0

    def role_groups(self, segments: Sequence[Sequence[Token]]) -> list[tuple[int, int]]:
        """The comma segments as groups (first and last index), each segment that goes on
        with a role (`role_goes_on`) in the group of that role."""
        groups = [(0, 0)]
        i = 1
        while i < len(segments):
            count = self.role_goes_on(segments, i)
            if count:
                groups[-1] = (groups[-1][0], i + count - 1)
                i += count
            else:
                groups.append((i, i))
                i += 1
        return groups

    def _is_place_segment(self, segment: Sequence[Token]) -> bool:
        """`Kecamatan Sukamaju`, `Kota Tirta`, `Jawa Tengah (Jateng)`: an office's place."""
        words = [t.text for t in segment if not t.text.startswith("(")]
        if not words:
            return False
        return (words[0] in PLACE_HEADS and len(words) > 1) or " ".join(
            words
        ) in self.lexicon.provinces

    def _is_listed_field(self, segment: Sequence[Token]) -> bool:
        """`Data Pemilih`, `Pencegahan` between commas in a title: capitalised words, no role,
        one that is no name (an office's noun, or a word the article writes in lowercase)."""
        if not 0 < len(segment) <= _MAX_LISTED_WORDS:
            return False
        if not all(t.text[:1].isupper() for t in segment) or self._has_role(segment):
            return False
        return any(not self.is_name_word(t) or self.writes_lowercase(t.lower) for t in segment)

    def writes_lowercase(self, word: str) -> bool:
        """Whether the article read writes `word` in lowercase (`MentionReader` knows)."""
        return False

    def _has_role(self, tokens: Sequence[Token]) -> bool:
        return any(self.is_role_word(t) for t in tokens)

    def _is_organization(self, tokens: Sequence[Token]) -> bool:
        first = tokens[0]
        if len(tokens) > 1 and tokens[-1].text in self.org_tails:
            return True
        if " ".join(t.lower for t in tokens) in self.organizations:
            return True
        if first.lower in self.org_heads and first.text[:1].isupper():
            return True
        return len(tokens) == 1 and self.is_org_word(first)

    def _find_name(self, segments: Sequence[Sequence[Token]]) -> tuple[int, list[Token]] | None:
        """The segment holding the person's name, and the name's words.

        A later segment that is only a name wins (`Pengacara Lisa Mariana, Jhony Boy
        Nababan`: the first name belongs to the role), unless the first is only a name too;
        otherwise the first segment that ends in a name (`Keir Giles, Konsultan Senior di
        ...`: the second is an apposition).
        """
        names = [self._trailing_name(segments[0])] if len(segments) > 1 else []
        if not (names and self._is_only_name(segments[0], names[0])):
            # not after `Dr Nama, ahli ... di Halifax, Nova`: the first is the name
            for index, segment in enumerate(segments[1:], start=1):
                name = self._trailing_name(segment)
                if self._is_only_name(segment, name):
                    return index, name
        for index, segment in enumerate(segments):
            name = names[0] if index == 0 and names else self._trailing_name(segment)
            if name:
                return index, name
        return None

    def _is_only_name(self, segment: Sequence[Token], name: Sequence[Token]) -> bool:
        core = [t for t in segment if not self.is_rank_or_honorific(t)]
        return bool(name) and len(name) == len([t for t in core if not t.text.startswith("(")])

    def _trailing_name(self, segment: Sequence[Token]) -> list[Token]:
        """The run of name words at the end of a segment (`... AS Jake Sullivan`)."""
        tail = list(segment)
        while tail and tail[-1].text.startswith("("):
            tail.pop()  # an age or a nickname after the name: `Sergei (40)`
        while len(tail) > 1 and tail[-1].text in self.bare_degrees and self.is_name_word(tail[-2]):
            tail.pop()  # `Ari Wibowo SH`
        first = len(tail)
        if (
            len(tail) > 1
            and tail[-1].text in self.institution_words
            and self.is_name_word(tail[-2])
            and not self.ends_office_or_place(tail, len(tail) - 2)
        ):
            first -= 1  # `Kepala Dinas X Ryan Utama`: a title's word ending a name is a name
        elif self._ends_in_place_name(tail):
            first -= 1
        while first > 0 and (
            (
                (self.is_name_word(tail[first - 1]) or self.is_name_word_at(tail, first - 1))
                and not self.ends_office_or_place(tail, first - 1)
            )
            or (  # `Paus Leo XIV`; not `Wilayah V Dian Patria`
                ROMAN_NUMERAL.match(tail[first - 1].text)
                and first > 1
                and self.is_name_word(tail[first - 2])
            )
        ):
            first -= 1
        if first >= 2 and first < len(tail) and self.initials_after_rank(tail, first - 1):
            first -= 1  # `Inspektur Jenderal TB Galih Putra`: the initials open the name
        run = tail[first:]
        if first > 0:  # `Putra Mahkota Saud`: the rest of a role is no first name
            for rest in self.role_phrases.get(tail[first - 1].lower, ()):
                if tuple(t.lower for t in run[: len(rest)]) == rest:
                    run = run[len(rest) :]
                    break
        while run and (run[0].text in self.particles and not run[0].text[:1].isupper()):
            run.pop(0)
        words = [t for t in run if not INITIAL.match(t.text)]
        before = tail[len(tail) - len(run) - 1] if len(tail) > len(run) else None
        if before is not None and before.text in PLACE_HEADS and len(words) >= 3:
            run.pop(0)  # `Kota Banyumili Agus Setiawan`: the word after `Kota` is the town
            words = [t for t in run if not INITIAL.match(t.text)]
        while len(words) > MAX_NAME_WORDS:
            run.pop(0)
            words = [t for t in run if not INITIAL.match(t.text)]
        if not words or run[-1].text in self.org_tails:
            return []  # `Nordic Press Agency` names an institution
        if len(run) == len(tail) and len(run) > 1 and self._is_organization(tail):
            return []
        return run

    def initials_after_rank(self, tail: Sequence[Token], i: int) -> bool:
        """`TB` in `Irjen TB Galih Putra`: two or three capitals between a rank and a name
        are the name's initials, unless they name an institution (`Komisaris KPK`)."""
        text = tail[i].text
        return (
            2 <= len(text) <= _MAX_INITIALS
            and text.isalpha()
            and text.isupper()
            and self.is_rank_or_honorific(tail[i - 1])
            and not self.is_rank_or_honorific(tail[i])
            and text not in self.acronyms
            and text not in self.lexicon.role_acronyms
            and text.casefold() not in self.organizations
        )

    def _ends_in_place_name(self, tail: Sequence[Token]) -> bool:
        """`... Tengah Rudi Hendra Yunani`: a place's name straight after two name words
        ends a person's name (a place of an office follows the office, never a person)."""
        last = len(tail) - 1
        return (
            last >= 2
            and tail[last].text in self.places
            and tail[last].text[1:].islower()  # not `AS`, `RI`: a country's short form
            and all(
                self.is_name_word(tail[k])
                and not self.ends_office_or_place(tail, k)
                and not self.is_org_word(tail[k])
                for k in (last - 1, last - 2)
            )
        )

    def _role_for(
        self, segments: Sequence[Sequence[Token]], index: int, name: Sequence[Token]
    ) -> list[Token]:
        """The role written with the name: before it, or in the segment before or after it."""
        role = self._role_written(segments, index, name)
        for i, token in enumerate(role):
            if token.text in _TOPIC_WORDS:
                role = role[:i]  # `Terdakwa kasus X terkait tudingan Y`: the topic is no title
                break
        while role and role[-1].text in self.function_words:
            role.pop()  # `... di Rystad Energy juga`: the adverb before the cue verb
        return role

    def _role_written(
        self, segments: Sequence[Sequence[Token]], index: int, name: Sequence[Token]
    ) -> list[Token]:
        segment = segments[index]
        # Before the name's first word: brackets after the name (`(Gus Bams)`) are no role.
        start = next(i for i, t in enumerate(segment) if t is name[0])
        before = self._strip_ranks(list(segment[:start]))
        while before and before[-1].lower in _NAMING_WORDS:
            before.pop()  # `pedagang bernama Sutini`
        for i in range(len(before) - 1, 0, -1):
            # `Presiden Brasil Luiz Santos dan Perdana Menteri Norwegia Erik Dahl`: the
            # role of the second name starts after the first name and its `dan`.
            if (
                before[i].lower in ("dan", "serta", "&")
                and i >= 2
                and self.is_name_word(before[i - 1])
                and self.is_name_word(before[i - 2])
                # not inside an office's name (`Dinas Bina Marga dan Sumber Daya Air`)
                and self._has_role(before[i + 1 :])
            ):
                before = before[i + 1 :]
                break
        before = self._after_clause(before)
        if self._has_role(before):
            return _from_first_role(before, self)
        if not before and index > 0:
            previous = self._after_clause(self._strip_ranks(segments[index - 1]))
            if self._has_role(previous):
                return _from_first_role(previous, self)
            if previous and previous[0].lower in self.anonymous_heads:
                return list(previous)  # `seorang warga Bekasi, Rina`: described, not titled
        if index + 1 < len(segments):
            after = self._strip_ranks(segments[index + 1])
            after = after[max(0, role_apposition(after)) :]  # `Nama, yang juga Ketua X,`
            if after and self.is_role_word(after[0]):
                return self._before_clause(after)
        return []

    def _after_clause(self, tokens: list[Token]) -> list[Token]:
        """The words after the last verb or clause preposition: a role before a name starts
        there (`Menteri X Nama1 menjawab tantangan Gubernur Y Nama2`: `Gubernur Y`)."""
        for i in range(len(tokens) - 1, -1, -1):
            if self.is_clause_word(tokens[i]) or tokens[i].text in _CLAUSE_PREPOSITIONS:
                return tokens[i + 1 :]
        return tokens

    def _before_clause(self, tokens: list[Token]) -> list[Token]:
        """The words before the first verb: an apposition ends there (`Nama, kepala ekonom di
        Bank X memproyeksikan ...`)."""
        for i, token in enumerate(tokens):
            if self.is_clause_word(token):
                return tokens[:i]
        return tokens


_ROLE_LEADS = (
    ("yang", "juga", "menjabat", "sebagai"),
    ("yang", "menjabat", "sebagai"),
    ("yang", "juga", "menjabat"),
    ("yang", "menjabat"),
    ("yang", "juga", "merupakan"),
    ("yang", "merupakan"),
    ("yang", "juga"),
    ("yang", "kini"),
    ("selaku",),
    ("sebagai",),
)


def role_apposition(tokens: Sequence[Token]) -> int:
    """How many words lead into a role written after a name (`yang juga Ketua X`, `selaku
    Kepala Y`): the role starts after them. -1 when the words are no such lead."""
    lowered = [t.lower for t in tokens]
    for lead in _ROLE_LEADS:
        if tuple(lowered[: len(lead)]) == lead:
            return len(lead)
    return -1


def _from_first_role(tokens: Sequence[Token], reader: WordClasses) -> list[Token]:
    for i, token in enumerate(tokens):
        if reader.is_role_word(token):
            return list(tokens[i:])
    return list(tokens)
