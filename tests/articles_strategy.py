"""A hypothesis strategy for news articles built from the constructions the parser reads.

An article is paragraphs of sentences; a sentence is one construction: a quote with its cue
before, after or inside it, a reported clause (`X mengatakan bahwa ...`, `Menurut X, ...`,
`..., kata X.`), a quote attributed by the next sentence, a narrative sentence naming
someone, or noise. Speaker phrases combine honorifics, ranks, roles (with bracketed
acronyms, places and institutions), names and appositions. Marks come in every style, and
a draw may drop or add one, so quotes are balanced or not. Every word here is invented.
"""

from __future__ import annotations

from hypothesis import strategies as st

# fmt: off
# Word lists read best packed.
FIRST_NAMES = ["Budi", "Rina", "Agus", "Sri", "Hendra", "Yohanes", "Wayan", "Dewi", "Andi"]
LAST_NAMES = ["Santoso", "Wulandari", "Kusuma", "Lestari", "Mbaru", "Hutapea", "Sitompul"]
HONORIFICS = ["Bapak", "Ibu", "Pak", "Bu", "H.", "Hj.", "Dr.", "dr.", "Prof.", "Ir."]
RANKS = ["AKBP", "Kombes Pol", "Irjen", "Brigjen TNI", "Kapten", "AKP", "Letkol Inf"]
ROLE_HEADS = [
    "Kepala Dinas", "Ketua", "Wakil Ketua", "Menteri", "Juru Bicara", "Direktur Utama",
    "Kapolres", "Gubernur", "Wali Kota", "Bupati", "Camat", "Sekretaris Daerah", "peneliti",
    "Kepala Bidang", "Plt Kepala",
]
INSTITUTIONS = [
    "Pendidikan", "Perhubungan (Dishub)", "Badan Penanggulangan Bencana Daerah (BPBD)",
    "Kesehatan", "PT Sinar Mulya", "Koperasi Tani Makmur", "Pertanian", "DPRD",
    "Komisi III", "Universitas Tanjung Harapan (UTH)", "RT 05",
]
PLACES = [
    "Kabupaten Sukamaju", "Kota Lembah Hijau", "Desa Karangsari", "Jawa Tengah",
    "Kecamatan Tirtajaya", "Provinsi Maluku Raya",
]
ANONYMOUS = [
    "seorang warga", "salah satu pedagang", "para petani", "sumber yang enggan disebut namanya",
    "seorang pejabat", "warga setempat",
]
PRONOUNS = ["ia", "dia", "Ia", "Dia", "beliau", "mereka", "pihaknya"]
CONTENT = [
    "harga beras naik sejak pekan lalu", "kami siap membantu warga", "jalan itu rusak parah",
    "stok pupuk aman hingga akhir tahun", "sekolah akan dibuka kembali", "banjir surut pagi ini",
    "tidak ada korban jiwa", "anggaran sudah cair", "pasar tetap buka", "Kami tidak tahu",
    "Semua berjalan lancar", "Saya minta maaf kepada warga", "petugas masih berjaga",
]
POST_CUES = [
    "kata", "ujar", "tutur", "ucap", "jelas", "tegas", "tambah", "ungkap", "katanya",
    "ujarnya", "tambahnya", "kata dia", "ujar dia",
]
VERBS = [
    "mengatakan", "menegaskan", "menjelaskan", "menyatakan", "mengungkapkan", "menilai",
    "menambahkan", "mengakui", "memastikan", "menyebut", "membantah", "meminta",
]
CONNECTORS = [
    "Sementara itu,", "Namun", "Lebih lanjut,", "Selain itu,", "Sebelumnya,", "Kemudian",
    "Menurutnya,", "Di sisi lain,",
]
JOINERS = [", dan", ", serta", ", sedangkan", ", namun", " dan", ";"]
ADJUNCTS = [
    "pada Senin (4/9)", "di kantornya", "saat ditemui wartawan", "kepada media",
    "dalam rapat kerja", "Kamis (12/3/2024)", "melalui keterangan tertulis",
]
MARK_PAIRS = [
    ('"', '"'), ("\u201c", "\u201d"), ("\u201d", "\u201d"), ("\u201e", "\u201c"),
    ("\u00ab", "\u00bb"), ("'", "'"), ("\u2018", "\u2019"), ('"', "\u2033"),
]
STRAY = ['"', "\u201c", "\u201d", "'", "\u2019", '""', '"' * 7, "(", ")", "--", "\u2014"]
BREAKS = ["\n", "\n\n", "\r\n", "\n \n", "\n\n\n"]
# fmt: on

name = st.builds(
    lambda first, last, initial: " ".join(p for p in (first, initial, last) if p),
    st.sampled_from(FIRST_NAMES),
    st.sampled_from(["", *LAST_NAMES, *LAST_NAMES]),
    st.sampled_from(["", "", "", "A.", "T."]),
)
role = st.builds(
    lambda head, of, place: " ".join(p for p in (head, of, place) if p),
    st.sampled_from(ROLE_HEADS),
    st.sampled_from(["", *INSTITUTIONS]),
    st.sampled_from(["", "", *PLACES]),
)


@st.composite
def speaker(draw: st.DrawFn) -> str:
    """A speaker phrase: a person with role, rank and honorific before or after the name, an
    institution, an anonymous source or a pronoun."""
    shape = draw(st.sampled_from(["person", "person", "person", "role", "org", "anon", "pron"]))
    if shape == "role":
        return draw(role)
    if shape == "org":
        return draw(st.sampled_from(INSTITUTIONS + ["Polda Jawa Tengah", "Kementerian Pertanian"]))
    if shape == "anon":
        return draw(st.sampled_from(ANONYMOUS))
    if shape == "pron":
        return draw(st.sampled_from(PRONOUNS))
    parts = [draw(name)]
    if draw(st.booleans()):
        parts.insert(0, draw(st.sampled_from(HONORIFICS + RANKS)))
    where = draw(st.sampled_from(["", "before", "before", "after", "bracket"]))
    if where == "before":
        parts.insert(0, draw(role))
    elif where == "after":
        parts.append(", " + draw(role) + ",")
    elif where == "bracket":
        parts.append(draw(st.sampled_from(["(45)", "(BS)", "(UTH)"])))
    return " ".join(parts).replace(" ,", ",")


@st.composite
def quoted(draw: st.DrawFn) -> str:
    """Words in marks of one style; one mark may be missing."""
    opening, closing = draw(st.sampled_from(MARK_PAIRS))
    words = draw(st.sampled_from(CONTENT))
    end = draw(st.sampled_from([",", ".", "?", "!", "", ",", "."]))
    missing = draw(st.sampled_from(["", "", "", "", "open", "close"]))
    opening = "" if missing == "open" else opening
    closing = "" if missing == "close" else closing
    return opening + words + end + closing


def _sentence(*parts: str) -> str:
    return " ".join(p for p in parts if p).replace(" ,", ",") + "."


@st.composite
def construction(draw: st.DrawFn) -> str:
    """One sentence built the way news copy writes reported speech, or a bit of noise."""
    kind = draw(
        st.sampled_from(
            [
                "post",
                "pre",
                "split",
                "tail",
                "verb",
                "menurut",
                "cue last",
                "interrupt",
                "passive",
                "mixed",
                "narrative",
                "connector",
                "noise",
            ]  # fmt: skip
        )
    )
    who = draw(speaker())
    said = draw(st.sampled_from(CONTENT))
    cue = draw(st.sampled_from(POST_CUES))
    verb = draw(st.sampled_from(VERBS))
    if kind == "post":
        return _sentence(draw(quoted()), cue, who)
    if kind == "pre":
        lead = draw(st.sampled_from([",", ":", " bahwa,", " bahwa", ""]))
        return f"{who} {verb}{lead} {draw(quoted())}"
    if kind == "split":
        return _sentence(draw(quoted()), cue, who + ",", draw(quoted()))
    if kind == "tail":
        joiner = draw(st.sampled_from(JOINERS))
        return _sentence(draw(quoted()), cue, who + joiner, said, draw(quoted()), "lagi")
    if kind == "verb":
        adjunct = draw(st.sampled_from(["", *ADJUNCTS]))
        bahwa = draw(st.sampled_from(["bahwa", "", "bahwa,"]))
        second = ""
        if draw(st.booleans()):
            joiner = draw(st.sampled_from(JOINERS))
            other = draw(st.sampled_from([draw(speaker()), "", "Budi mengutip Rina,"]))
            second = f"{joiner} {other} {draw(st.sampled_from(VERBS))} {draw(quoted())}"
        return _sentence(who, verb, adjunct, bahwa, said + second)
    if kind == "menurut":
        comma = draw(st.sampled_from([",", "", ","]))
        return _sentence(f"Menurut {who}{comma}", said)
    if kind == "cue last":
        return _sentence(said + ",", draw(st.sampled_from([cue, "menurut"])), who)
    if kind == "interrupt":
        return _sentence(said + ",", who, verb + ",", draw(st.sampled_from(CONTENT)))
    if kind == "passive":
        passive = draw(st.sampled_from(["Hal itu disampaikan", "Demikian dikatakan"]))
        adjunct = draw(st.sampled_from(["", *ADJUNCTS]))
        return f"{draw(quoted())} " + _sentence(passive, who, adjunct)
    if kind == "mixed":
        return _sentence(said, draw(quoted()), cue, who)
    if kind == "narrative":
        return _sentence(who, "meninjau", draw(st.sampled_from(PLACES)), draw(role))
    if kind == "connector":
        return draw(st.sampled_from(CONNECTORS)) + " " + draw(construction())
    pieces = st.sampled_from(STRAY + CONTENT + POST_CUES + VERBS + CONNECTORS + HONORIFICS)
    return " ".join(draw(st.lists(pieces, max_size=8)))


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Paragraphs of constructions, sometimes after a headline and a dateline."""
    paragraphs = draw(
        st.lists(st.lists(construction(), min_size=1, max_size=4).map(" ".join), max_size=8)
    )
    breaks = [draw(st.sampled_from(BREAKS)) for _ in paragraphs]
    body = "".join(p + b for p, b in zip(paragraphs, breaks, strict=True))
    head = draw(
        st.sampled_from(
            ["", "Warga Kembali ke Rumah\n\n", "SUKAMAJU, KOMPAS.com - ", "date 2024-03 Judul\n"]
        )
    )
    return head + body
