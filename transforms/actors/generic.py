"""Generic actors: groups and bodies that a sentence names by what they are, not by a name.

The ``newsetl_generic_actors`` component (after the parser and the ner) puts every noun
phrase headed by an actor noun of the vocabulary (:mod:`.agents`) and not inside a named
entity into ``doc.spans["generic_actors"]``: "Israeli police", "protesters", "two students",
"the ministry" (as "ministry"), "a gunman" (as "gunman"). Each span carries

- ``label_``: its CAMEO agent ("COP"), also ``span._.actor_agent``;
- ``kb_id_``: the ISO3 code of its country when its own words say it ("Israeli police",
  "Tokyo police" with a gazetteer, "the government of Japan"), "" otherwise; also
  ``span._.actor_country`` (None when unknown);
- ``id_``: its ICEWS-style generic name without country ("Police"); ``span._.actor_name``
  adds the country: "Police (Israel)", "Gunman".

Label, kb_id and id survive ``Doc.to_bytes`` and ``DocBin``; the extensions are getters
over them. A country from the document's context (a dateline, the story's other mentions)
is someone else's to find; :func:`fill_country` writes it into the spans that lack one.

:mod:`.named` gives the country and agent of NAMED entities.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from transforms.actors import agents, counts
from transforms.actors.countries import country_data, country_name, country_of_word
from transforms.actors.counts import lemma_of

CountryOfPlace = Callable[[str], "str | None"]
"""Text of a GPE span -> ISO3 code of its country, or None ("Tokyo" -> "JPN")."""

SPANS_KEY = "generic_actors"
"""``doc.spans`` key of the generic actors."""
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "quantmod"})
"""Dependencies of left modifiers that may stay in a generic actor's span: "riot" police,
"Israeli" police, "two" students. Determiners, possessives and clauses never do."""
KEPT_AMOD_LABELS = frozenset({"NORP", "GPE"})
"""Entity types of adjectival modifiers kept in the span ("Israeli", "South Korean"); other
adjectives ("angry", "many") are dropped unless part of a vocabulary phrase ("armed men")."""
COUNTRY_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
"""Dependencies through which a modifier gives a noun phrase its country: "Israeli" police,
"Tokyo" police, "Japan's" government."""
PLACE_PREPS = frozenset({"of", "in", "from"})
"""Prepositions whose object gives a noun phrase its country: "the government of Japan",
"police in Israel", "troops from Kenya"."""
HOSTED_HEADS = frozenset({"embassy", "consulate", "ambassador", "envoy", "mission", "legation",
                          "diplomat", "attache", "consul", "delegation"})
"""Heads whose "in" place is the host state, not theirs: "the embassy in Belize" is another
state's ("the embassy of Japan", "the US embassy" still name its own)."""
PERSON_ENTITY_LABELS = frozenset({"PERSON"})
"""Named modifiers that leave a deferring noun's agent unknown: "Trump aides" says whose
aides, not which sector they serve."""
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
"""Penn tags of plural nouns: a plural title names its holders ("defense ministers")."""
NOUN_POS = frozenset({"NOUN", "PROPN", ""})
"""Parts of speech of a generic actor's head ("" for a hand-built Doc without tags)."""


# ---------------------------------------------------------------- extensions

def _span_agent(span: Span) -> str | None:
    return span.label_ if span.label_ in agents.agent_codes() else None


def _span_country(span: Span) -> str | None:
    code = span.kb_id_
    return code if code and code in country_data().name_short else None


def _span_name(span: Span) -> str | None:
    if not span.id_:
        return None
    country = _span_country(span)
    return agents.generic_name(span.id_, country_name(country) if country else None)


for _name, _getter in (("actor_agent", _span_agent), ("actor_country", _span_country),
                       ("actor_name", _span_name)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)


def span_attributes(span: Span) -> tuple[str | None, str | None]:
    """(country, agent) of a span of ``doc.spans["generic_actors"]``."""
    return _span_country(span), _span_agent(span)


def generic_noun(span: Span) -> str | None:
    """ICEWS-style generic name of a generic actor span, without country ("Police")."""
    return span.id_ or (agents.sector_name(span.label_) if _span_agent(span) else None)


def with_country(span: Span, iso3: str | None) -> Span:
    """The same generic actor span with country ``iso3`` (ISO 3166-1 alpha-3)."""
    return Span(span.doc, span.start, span.end, label=span.label, kb_id=iso3 or "",
                span_id=span.id)


def fill_country(doc: Doc, iso3: str, spans_key: str = SPANS_KEY) -> int:
    """Give the generic actors of ``doc`` that have no country the country ``iso3`` (from
    context: the dateline, the story's dominant country); returns how many got it."""
    if spans_key not in doc.spans:
        return 0
    spans = list(doc.spans[spans_key])
    filled = [s if s.kb_id_ else with_country(s, iso3) for s in spans]
    doc.spans[spans_key] = filled
    return sum(1 for s in spans if not s.kb_id_)


# ---------------------------------------------------------------- the component

@registry.misc("newsetl.country_of_word.v1")
def make_country_of_word() -> CountryOfPlace:
    """The default ``country_of_place``: country names and demonyms only, no gazetteer."""
    return country_of_word


@Language.factory(
    "newsetl_generic_actors",
    default_config={"spans_key": SPANS_KEY, "overwrite": True,
                    "country_of_place": {"@misc": "newsetl.country_of_word.v1"}},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc.spans"],
)
def make_generic_actors(nlp: Language, name: str, spans_key: str, overwrite: bool,
                        country_of_place: CountryOfPlace) -> GenericActors:
    """spaCy factory of :class:`GenericActors`."""
    return GenericActors(nlp, name, spans_key=spans_key, overwrite=overwrite,
                         country_of_place=country_of_place)


class GenericActors:
    """Find generic actors and put them in ``doc.spans[spans_key]`` (see the module doc).

    ``country_of_place`` maps a GPE's text to its country; the default knows countries
    only, a gazetteer-backed one also cities ("Tokyo police" -> JPN).
    """

    def __init__(self, nlp: Language | None = None, name: str = "newsetl_generic_actors", *,
                 spans_key: str = SPANS_KEY, overwrite: bool = True,
                 country_of_place: CountryOfPlace | None = None) -> None:
        self.name = name
        self.key = spans_key
        self.overwrite = overwrite
        self.country_of_place = country_of_place or country_of_word

    def __call__(self, doc: Doc) -> Doc:
        """Find the generic actors of ``doc`` and store them (as spaCy's SpanRuler does)."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """The generic actor spans of ``doc``, in text order."""
        found = (generic_actor_at(tok, self.country_of_place) or counts.casualty_count(tok)
                 or counts.crowd_count(tok) for tok in doc)
        return [part for span in found if span is not None
                for part in coordinated_parts(span, self.country_of_place)]

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Store ``spans`` under the component's key (replacing or extending the group)."""
        old = [] if self.overwrite or self.key not in doc.spans else list(doc.spans[self.key])
        doc.spans[self.key] = [*old, *spans]


def generic_actor_at(head: Token,
                     country_of_place: CountryOfPlace = country_of_word) -> Span | None:
    """The generic actor span headed by ``head``, or None when ``head`` heads none.

    ``head`` must be a noun outside any entity that modifies no other noun (in "police
    station" the head is "station"), and the phrase it ends ("riot police", "police
    officials", "rebel group") must come to an agent: a noun that acts alone, a phrase of
    the vocabulary, or a deferring noun whose modifier names a body.
    """
    if not _candidate(head) or not (agents.may_end_phrase(lemma_of(head))
                                    or agents.may_end_phrase(head.lower_)):
        return None
    mods = _left_modifiers(head)
    start = mods[-1].left_edge.i if mods else head.i
    tokens = list(head.doc[start:head.i + 1])
    words = [t.lower_ for t in tokens[:-1]] + [lemma_of(head)]
    match = _vocabulary_match(words)
    if match is None and head.lower_ != words[-1]:  # the lemmatiser's "media" -> "medium"
        words[-1] = head.lower_
        match = _vocabulary_match(words)
    if match is None or match.end != len(words) or not _usable(match.entry, head):
        return None
    agent_row = _entity_deferral(match, tokens[:match.start]) if match.entry.defer else \
        match.source
    if agent_row is None or not agent_row.agent:
        return None
    if not (match.entry.alone or match.entry.use == "title" or match.start < len(words) - 1
            or agent_row is not match.entry):
        return None
    first = _span_start(head, mods, start + match.start)
    country = noun_phrase_country(head, country_of_place) or ""
    agent, name = agent_row.agent, agent_row.generic or agents.sector_name(agent_row.agent)
    if _policing(head, agent_row):
        agent, name = POLICING_AGENT, agents.sector_name(POLICING_AGENT)
    return Span(head.doc, first, head.i + 1, label=agent, kb_id=country, span_id=name or "")


def coordinated_parts(span: Span, country_of_place: CountryOfPlace = country_of_word
                      ) -> list[Span]:
    """A generic actor whose nationalities are coordinated, one actor per state: "Indian and
    Pakistani troops" are the troops of each. The last nationality keeps the noun ("Pakistani
    troops"); each earlier one stands for the same noun alone ("Indian"). Any other span is
    itself."""
    head = span[-1]
    first = next((c for c in head.lefts if c.i >= span.start and c.dep_ in COUNTRY_MOD_DEPS
                  and any(x.dep_ == "conj" for x in c.children)), None)
    conjuncts = [first, *first.conjuncts] if first is not None else []
    countries = [token_country(t, country_of_place) for t in conjuncts]
    if not conjuncts or None in countries or len(set(countries)) < len(countries):
        return [span]
    bounds = [(t.left_edge.i, t.i + 1) for t in conjuncts[:-1]]
    bounds.append((conjuncts[-1].left_edge.i, span.end))
    return [Span(span.doc, a, b, label=span.label, kb_id=country, span_id=span.id)
            for (a, b), country in zip(bounds, countries, strict=True)]


def _policing(head: Token, row: agents.Entry) -> bool:
    """Whether "the authorities" are the police here: a sentence in which someone
    investigates, arrests or charges (:data:`POLICING_VERBS`) is about law enforcement, and
    the authorities in it are its police, as ACLED and the CAMEO agent table file them."""
    if row.lemma not in POLICING_BODIES:
        return False
    return any(t.pos_ == "VERB" and lemma_of(t) in POLICING_VERBS for t in head.sent)


POLICING_BODIES = frozenset({"authority"})
"""Vocabulary rows of a state body named by no function: the government's in general, its
police where the sentence is about law enforcement (:func:`_policing`)."""
POLICING_VERBS = frozenset({"arrest", "detain", "investigate", "charge", "apprehend",
                            "interrogate", "raid", "probe", "indict"})
"""Verbs of law enforcement: "authorities arrested two men", "working with the authorities
as they investigate"."""
POLICING_AGENT = "COP"

def _vocabulary_match(words: list[str]) -> agents.Match | None:
    return agents.resolve(words, [False] * len(words), skip=lambda _w: False,
                          uses=("noun", "title"))


def _usable(entry: agents.Entry, head: Token) -> bool:
    """A common noun always heads a generic actor; a title only where it stands for its
    holder: determined or possessed ("the president", "a judge", "its governor") or plural
    ("defense ministers"), never next to a name ("President Moon" is a named entity)."""
    if entry.use == "noun":
        return True
    if entry.use != "title":
        return False
    return head.tag_ in PLURAL_TAGS or any(
        c.dep_ in ("det", "poss") and c.i < head.i for c in head.children)


def _candidate(tok: Token) -> bool:
    """A noun outside entities that heads its own phrase, not the first part of a hyphenated
    word ("intelligence" in "intelligence-sharing pact")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    hyphenated = nxt is not None and nxt.text == "-" and not tok.whitespace_
    return (not tok.ent_type_ and tok.pos_ in NOUN_POS and tok.dep_ not in ("compound", "amod")
            and tok.is_alpha and not hyphenated)


def _left_modifiers(head: Token) -> list[Token]:
    """The contiguous modifier children left of ``head``, nearest first."""
    mods: list[Token] = []
    edge = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in MODIFIER_DEPS or child.right_edge.i != edge - 1:
            break
        mods.append(child)
        edge = child.left_edge.i
    return mods


def _entity_deferral(match: agents.Match, modifiers: list[Token]) -> agents.Entry | None:
    """The row that gives a deferring head its agent when a named modifier stands before
    it: an ORG modifier gives its own agent ("White House officials" GOV), a PERSON
    modifier none ("Trump aides"); without one, the vocabulary's choice stands."""
    if match.source is not match.entry:
        return match.source
    for tok in reversed(modifiers):
        if tok.ent_type_ == "ORG":
            ent = entity_of(tok)
            agent = agents.agent_of_org(ent.text) if ent is not None else None
            return agents.Entry(ent.text if ent else tok.text, agent, None, True, "name", False)
        if tok.ent_type_ in PERSON_ENTITY_LABELS:
            return None
    return match.entry


def _span_start(head: Token, mods: list[Token], match_start: int) -> int:
    """First token of the span: the vocabulary phrase, widened over the nearest modifiers
    that name it (compounds, numbers, nationality adjectives), then over whole entities."""
    first = min(match_start, head.i)
    for child in mods:
        if child.left_edge.i >= match_start:
            continue
        if child.dep_ == "amod" and not _names_country(child):
            break
        first = child.left_edge.i
    ent = entity_of(head.doc[first])
    return min(first, ent.start) if ent is not None else first


def _names_country(tok: Token) -> bool:
    """An adjective that is a nationality or country ("Israeli"), tagged or not."""
    return tok.ent_type_ in KEPT_AMOD_LABELS or country_of_word(tok.text) is not None


def entity_of(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of, or None."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type)


OWNER_PRONOUNS = frozenset({"its", "their"})
"""Possessives by which a body owns its members ("its ambassador", "their troops")."""
OWNER_CLIMB = 3
"""Clauses climbed from a possessed actor to its owner's subject."""


def noun_phrase_country(head: Token,
                        country_of_place: CountryOfPlace = country_of_word) -> str | None:
    """Country of the noun phrase headed by ``head`` from its own words: a nationality or
    place modifier ("Israeli", "Tokyo", "Japan's"), else a place object of "of", "in" or
    "from" ("the government of Japan"); None when they name none."""
    for tok in reversed(head.doc[head.left_edge.i:head.i]):
        if tok.dep_ in COUNTRY_MOD_DEPS:
            found = token_country(tok, country_of_place)
            if found:
                return found
    if any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in head.children):
        return _owner_country(head, country_of_place)  # "recalled its ambassador from Minsk"
    preps = PLACE_PREPS - {"in"} if head.lemma_.lower() in HOSTED_HEADS else PLACE_PREPS
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "NORP"):
                    return token_country(obj, country_of_place)
    return None


def _owner_country(head: Token, country_of_place: CountryOfPlace) -> str | None:
    """Country of the body an "its/their" stands for: the subject of the nearest clause
    above ``head`` that has another subject ("Britain recalled its ambassador" GBR; "the
    Nigerian army said its soldiers had killed" NGA)."""
    verb = head
    for _ in range(OWNER_CLIMB):
        verb = verb.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != head.i), None)
        if subject is not None:
            return token_country(subject, country_of_place) or \
                noun_phrase_country(subject, country_of_place)
        if verb.head.i == verb.i:
            break
    return None


def token_country(tok: Token, country_of_place: CountryOfPlace) -> str | None:
    """Country a modifier token names, as part of its entity when it has one."""
    ent = entity_of(tok)
    if ent is not None and ent.label_ == "GPE":
        return country_of_place(ent.text) or country_of_word(ent.text)
    if ent is not None and ent.label_ == "NORP":
        return country_of_word(ent.text)
    if tok.text[:1].isupper():  # untagged, or inside the phrase's own ORG ("Korean court")
        return country_of_word(tok.text)
    return None
