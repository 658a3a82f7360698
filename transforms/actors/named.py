"""Country and CAMEO agent of a NAMED entity, from its own words and the tokens around it.

:func:`actor_attributes` gives (country, agent) of a NAMED entity from its own words and its
title, appositive or modifier tokens: "South Korean Foreign Minister Park Jin" (KOR, GOV),
"the Supreme Court" (None, JUD), "Japan" as the subject of a verb (JPN, GOV).

A person takes them from the title before the name or an appositive; an organisation from
its name (:func:`transforms.actors.agents.agent_of_org`) and a country modifier; a GPE is
GOV only where it acts (subject, object, or after "by", "with", "against"); a NORP takes the
agent of the noun it modifies.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from transforms.actors import agents
from transforms.actors.countries import country_of_word
from transforms.actors.generic import (
    COUNTRY_MOD_DEPS,
    CountryOfPlace,
    entity_of,
    token_country,
)
from transforms.actors.people import country_of_person
from transforms.places import gazetteer

ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "dobj", "iobj", "dative", "agent"})
"""Dependencies of a GPE that acts or is acted on as a state ("Japan said", "urged
Japan"): such a GPE is its government (GOV). Other GPEs only locate."""
ACTOR_PREPS = frozenset({"by", "with", "against", "between", "toward", "towards"})
"""Prepositions whose GPE object is a party, not a place: "accused by Japan", "talks with
Japan", "sanctions against Iran". Locative ones ("in", "at", "to", "on") are not here."""
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "nummod"})
"""Dependencies of the tokens left of a name that form its title ("South Korean Foreign
Minister", "Japan 's Foreign Minister", "Lt. Gen.")."""
LEADER_OFFICES = {"administration": "GOV", "government": "GOV", "presidency": "GOV",
                  "cabinet": "GOV", "regime": "GOV", "premiership": "GOV", "campaign": "PTY"}
"""Offices named after their holder ("the Nixon presidency", "the Obama campaign"), with the
agent their holder has: heads of government and candidates (CAMEO agent codebook)."""
TITLE_WINDOW = 8
"""Tokens left of a name searched for its title; enough for "former South Korean Deputy
Foreign Minister" and a possessive country."""

MEMBER_PREPS = frozenset({"including", "like", "as"})
"""Words by which a name is listed as a member of a class ("groups including X", "companies
like X", "carmakers such as X": "as" only after "such")."""
ORG_PREPS = frozenset({"of", "at", "for", "with", "from"})
"""Prepositions by which a deferring title names its organisation ("director at the FBI")."""
ORG_PLACE_MIN_POPULATION = 250_000
"""Fewest people of a city or state whose own name opens an organisation's name for the
organisation to be of its country ("New York Yankees", "Dallas Police Department", "Tokyo
Electric Power"). Below it the first word is as often a brand's or another place's:
Delta (Delta Air Lines; a Canadian city of 108 k), Orange (the telecom; 139 k), Carolina
(the Carolina Panthers; a Puerto Rican city of 170 k), Georgetown (the Washington
university; Guyana's capital, 235 k). Checked on the organisations of corpus/dev-pages."""
ORG_PLACE_WORDS = 3
"""Most words of a place name that opens an organisation's name ("Salt Lake City")."""
STATELESS = frozenset({"ATA", "BVT", "HMD", "SGS", "UMI"})
"""ISO territories no one governs (Antarctica, uninhabited islands): a name that holds one
("Justice League Antarctica", "Antarctic Survey") belongs to no state by it."""
NOT_PLURAL_ENDINGS = ("ss", "us", "is")
"""Endings of a word in -s that is no plural ("Express", "Campus", "Genesis")."""
NOT_CLUB_PLURALS = frozenset({
    "olympics", "paralympics", "games", "championships", "talks", "awards", "accords",
    "elections", "riots", "protests", "trials",
    "keys", "islands", "heights", "hills", "springs", "falls", "lakes", "mountains", "gardens",
    "highlands", "archives", "docks", "rapids", "woods", "plains", "fields", "tools"})
"""Plurals that, after a city or state, name an occasion ("Paris Olympics", "Geneva talks"),
a landform or quarter ("Florida Keys", "Golan Heights"), or a collection ("Vancouver
Archives"), not a club. General English, read off the place-led organisation names of
corpus/dev-pages; tune as a set."""

def actor_attributes(span: Span, country_of_place: CountryOfPlace | None = None
                     ) -> tuple[str | None, str | None]:
    """(country, agent) of a named entity from what its words and its parse say.

    PERSON: its title ("South Korean Foreign Minister Park Jin" KOR, GOV), left of the name
    or in an appositive ("Park Jin, South Korea's foreign minister"). ORG: its name ("the
    Supreme Court" JUD, "Samsung Electronics" BUS, "NATO" IGO, never with a country) and
    its country words or modifiers ("Japan's Foreign Ministry" JPN). GPE: its country, and
    GOV when it acts ("Japan said"). NORP: its country, and the agent of the noun it
    modifies ("Israeli police" COP). Unknown parts are None; nothing is guessed.
    """
    place = country_of_place or country_of_word
    label = span.label_
    if label == "PERSON":
        return _person(span, place)
    if label == "ORG":
        return _org(span, place)
    if label == "GPE":
        return _gpe(span, place)
    if label == "NORP":
        return _norp(span, place)
    return None, None


def _person(span: Span, place: CountryOfPlace) -> tuple[str | None, str | None]:
    known = country_of_person(span.text)  # "Putin": what an actor dictionary knows
    for title in (_title_tokens(span), _appositive_tokens(span), _class_tokens(span)):
        if title:
            agent = _tokens_agent(title)
            country = _tokens_country(title, place)
            if agent or country:
                return country or known, agent
    return known, _office_agent(span)


def _office_agent(span: Span) -> str | None:
    """The agent of the office a name is compounded onto: "the Nixon presidency", "the Moon
    administration" GOV (the named one holds it), "the Obama campaign" PTY."""
    root = span.root
    if root.dep_ != "compound" or root.head.i < span.end:
        return None
    return LEADER_OFFICES.get(root.head.lemma_.lower())


def _org(span: Span, place: CountryOfPlace) -> tuple[str | None, str | None]:
    agent = agents.agent_of_org(span.text) or _class_agent(span) or _club_agent(span)
    if agent == "IGO":
        return None, agent
    country = _tokens_country(_title_tokens(span), place) or _inner_country(span, place) \
        or _leading_place(span) or agents.country_of_body(span.text)
    return country, agent


def _gpe(span: Span, place: CountryOfPlace) -> tuple[str | None, str | None]:
    country = place(span.text) or country_of_word(span.text)
    agent = "GOV" if acts(span) else _modified_agent(span)
    return country, agent


def _norp(span: Span, place: CountryOfPlace) -> tuple[str | None, str | None]:
    for cut in range(1, len(span) + 1):
        country = country_of_word(span[:cut].text)
        if country:
            break
    else:
        cut, country = len(span), None
    if cut < len(span):
        match = agents.resolve([t.text for t in span[cut:]])
        return country, match.agent if match else None
    return country, _modified_agent(span)


def acts(span: Span) -> bool:
    """Whether a place entity acts or is acted on as a state: subject, object, or object of
    a party preposition ("talks with Japan"); conjuncts share the first one's role."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ in ACTING_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ACTOR_PREPS


def _modified_agent(span: Span) -> str | None:
    """Agent of the noun phrase an entity modifies: "Israeli" in "Israeli riot police" COP,
    "Japan" in "Japan's foreign ministry" GOV, "South Korean" before "Foreign Minister"."""
    root = span.root
    head = root.head
    if root.dep_ not in COUNTRY_MOD_DEPS or head.i < span.end \
            or head.i - span.end >= TITLE_WINDOW:
        return None
    return _phrase_agent([t for t in span.doc[span.end:head.i + 1] if t.dep_ != "case"])


def _title_tokens(span: Span) -> list[Token]:
    """The tokens left of an entity that form its title or modify it, in text order."""
    doc, out = span.doc, []
    parsed = doc.has_annotation("DEP") or doc.has_annotation("SENT_START")
    lo = max(span.sent.start if parsed else 0, span.start - TITLE_WINDOW)
    inside = set(range(span.start, span.end))
    for i in range(span.start - 1, lo - 1, -1):
        tok = doc[i]
        if not _title_dep(tok) or tok.is_punct and tok.text not in (".", "-"):
            break
        if not _reaches(tok, inside):
            break
        inside.add(i)
        out.append(tok)
    while out and out[-1].dep_ in ("case", "punct"):
        out.pop()
    return out[::-1]


def _title_dep(tok: Token) -> bool:
    """A token that can be part of a title: a modifier, or the "of" of a title that names
    its office ("Secretary of State", "Chief of Staff", "Minister of Defence")."""
    if tok.dep_ == "prep":
        return tok.lower_ == "of"
    if tok.dep_ == "pobj":
        return tok.head.lower_ == "of"
    return tok.dep_ in TITLE_DEPS


def _reaches(tok: Token, targets: set[int]) -> bool:
    """Whether ``tok``'s chain of heads reaches one of ``targets`` within TITLE_WINDOW."""
    node = tok
    for _ in range(TITLE_WINDOW):
        if node.head.i in targets:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _appositive_tokens(span: Span) -> list[Token]:
    """The title of an entity given as an appositive: "Park Jin, the foreign minister" or
    "the foreign minister, Park Jin"; its words from the first modifier to the noun."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(_title_of_place(root.head))
    for noun in nouns:
        if span.start <= noun.i < span.end:
            continue
        of = [t for p in noun.rights if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree]
        words = [t for t in [*noun.doc[noun.left_edge.i:noun.i + 1], *of]
                 if t.dep_ not in ("det", "punct") and not span.start <= t.i < span.end]
        if words:  # with the title's "of" phrase: "the foreign minister of South Korea"
            return words
    return []


PLACE_OR_BODY_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
"""Entity labels of what a title is "of" and no person is: "the governor of Kano State"."""


def _title_of_place(head: Token) -> Token:
    """The noun a name stands in apposition to. The parser hangs "the governor of Kano State,
    Abdullahi Ganduje," on the place, which no person can be; the title is the noun that
    governs the place's "of"."""
    prep = head.head
    if head.ent_type_ in PLACE_OR_BODY_LABELS and head.dep_ == "pobj" \
            and prep.lower_ == "of" and prep.head.pos_ == "NOUN":
        return prep.head
    return head


def _class_tokens(span: Span) -> list[Token]:
    """The class a name is given as a member of: "rights groups including X and Y",
    "carmakers such as X", "companies like X"; the class noun and its modifiers."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in MEMBER_PREPS or prep.head.pos_ != "NOUN":
        return []
    if prep.lower_ == "as" and not any(t.lower_ == "such" for t in prep.lefts):
        return []
    noun = prep.head
    return [t for t in noun.lefts if t.dep_ in ("compound", "amod")] + [noun]


def _class_agent(span: Span) -> str | None:
    """The agent of the class a name is listed in (:func:`_class_tokens`)."""
    return _phrase_agent(_class_tokens(span))


def _phrase_agent(words: list[Token]) -> str | None:
    """The agent of a noun phrase whose vocabulary phrase ends at its last word ("riot
    police" COP; not "police station")."""
    match = agents.resolve([t.text for t in words]) if words else None
    return match.agent if match and match.end == len(words) else None


def _tokens_agent(tokens: list[Token]) -> str | None:
    """Agent of a title's tokens; a deferring title takes the agent of the ORG before it or
    in its "of", "at", "for" phrase ("Hamas leader" None, "Samsung chairman" None unless the
    name says its sector, "a director at the FBI" the FBI's)."""
    if not tokens:
        return None
    match = agents.resolve([t.text for t in tokens], [_is_capitalised(t) for t in tokens])
    if match is None:
        return None
    if match.entry.defer and match.source is match.entry:
        after = [o for p in tokens[-1].children if p.dep_ == "prep" and p.lower_ in ORG_PREPS
                 for o in p.children if o.dep_ == "pobj"]  # "a director at the FBI"
        for tok in [*tokens[:match.start][::-1], *after]:
            if tok.ent_type_ == "ORG":
                ent = entity_of(tok)
                return agents.agent_of_org(ent.text) if ent is not None else None
    return match.agent


def _is_capitalised(tok: Token) -> bool:
    letters = [c for c in tok.text if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def _tokens_country(tokens: Iterable[Token], place: CountryOfPlace) -> str | None:
    """Country of the nearest nationality, place or state body among ``tokens`` ("White
    House Chief of Staff" USA)."""
    for tok in reversed(list(tokens)):
        ent = entity_of(tok)
        if ent is not None and ent.label_ in ("NORP", "GPE"):
            found = token_country(tok, place)
        else:  # a body of a state, else a place the NER took for an organisation
            found = (agents.country_of_body(ent.text) or place(ent.text)) \
                if ent is not None else None
        if found:
            return found
    return None


def _leading_place(span: Span) -> str | None:
    """The country of a large city or state whose name opens an organisation's name and is
    followed by more capitalised words: "New York Yankees", "Dallas Police Department"."""
    found, _ = _place_prefix(span)
    return found.country if found else None


def _place_prefix(span: Span) -> tuple[gazetteer.Place | None, list[Token]]:
    """The large city or state whose own name opens an organisation's name, and the words
    after it (:data:`ORG_PLACE_MIN_POPULATION`); (None, []) when none does."""
    words = [t for t in span if t.lower_ != "the"]
    for size in range(min(ORG_PLACE_WORDS, len(words) - 1), 0, -1):
        if not all(_is_capitalised(t) for t in words[:size + 1]):
            continue
        found = _named_or_sole(" ".join(t.text for t in words[:size]))
        if found and found.kind in ("city", "admin1") \
                and found.population >= ORG_PLACE_MIN_POPULATION:
            return found, words[size:]
    return None, []


def _named_or_sole(name: str) -> gazetteer.Place | None:
    """The place of this name, else its largest when all of them lie in one country: an
    organisation named after one of several "Montgomery County"s is American all the same."""
    return gazetteer.named_place(name) or gazetteer.largest_in_sole_country(name)


def _club_agent(span: Span) -> str | None:
    """BUS for a sports club, named the English way: a large city or state, then a plural
    nickname the vocabulary does not know ("New York Yankees", "Chicago Bulls", "Calgary
    Flames"). Clubs are businesses, as their owners and agents are (CAMEO has no sport
    sector). Not a nationality ("Gaza Palestinians") nor a named occasion ("Paris Olympics")."""
    _, rest = _place_prefix(span)
    if len(rest) != 1 or not _is_capitalised(rest[0]):
        return None
    word = rest[0].text
    if not word.endswith("s") or word.endswith(NOT_PLURAL_ENDINGS) \
            or word.lower() in NOT_CLUB_PLURALS or country_of_word(word) \
            or agents.resolve([word]):
        return None
    return "BUS"


def _inner_country(span: Span, place: CountryOfPlace) -> str | None:
    """Country that an organisation's own name says: a country or nationality word
    ("Korea Electric Power", "Israel Police", "Bank of Korea"), or the place after its
    "of" ("University of Tokyo" with a gazetteer)."""
    words = [t for t in span if t.lower_ != "the"]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if all(t.text[:1].isupper() for t in words[i:i + size]):
                found = country_of_word(" ".join(t.text for t in words[i:i + size]))
                if found and found not in STATELESS:
                    return found
    lows = [t.lower_ for t in words]
    if "of" in lows[1:]:
        tail = words[lows.index("of", 1) + 1:]
        return place(" ".join(t.text for t in tail)) if tail else None
    return None
