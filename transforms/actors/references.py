"""Actors that a description names without naming them: governments, groups, titles.

The entity layer finds "South Korea", "Japanese", "Moon Jae-in"; news text often names the
acting state through them: "the Japanese government", "the Moon administration" (a PERSON
whose own mention carries a nationality title), "the foreign ministry" (an earlier "Seoul's
foreign ministry"), "the two countries" (the two countries the passage is about). The
functions here resolve such descriptions to entity spans of the same Doc, so that the event
component's ``cluster_of`` can map them to entity clusters. They use only the parse and the
document's own entities; world knowledge is the general demonym table
(``transforms/actors/data/demonyms.tsv``) and the country names of
:mod:`transforms.actors.countries`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache, partial

from spacy.tokens import Doc, Span, Token

from transforms.actors.countries import DEMONYMS_PATH, country_data, country_name
from transforms.entities.names import abbreviates, initials, normalize
from transforms.events.words import cues, entity_at, ents_within, has_form, window_start

TITLE_WINDOW = 5
"""Tokens left of a person's name searched for a nationality title ("former South Korean
President X"); long enough for two-word titles and a two-word demonym."""
GROUP_WINDOW = 6
"""Sentences before a group phrase ("the two countries") searched for its members; a news
paragraph rarely names its referents further back. Tune with STATE_WINDOW as a set."""
STATE_WINDOW = 8
"""Sentences before a bare "the foreign ministry" searched for the same body with its
country ("Seoul's foreign ministry")."""
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
"""Number words of group phrases ("the three countries", "both sides")."""
_MODS = ("compound", "amod", "poss", "nmod")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (lower case) -> country name, from the actors' data/demonyms.tsv."""
    out = {}
    for line in DEMONYMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, country, _iso3 = line.split("\t")
            out[word.lower()] = country
    return out


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """Normalised names of the countries of the demonym table and of country_converter's
    data (GeoNames' short names)."""
    names = [*demonyms().values(), *map(country_name, country_data().name_short)]
    return frozenset(normalize(c) for c in names)


@lru_cache(maxsize=1)
def _initialled_countries() -> frozenset[str]:
    """Countries matched by their initials ("U.S."): those of the demonym table only, since
    the initials of territories are common two-letter words ("AI", "PR", "HK")."""
    return frozenset(initials(normalize(c)) for c in demonyms().values()) - {""}


PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
"""Entity types that can be one of "the sides" of a passage."""

def is_country_name(name: str) -> bool:
    """Whether ``name`` is a known country, written out or as initials ("U.S.")."""
    key = normalize(name)
    return key in known_countries() or key in _initialled_countries()


def country_of(ent: Span) -> str | None:
    """The country a GPE (its cluster name) or a NORP (its demonym) names, if known."""
    if ent.label_ == "GPE":
        name = ent.id_ or ent.text
        return name if is_country_name(name) else None
    if ent.label_ == "NORP":
        low = normalize(ent.text)
        return demonyms().get(low) or demonyms().get(low.removesuffix("s"))
    return None


def country_span(doc: Doc, name: str, before: int) -> Span | None:
    """A GPE mention of the country ``name`` (the last one before token ``before``, else
    the first one after), matched on the cluster name, its initials or abbreviation."""
    key = normalize(name)
    hits = [e for e in doc.ents if e.label_ == "GPE" and _same_name(e.id_ or e.text, key)]
    earlier = [e for e in hits if e.start < before]
    return (earlier or hits or [None])[-1 if earlier else 0]


def _same_name(name: str, key: str) -> bool:
    own = normalize(name)
    return own == key or initials(name) == key or initials(key) == own or \
        abbreviates(name, key) or abbreviates(key, name)


def as_country(ent: Span) -> Span:
    """A NORP as the GPE mention of its country when the document names it, else itself."""
    if ent.label_ != "NORP":
        return ent
    name = country_of(ent)
    return (country_span(ent.doc, name, ent.start) if name else None) or ent


def state_of(ent: Span) -> Span:
    """The state an actor stands for as the modifier of a government body: a NORP's country,
    a person's country by their nationality title; anything else stands for itself."""
    if ent.label_ == "NORP":
        return as_country(ent)
    if ent.label_ == "PERSON":
        return title_country(ent) or ent
    return ent


def title_country(person: Span) -> Span | None:
    """The country in a nationality title of any mention of the person's cluster
    ("South Korean President Moon Jae-in" -> South Korea, then for "Moon")."""
    key = person.id_ or person.text
    for mention in person.doc.ents:
        if mention.label_ == "PERSON" and (mention.id_ or mention.text) == key:
            title = _title_at(mention)
            if title is not None:
                return as_country(title)
    return None


def _title_at(mention: Span) -> Span | None:
    doc = mention.doc
    lo = max(mention.sent.start, mention.start - TITLE_WINDOW)
    for i in range(mention.start - 1, lo - 1, -1):
        ent = entity_at(doc[i]) if doc[i].ent_type_ in ("NORP", "GPE") else None
        if ent is not None and country_of(ent) and _modifies(doc[i], mention):
            return ent
    return None


def _modifies(tok: Token, span: Span) -> bool:
    """Whether ``tok`` reaches ``span`` through a chain of nominal modifiers."""
    node = tok
    for _ in range(TITLE_WINDOW):
        if span.start <= node.i < span.end:
            return True
        if node.dep_ not in (*_MODS, "case") or node.head == node:
            return False
        node = node.head
    return span.start <= node.i < span.end


def is_state_noun(token: Token) -> bool:
    """A government body or office holder ("administration", "ministry", "officials")."""
    return has_form(token, cues()["state_noun"])


def state_antecedent(noun: Token) -> list[Span]:
    """Country of a bare definite government body from its earlier, fuller mention:
    "the foreign ministry" -> "South Korea's foreign ministry" -> South Korea."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return []
    doc, key = noun.doc, _body_key(noun)
    lo = window_start(noun, STATE_WINDOW)
    for tok in reversed(doc[lo:noun.i]):
        if tok.lemma_ == noun.lemma_ and _body_key(tok) == key:
            found = [state_of(e) for c in tok.children if c.dep_ in _MODS
                     if (e := entity_at(c)) is not None and country_of(state_of(e))]
            if found:
                return found[:1]
    return []


def _body_key(noun: Token) -> frozenset[str]:
    """The common-word modifiers that name a body ("foreign" ministry, "defence" ministry)."""
    return frozenset(c.lower_ for c in noun.children
                     if c.dep_ in ("compound", "amod") and not c.ent_type_)


# ---------------------------------------------------------------- groups

def group_size(noun: Token) -> int | None:
    """How many referents a plural group phrase has: "the two countries" 2, "both sides" 2,
    "the neighbours" 2; None for other nouns or an unstated number."""
    if noun.tag_ not in ("NNS", "NNPS") or group_kind(noun) is None:
        return None
    for c in noun.children:
        if c.dep_ in ("nummod", "det", "predet") and c.lower_ in NUMBERS:
            return NUMBERS[c.lower_]
        if c.dep_ == "nummod" and c.text.isdigit():
            return int(c.text)
    if has_form(noun, cues()["pair_noun"]) and any(c.lower_ == "the" for c in noun.children):
        return 2
    return None


def group_kind(noun: Token) -> str | None:
    """'GPE' for groups of countries, 'PERSON' for groups of people, 'PARTY' for the
    parties of the passage of any kind ("the sides"), else None."""
    if has_form(noun, cues()["group_party"]):
        return "PARTY"
    if has_form(noun, cues()["group_country"]):
        return "GPE"
    if has_form(noun, cues()["group_person"]):
        return "PERSON"
    return None


def group_members(noun: Token) -> list[Span]:
    """The referents of a group phrase: the N entities of its kind that the passage names.

    Searched outwards: the sentence up to the phrase, earlier sentences of its paragraph,
    the whole paragraph, then earlier paragraphs (up to GROUP_WINDOW sentences). The first
    scope that holds N distinct candidates answers if it holds exactly N; more is ambiguous
    and answers nothing.
    """
    n, kind = group_size(noun), group_kind(noun)
    if not n:
        return []
    phrase = range(noun.left_edge.i, noun.right_edge.i + 1)
    found: dict[str, Span] = {}
    for scope in _scopes(noun):
        for ent in scope:
            key = _member_key(ent, kind, phrase)
            if key is not None and key not in found:
                found[key] = as_country(ent) if kind in ("GPE", "PARTY") else ent
        if len(found) >= n:
            return list(found.values()) if len(found) == n else []
    return []


def _scopes(noun: Token) -> Iterable[list[Span]]:
    """Entities of the search scopes of :func:`group_members`, innermost first."""
    doc = noun.doc
    sents = list(doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start <= noun.i < s.end)
    first = idx
    while first > 0 and not _starts_paragraph(sents[first]):
        first -= 1
    last = idx
    while last + 1 < len(sents) and not _starts_paragraph(sents[last + 1]):
        last += 1
    ents = partial(ents_within, doc)
    yield ents(sents[idx].start, noun.i)
    for j in range(idx - 1, first - 1, -1):
        yield ents(sents[j].start, sents[j].end)
    yield ents(sents[first].start, sents[last].end)
    for j in range(first - 1, max(-1, idx - GROUP_WINDOW - 1), -1):
        yield ents(sents[j].start, sents[j].end)


def _starts_paragraph(sent: Span) -> bool:
    prev = sent.doc[sent.start - 1] if sent.start else None
    return prev is None or (prev.is_space and prev.text.count("\n") >= 2)


def _member_key(ent: Span, kind: str, phrase: range) -> str | None:
    """Identity of a candidate member, or None when it cannot be one (wrong kind, inside
    the phrase, a place where something happens, an adversary's threat)."""
    if ent.start in phrase or _hostile(ent):
        return None
    if kind == "PERSON":
        return (ent.id_ or ent.text) if ent.label_ == "PERSON" else None
    if ent.label_ == "GPE" and _locative(ent):
        return None
    name = country_of(ent)
    if kind == "PARTY" and ent.label_ in PARTY_LABELS:
        return normalize(name or ent.id_ or ent.text)
    return normalize(name) if name else None


def _locative(ent: Span) -> bool:
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in cues()["location_prep"]


def _hostile(ent: Span) -> bool:
    """Named as the author of a threat ("North Korea's provocations", "attacks by X"): an
    adversary of the group the passage is about, not one of its members."""
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("by", "from"):
        head = head.head
    elif root.dep_ not in _MODS:
        return False
    return has_form(head, cues()["hostile_noun"])
