"""The actor vocabulary: which nouns, titles and organisation words name which CAMEO agent.

The vocabulary is data (``data/agents.tsv``, its header says where it comes from and what
each column means); this module loads it once and answers three questions:

- :func:`agent_of_noun`: the agent of a common noun ("police" COP, "protesters" CVL);
- :func:`agent_of_title`: the agent of the title before a person's name ("South Korean
  Foreign Minister" GOV, "Foreign Ministry spokesman" GOV, "Gen." MIL);
- :func:`agent_of_org`: the agent of an organisation's name by its head words ("the Supreme
  Court" JUD, "Samsung Electronics" BUS, "University of Tokyo" EDU, "NATO" IGO).

All three use :func:`resolve`, which finds the rightmost vocabulary phrase of a word
sequence and lets a deferring role noun take the agent of the body it names. Nothing is
guessed: a word sequence the vocabulary does not cover gives None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
AGENTS_PATH = DATA / "agents.tsv"
STATE_BODIES_PATH = DATA / "state_bodies.tsv"
"""Organisations that belong to one state though their names say none (source in the file)."""
SECTORS_PATH = DATA / "sectors.tsv"

USES = ("noun", "title", "head", "name")
"""Values of the ``use`` column (see the data file's header)."""
CAPITALISED_USES = frozenset({"head", "name"})
"""Uses that count only when their first word is capitalised in the text: "Group" ends
"Alibaba Group" (BUS) but "the Islamic State group" is not a company; "WHO" is the World
Health Organization, "who" is a pronoun."""
ORG_FILLER_WORDS = frozenset({
    "agency", "bureau", "office", "headquarters", "service", "services", "command",
    "unit", "division", "corps", "center", "centre", "board", "commission", "organization",
    "organisation", "association", "federation", "confederation", "society", "directorate",
})
"""Generic words that end organisation names without saying their sector; they are skipped
to reach the word that does ("National Police Agency" COP, "National Intelligence
Service" SPY). Other unknown last words stop the search: "Union Pacific" is no union."""
UNCERTAIN_OF_HEADS = frozenset({"bank"})
"""Heads of "X of Y" names whose sector depends on Y: "Bank of Japan" is a central bank
(GOV), "Bank of America" a company (BUS); such a name gives None."""
CAPS_ORDER = ("name", "head", "noun", "title")
"""Order in which a capitalised phrase tries the uses: as part of a name "Group" is the
company word ("Alibaba Group"), lower case "group" the role noun ("rebel group")."""
_PUNCT = re.compile(r"^[^\w&]+|[^\w&-]+$")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True)
class Entry:
    """One row of the vocabulary."""

    lemma: str
    agent: str | None
    generic: str | None
    alone: bool
    use: str
    defer: bool


@dataclass(frozen=True)
class Match:
    """The vocabulary phrase that heads a word sequence and the agent it comes to.

    ``entry`` is the row of the heading phrase, covering ``words[start:end]``; ``source``
    is the row that gave the agent (``entry`` itself, or a modifier's row when ``entry``
    defers: "police" for "police officials").
    """

    entry: Entry
    source: Entry
    start: int
    end: int

    @property
    def agent(self) -> str | None:
        """The CAMEO agent code the phrase comes to, or None."""
        return self.source.agent

    @property
    def generic(self) -> str | None:
        """The ICEWS-style generic name of that agent for this phrase ("Police")."""
        return self.source.generic or (sectors().get(self.agent) if self.agent else None)


def _none(value: str) -> str | None:
    return None if value in ("", "-") else value


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, Entry]]:
    """lemma -> use -> row, from data/agents.tsv (read once)."""
    out: dict[str, dict[str, Entry]] = {}
    lines = [ln for ln in AGENTS_PATH.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        lemma, agent, generic, alone, use, defer = line.split("\t")
        if use not in USES:
            raise ValueError(f"{AGENTS_PATH.name}: bad use {use!r} for {lemma!r}")
        row = Entry(lemma, _none(agent), _none(generic), alone == "yes", use, defer == "yes")
        out.setdefault(lemma, {})[use] = row
    return out


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """CAMEO agent code -> ICEWS-style sector name ("COP" -> "Police"), from sectors.tsv."""
    lines = [ln for ln in SECTORS_PATH.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return {code: name for code, name, _who in (ln.split("\t") for ln in lines[1:])}


def agent_codes() -> frozenset[str]:
    """The twenty CAMEO agent codes of the contract."""
    return frozenset(sectors())


WORD_CACHE_SIZE = 65536
"""Distinct words whose :func:`may_end_phrase` answer is kept (a news vocabulary's size)."""


@lru_cache(maxsize=1)
def max_phrase_words() -> int:
    """Words of the longest lemma: the widest window :func:`resolve` needs to look at."""
    return max(len(lemma.split()) for lemma in vocabulary())


@lru_cache(maxsize=1)
def _last_words() -> frozenset[str]:
    return frozenset(lemma.split()[-1] for lemma in vocabulary())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def may_end_phrase(word: str) -> bool:
    """Whether some vocabulary phrase can end with ``word`` (as written or as a plural): a
    test that spares :func:`resolve` for the many words that end none."""
    return any(form in _last_words() for form in singular_forms(normalize_word(word)))


def normalize_word(word: str) -> str:
    """A word as the vocabulary writes it: lower case, no dots ("Gen." -> "gen", "U.N." ->
    "un"), no possessive ("Minister's" -> "minister"), no surrounding punctuation."""
    low = _POSSESSIVE.sub("", word.strip().lower()).replace(".", "")
    return _PUNCT.sub("", low)


def singular_forms(word: str) -> list[str]:
    """``word`` and the singulars it may be the plural of ("gunmen" -> "gunman",
    "authorities" -> "authority", "businesses" -> "business"), most likely first."""
    forms = [word]
    if word.endswith("children"):
        forms.append(word[:-3])
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
        if word.endswith("es"):
            forms.append(word[:-2])
    return forms


def lookup(lemma: str, uses: Sequence[str] = ("noun",)) -> Entry | None:
    """The row of ``lemma`` (any number of words, any case) for the first of ``uses`` it
    has, or None. A plural finds its singular's noun and title rows; head and name rows
    match only as written ("Corps" is not "Corp")."""
    words = [w for w in (normalize_word(x) for x in lemma.split()) if w]
    if not words:
        return None
    for n, form in enumerate(singular_forms(words[-1])):
        rows = vocabulary().get(" ".join([*words[:-1], form]))
        for use in uses if rows else ():
            if use in rows and (n == 0 or use not in CAPITALISED_USES):
                return rows[use]
    return None


def agent_of_noun(lemma: str) -> str | None:
    """CAMEO agent of a common noun or noun phrase lemma ("police" COP, "security force"
    COP, "protesters" CVL), or None when the vocabulary has no agent for it."""
    row = lookup(lemma, ("noun",))
    return row.agent if row else None


def is_generic_actor(lemma: str) -> bool:
    """Whether the noun names an actor by itself ("police", "students", "the ministry"),
    as opposed to a title ("minister") or a role that needs a modifier ("spokesman")."""
    row = lookup(lemma, ("noun",))
    return bool(row and row.alone and row.agent)


# ---------------------------------------------------------------- phrase resolution

def _phrase_at(words: Sequence[str], caps: Sequence[bool], end: int,
               uses: Sequence[str]) -> tuple[Entry, int] | None:
    """The longest vocabulary phrase ending just before ``end``: (row, start)."""
    for start in range(max(0, end - max_phrase_words()), end):
        order = CAPS_ORDER if caps[start] else uses
        allowed = [u for u in order if u in uses and (caps[start] or u not in CAPITALISED_USES)]
        row = lookup(" ".join(words[start:end]), allowed) if allowed else None
        if row is not None:
            return row, start
    return None


def resolve(words: Sequence[str], caps: Sequence[bool] | None = None, *,
            skip: Callable[[str], bool] = lambda _w: True,
            uses: Sequence[str] = USES) -> Match | None:
    """The rightmost vocabulary phrase of ``words`` and the agent it comes to.

    Unknown words at the right are passed over while ``skip(word)`` allows it ("Police" in
    "National Police Agency" with ``skip=ORG_FILLER_WORDS.__contains__``; titles pass over
    any word). When the phrase defers ("spokesman", "officials", "commander") the nearest
    phrase to its left that has an agent gives it ("Foreign Ministry spokesman" GOV);
    else the phrase's own agent stands (possibly None). ``caps`` tells which words were
    capitalised (default: all), for the head and name rows.
    """
    norm = [normalize_word(w) for w in words]
    caps = list(caps) if caps is not None else [True] * len(norm)
    end = len(norm)
    while end > 0:
        found = _phrase_at(norm, caps, end, uses)
        if found is not None:
            row, start = found
            return Match(row, _deferred(norm, caps, start, row, uses), start, end)
        if not skip(norm[end - 1]):
            return None
        end -= 1
    return None


def _deferred(norm: list[str], caps: list[bool], start: int, row: Entry,
              uses: Sequence[str]) -> Entry:
    """The row that gives a deferring phrase its agent: the nearest one to its left with
    an agent; the phrase's own row when none has one or the row does not defer."""
    end = start
    while row.defer and end > 0:
        found = _phrase_at(norm, caps, end, uses)
        if found is None:
            end -= 1
            continue
        left, end = found
        if left.agent:
            return left
        if not left.defer:
            break
    return row


def agent_of_title(words: str | Sequence[str]) -> str | None:
    """CAMEO agent of the title before a person's name: "South Korean Foreign Minister"
    GOV, "Gen." MIL, "Foreign Ministry spokesman" GOV, "NATO chief" IGO, "Samsung
    Electronics Chairman" BUS; None for words that hold no title ("former", "Mr.")."""
    seq = words.split() if isinstance(words, str) else list(words)
    match = resolve(seq, [_capitalised(w) for w in seq])
    return match.agent if match else None


@lru_cache(maxsize=1)
def state_bodies() -> dict[str, str]:
    """Organisation name (normalised words) -> ISO3 of the one state it belongs to, from
    state_bodies.tsv ("White House" USA, "Knesset" ISR)."""
    rows = (ln.split("\t") for ln in STATE_BODIES_PATH.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#"))
    return {_normalized(name): iso3 for name, iso3 in rows}


def _normalized(name: str) -> str:
    words = [normalize_word(w) for w in name.split()]
    return " ".join(w for w in words if w and w != "the")


def country_of_body(name: str) -> str | None:
    """The state an organisation belongs to when its name alone says it to a reader who
    knows the world ("the White House" USA, "the Kremlin" RUS), else None. A body of several
    words also names its state at the end of a longer name ("Taunton Crown Court" GBR,
    "Montgomery County District Attorney's Office" USA); one word only as the whole name."""
    words = _normalized(name).split()
    bodies = state_bodies()
    for start in range(len(words) - 1):
        found = bodies.get(" ".join(words[start:]))
        if found:
            return found
    return bodies.get(" ".join(words))


def agent_of_org(name: str) -> str | None:
    """CAMEO agent of an organisation by its name: a whole name of the vocabulary ("United
    Nations", "NATO" IGO), else the head word before "of" ("Ministry of Defense" GOV,
    "University of Tokyo" EDU), else its last words ("the Supreme Court" JUD, "Foreign
    Ministry" GOV, "National Assembly" LEG, "Acme Corp" BUS, "Democratic Party" PTY,
    "Israel Police" COP, "Air Force" MIL); well-known names are whole names of the
    vocabulary ("Hamas" REB, "Toyota" BUS). None when the name does not say it ("Union
    Pacific", "Bank of Japan")."""
    seq = [w for w in name.split() if normalize_word(w)]
    if seq and normalize_word(seq[0]) == "the":
        seq = seq[1:]
    if not seq:
        return None
    whole = lookup(" ".join(seq), ("name",))
    if whole is not None:
        return whole.agent
    caps = [_capitalised(w) for w in seq]
    norm = [normalize_word(w) for w in seq]
    if "of" in norm[1:]:
        cut = norm.index("of", 1)
        if norm[cut - 1] in UNCERTAIN_OF_HEADS:
            return None
        head = resolve(seq[:cut], caps[:cut], skip=ORG_FILLER_WORDS.__contains__)
        if head is not None and head.agent:
            return head.agent
    match = resolve(seq, caps, skip=ORG_FILLER_WORDS.__contains__)
    return match.agent if match else None


def _capitalised(word: str) -> bool:
    """Whether the first letter of ``word`` is upper case ("Corp.", "NATO", "G20")."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper()


# ---------------------------------------------------------------- names

def sector_name(agent: str) -> str | None:
    """ICEWS-style name of a generic actor of sector ``agent`` when the noun gives no more
    specific one ("CVL" -> "Citizen", "COP" -> "Police")."""
    return sectors().get(agent)


def generic_name(agent_name: str, country_name: str | None = None) -> str:
    """ICEWS name of a generic actor: "Police (Israel)", "Protester (South Korea)"; just
    "Gunman" when no country is known. ``country_name`` is a display name
    (:func:`transforms.actors.countries.country_name`), not a code."""
    return f"{agent_name} ({country_name})" if country_name else agent_name
