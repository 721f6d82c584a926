"""Step 4c of the parser: names and roles the article gives away from its quotes.

Once every mention is resolved, each speaker takes the fullest form of its name the article
writes anywhere (`Hartono` -> `Budi Hartono`), an institution the full name it defines with
an acronym, a person the full name behind a nickname, and the first role written with any
of its names; a first word that names a club rather than the person is dropped, and a
"person" whose name is part of another speaker's role becomes that role's institution.
"""

from __future__ import annotations

from functools import cached_property

from quotedb.parse.mentions import Mention, MentionReader
from quotedb.parse.nicknames import MIN_BLEND_LETTERS, is_blend, nickname_definitions
from quotedb.parse.speakers import Resolver, Speaker, casefolded_words
from quotedb.parse.tokens import tokenize
from quotedb.parse.windows import window_end, window_start
from quotedb.parse.wordindex import WordIndex
from quotedb.records import Span

# Bounds that keep an article of any size linear (a real one has a few dozen speakers).
_MAX_SPEAKERS = 300
_MAX_ROLE_LOOKS = 6  # roles are given at a name's first few occurrences
_BLEND_PREFIX = 3  # letters of a blend's first piece looked up (`Jok` of `Joko`)


def complete_speakers(resolver: Resolver, headline: str = "") -> None:
    """Widen the names and roles of `resolver`'s speakers, in place; `headline` is the
    article's headline, if it has one."""
    article = _ArticleWide(resolver.text, resolver.reader, resolver.index, resolver.speakers)
    article.expand_names()
    article.expand_organizations()
    article.drop_affiliations()
    article.merge_nicknames()
    article.merge_blends()
    article.harvest_roles()
    article.institutions_in_roles()
    article.headline_role(headline)


class _ArticleWide:
    def __init__(
        self, text: str, reader: MentionReader, index: WordIndex, speakers: list[Speaker]
    ) -> None:
        self.text = text
        self.reader = reader
        self.index = index
        self.speakers = speakers[:_MAX_SPEAKERS]

    def expand_names(self) -> None:
        """A speaker known by one word (`Hartono`) takes the fullest form of that name the
        article writes anywhere (`Menteri ... Budi Hartono meninjau ...`)."""
        for speaker in self.speakers:
            if speaker.kind != "person" or len(speaker.name.split()) != 1:
                continue
            best = speaker.name
            # A short form may be the start of a longer word: `Rahma` for `Rahmawati`.
            if len(speaker.name) >= 4:
                places = self.index.find_prefix(speaker.name)
            else:
                places = self.index.find(speaker.name)
            for start, end in places:
                full = self._name_around(start, end)
                if len(full.split()) > len(best.split()):
                    best = full
            if best != speaker.name:
                speaker.forms.append(speaker.name)
                speaker.name = best

    def expand_organizations(self) -> None:
        """An institution named by its first word (`Satgas`) takes the full name the article
        defines with an acronym (`Satgas Pengamanan Hutan Lindung (PHL)`)."""
        long_names = [n for n in self.reader.acronyms.values() if " " in n]
        for speaker in self.speakers:
            if speaker.kind != "organization" or " " in speaker.name:
                continue
            fuller = [n for n in long_names if n.startswith(speaker.name + " ")]
            if not fuller and speaker.name.casefold() in self.reader.org_heads:
                # `Satgas` after `Satgas Pengamanan Hutan Lindung` written in full.
                fuller = [self._org_name_at(start) for start, _ in self.index.find(speaker.name)]
            best = max(fuller, key=lambda n: len(n.split()), default=speaker.name)
            if best != speaker.name:
                speaker.forms.append(speaker.name)
                speaker.name = best

    def _org_name_at(self, start: int) -> str:
        """The capitalised words of an institution's name written from `start` on."""
        words: list[str] = []
        position = start
        for token in tokenize(self.text, start, min(len(self.text), start + 120)):
            gap = self.text[position : token.start]
            joiner = token.lower in ("dan", "&") and words
            if gap.strip() or not (token.text[:1].isupper() or joiner) or len(words) >= 8:
                break
            words.append(token.text)
            position = token.end
        while words and words[-1].casefold() in ("dan", "&"):
            words.pop()
        return " ".join(words)

    def drop_affiliations(self) -> None:
        """`Persiraja Hendra Tumbelaka`: a first word the article also writes on its
        own, away from the rest of the name, names a club or company, not the person."""
        for speaker in self.speakers:
            words = speaker.name.split()
            if speaker.kind != "person" or len(words) < 3 or len(words[0]) < 4:
                continue
            if any(words[0] in form.split() and form != speaker.name for form in speaker.forms):
                continue  # the article calls the speaker by it: a first name
            if speaker.role and self._ends_cabinet_post(speaker.role):
                continue  # `Menteri Keuangan X Y Z`: no place or company follows a ministry
            if any(
                not self.text.startswith(words[1], end + 1) for _, end in self.index.find(words[0])
            ):
                speaker.forms.append(speaker.name)
                speaker.name = " ".join(words[1:])

    def _ends_cabinet_post(self, role: str) -> bool:
        """Whether `role` ends with the full title of a cabinet post (`Menteri Keuangan`)."""
        role = " " + role.casefold()
        return any(role.endswith(" " + post) for post in self._cabinet_posts)

    @cached_property
    def _cabinet_posts(self) -> tuple[str, ...]:
        return tuple(post.casefold() for post in self.reader.lexicon.cabinet_posts)

    def _name_end(self, at: int) -> int:
        """The end of the capitalised words written from `at` on."""
        for token in tokenize(self.text, at, min(len(self.text), at + 80)):
            if not self.reader.is_name_word(token) or self.text[at : token.start].strip():
                break
            at = token.end
        return at

    def _name_around(self, start: int, end: int) -> str:
        reader = self.reader
        before = tokenize(self.text, max(0, start - 80), start)
        after = tokenize(self.text, end, min(len(self.text), end + 80))
        words = [self.text[start:end]]
        if not self.reader.is_name_word(tokenize(self.text, start, end)[0]):
            return words[0]
        position = start
        if self.text[start - 1 : start] in ("'", "‘") and self.text[end : end + 1] in ("'", "’"):
            # A nickname in single marks (`Suparman 'Parmin' Situmorang`): the name is around it.
            words, position = [], start - 1
            after = tokenize(self.text, end + 1, min(len(self.text), end + 80))
            end += 1
        for k in range(len(before) - 1, -1, -1):
            token = before[k]
            gap = self.text[token.end : position]
            if gap.strip() or len(words) >= 4:
                break
            if not reader.is_name_word(token):
                if k > 0 and reader.initials_after_rank(before, k):
                    words.insert(0, token.text)  # `Irjen TB Galih Putra`
                break
            if reader.ends_office_or_place(before, k):
                break  # `... Universitas Lambung Mangkurat Handry`: the name starts after it
            if _sentence_initial(self.text, token.start) and reader.writes_lowercase(token.lower):
                break
            words.insert(0, token.text)
            position = token.start
        position = end
        for i, token in enumerate(after):
            gap = self.text[position : token.start]
            if gap.strip() or not reader.is_name_word_at(after, i) or len(words) >= 4:
                break
            words.append(token.text)
            position = token.end
        return " ".join(words) if len(words) >= 2 else self.text[start:end].strip("'’")

    def merge_nicknames(self) -> None:
        """A person known by a nickname the article defines (`Bambang Sutrisno atau yang akrab
        disapa Gus Bams`) takes the full name, and with it the role written there."""
        people = [s for s in self.speakers if s.kind == "person"]
        if not people:
            return
        nicknames = nickname_definitions(self.text, self.reader, {s.name for s in people})
        for speaker in people:
            full = nicknames.get(speaker.name)
            if full is not None:
                speaker.forms.append(speaker.name)
                speaker.aliases.append(speaker.name)
                speaker.name = full

    def merge_blends(self) -> None:
        """A person known by a blend of a full name the article writes (`Jokowi` where
        `Presiden Joko Widodo` is written) takes the full name, and with it its role."""
        for speaker in self.speakers:
            name = speaker.name
            if speaker.kind != "person" or " " in name or len(name) < MIN_BLEND_LETTERS:
                continue
            for start, end in self.index.find_prefix(name[:_BLEND_PREFIX]):
                if self.text[start:end] == name:
                    continue  # the blend itself, most of what is found
                full = self._name_around(start, end)
                if full.split()[0] == self.text[start:end] and is_blend(name, full):
                    speaker.forms.append(name)
                    speaker.aliases.append(name)
                    speaker.name = full
                    break

    def harvest_roles(self) -> None:
        """Give each named person the first role the article writes with any of its names,
        in a quote or not (`Presiden Brasil Luiz Santos` in a sentence that quotes nobody):
        GUIDELINES.md takes the formal role first given, and the fullest form of it."""
        for speaker in self.speakers:
            if speaker.kind != "person":
                continue
            roles = self._roles_written(speaker)
            if speaker.role and speaker.role_span:
                roles.append((speaker.role, speaker.role_span))
            if not roles:
                continue
            roles.sort(key=lambda found: found[1].start)
            first = roles[0]
            fuller = [r for r in roles if _extends(r[0], first[0])]
            speaker.role, speaker.role_span = max(fuller, key=lambda r: len(r[0].split()))

    def institutions_in_roles(self) -> None:
        """A 'person' known by words that another person's role holds (`Ecolab menyebut ...`
        where `X, Vice President Ecolab Southeast Asia` is written) is the institution of
        that role, unless the role relates the two (`kuasa hukum Sahara`)."""
        people = [s for s in self.speakers if s.kind == "person"]
        roles = [(s, casefolded_words(s.role)) for s in people if s.role]
        relations = self.reader.relations
        for speaker in people:
            name = speaker.words
            for holder, role in roles:
                if holder is speaker or holder.name == speaker.name:
                    continue
                at = _position(role, name)
                if at is not None and not any(
                    role[max(0, at - len(r)) : at] == r for r in relations
                ):
                    speaker.kind = "organization"
                    speaker.role = speaker.role_span = None
                    speaker.name = speaker.forms[0]  # as first read, not widened over a role
                    break

    def headline_role(self, headline: str) -> None:
        """`Mensos Ungkap ...` or `Kapolda: ...` over an article that names its first
        source without a role (`kata Gus Bams`): a headline leads with the main source, and
        names it by its office where the office is short. The role goes to the first person
        quoted, when nobody holds it and that person has none."""
        words = headline.split(maxsplit=2)
        if len(words) < 2:
            return
        role, after = words[0].rstrip(":"), words[1]
        if role not in self.reader.lexicon.role_acronyms:
            return
        if not (words[0].endswith(":") or after.casefold() in self._cue_roots):
            return
        people = [s for s in self.speakers if s.kind != "organization"]
        if not people or people[0].kind != "person" or people[0].role is not None:
            return
        if any(s.role and self.reader.holds_role(s.role, role) for s in people):
            return
        people[0].role, people[0].role_span = role, None

    @cached_property
    def _cue_roots(self) -> frozenset[str]:
        return frozenset(self.reader.lexicon.post_quote_cues)

    def _roles_written(self, speaker: Speaker) -> list[tuple[str, Span]]:
        """The roles written next to the speaker's names, in the order of the text."""
        found: list[tuple[str, Span]] = []
        seen: list[tuple[int, int]] = []  # occurrences read already, as part of a longer form
        for form in sorted(set(speaker.forms) | {speaker.name}, key=len, reverse=True):
            # Roles come with full names; a bare surname gets a role rarely (`Presiden Trump`).
            looks = _MAX_ROLE_LOOKS if form == speaker.name or " " in form else 2
            for form_start, form_end in self.index.find(form)[:looks]:
                if any(a <= form_start and form_end <= b for a, b in seen):
                    continue
                seen.append((form_start, form_end))
                if self.text[form_end : form_end + 1] == ")":
                    continue  # `Bambang Sutrisno (Gus Bams)`: the role is the full name's
                if self.text[form_end : form_end + 1] in ("'", "’"):
                    form_end = self._name_end(form_end + 1)  # `Suparman 'Parmin' Situmorang`
                role = self._role_at(speaker, form, form_start, form_end)
                if role is not None:
                    found.append(role)
        return found

    def _role_at(
        self, speaker: Speaker, form: str, form_start: int, form_end: int
    ) -> tuple[str, Span] | None:
        """The role written with the name at `form_start`: in its clause, or, where the
        clause reads as another name's (`Gubernur A X, Wali Kota B Y, dan Bupati C Z`), in
        the name's own part of a list."""
        start = window_start(self.text, form_start)
        wide = self.reader.read_with_role(self.text, start, window_end(self.text, form_end))
        mention = self._named(wide, form)
        if mention is None:
            if not (wide and wide.role_span and wide.name_span):
                return None
            if wide.role_span.end > wide.name_span.start:
                return None  # `Zaki, kuasa hukum Sahrani`: the role after a name is its own
            pair = max(
                self.text.rfind(",", start, form_start) + 1,
                self.text.rfind(" dan ", start, form_start) + len(" dan "),
            )
            if pair <= start:
                return None
            mention = self._named(self.reader.read_with_role(self.text, pair, form_end), form)
            if mention is None:
                return None
        assert mention.role and mention.name
        role, span = mention.role, mention.role_span or mention.span
        extra = mention.name[: -len(speaker.name)].strip()
        name_span = mention.name_span
        if (
            extra
            and mention.name.endswith(speaker.name)
            and name_span
            and span.end <= name_span.start
        ):
            # `Kepala BPBD Wonoasri Teguh Prasetyo` for `Teguh Prasetyo`: `Wonoasri` was
            # read as a first name; the role runs up to the name.
            span = Span(span.start, name_span.start + len(extra))
            words = tokenize(self.text, span.start, span.end)
            role = " ".join(t.text for t in words if t.text != "," and not t.text.startswith("("))
        return role, span

    @staticmethod
    def _named(mention: Mention | None, form: str) -> Mention | None:
        """`mention` where it is a name with a role, the name being `form` (its last word,
        or an alias)."""
        if not (mention and mention.kind == "name" and mention.role and mention.name):
            return None
        last_word = mention.name.casefold().split()[-1:]
        if last_word != form.casefold().split()[-1:] and form not in mention.aliases:
            return None
        return mention


def _position(longer: tuple[str, ...], shorter: tuple[str, ...]) -> int | None:
    """Where `shorter` starts in `longer`, word for word; None where it is not there."""
    n = len(shorter)
    return next((i for i in range(len(longer) - n + 1) if longer[i : i + n] == shorter), None)


def _extends(role: str, first: str) -> bool:
    """`Menteri Perdagangan` extends `Menteri`: every word of the first, and more."""
    words, first_words = role.casefold().split(), first.casefold().split()
    return set(first_words) <= set(words)


def _sentence_initial(text: str, at: int) -> bool:
    before = text[max(0, at - 3) : at].rstrip(' "“”')
    return not before or before[-1] in ".!?\n"
