"""Within-document entity clusters: the ``newsetl_aliases`` spaCy component.

A short form joins the fuller name introduced in the same document: a surname or given name
("Park", "Kishida") joins the PERSON whose name contains it (the most recent one when two
do), an acronym joins the name whose initials it spells ("US" / "United States"), an
abbreviated word joins its full form ("S. Korea" / "South Korea"), a last word joins
the only longer place or organisation ending in it ("Korea" / "South Korea", but not when
"North Korea" is also named), and a national capital (GeoNames') joins the country it
stands for ("Seoul" / "South Korea", see
:func:`transforms.places.gazetteer.country_of_capital`). Mentions of one cluster get the same
label and, as span ``id_``, the cluster's fullest form; :func:`clusters` turns those into the
doc-local cluster numbers of the state tables, and :func:`cluster_at` maps any character
range (an event participant, a quote's speaker) to its cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from transforms.actors.countries import country_name, country_of_word
from transforms.entities.components import ENTITY_LABELS, HEADLINE_MIN_WORDS
from transforms.entities.names import abbreviates, initials, is_acronym, normalize
from transforms.places.gazetteer import country_of_capital

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "around", "into",
                                   "within", "throughout"})
"""A capital governed by one of these is the place ("a summit in Tokyo"), not the government
it can stand for ("Tokyo protested"): only the latter joins its country."""

SHORT_FORM_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
"""Labels a one-word mention may carry when it is in fact a person's short name: the small
model often tags a bare surname ORG or GPE ("Park said", "Yoon's")."""


@dataclass
class _Cluster:
    label: str
    name: str
    keys: set[str] = field(default_factory=set)

    @property
    def words(self) -> set[str]:
        return set(normalize(self.name).split())

    def add(self, form: str) -> None:
        """Record a form; the fullest one (most words, first seen on ties) names the cluster."""
        self.keys.add(normalize(form))
        if _fullness(form) > _fullness(self.name):
            self.name = form


def _fullness(form: str) -> tuple[int, bool]:
    """Words first; then a written case ("Washington") beats a shouted one ("WASHINGTON").
    A form in capitals of :data:`~transforms.entities.components.HEADLINE_MIN_WORDS` words
    or more (the entity cleanup's headline length) counts :data:`HEADLINE_PENALTY` words
    less: it is more often a headline the NER ran into the name ("BILL COSBY GUILTY
    VERDICT") than a fuller name."""
    words = len(normalize(form).split())
    shouted = form.isupper()
    if shouted and words >= HEADLINE_MIN_WORDS:
        words -= HEADLINE_PENALTY
    return words, not shouted


HEADLINE_PENALTY = 2
"""Words such a form counts less than it has: "BILL COSBY GUILTY VERDICT" ties "Bill Cosby"
(and the written case wins); "BARACK OBAMA" (two words) still beats "Obama"."""


@Language.factory("newsetl_aliases")
def make_aliases(nlp: Language, name: str) -> Aliases:
    return Aliases()


class Aliases:
    """Cluster a Doc's entities; set each entity's label and ``id_`` to its cluster's."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, _Cluster]] = []
        clusters: list[_Cluster] = []
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                found.append((ent, _assign(ent, clusters)))
        found += _missed_short_forms(doc, found)
        other = [e for e in doc.ents if e.label_ not in ENTITY_LABELS]
        linked = [Span(doc, s.start, s.end, label=c.label, span_id=c.name) for s, c in found]
        doc.ents = _without_overlaps(linked, other)
        return doc


def _without_overlaps(first: list[Span], then: list[Span]) -> list[Span]:
    """Spans of ``first`` (in order), then those of ``then`` that overlap none kept so far:
    a short form found outside NER may touch a DATE or another entity, which spaCy refuses."""
    taken: set[int] = set()
    kept = []
    for span in first + then:
        tokens = set(range(span.start, span.end))
        if not tokens & taken:
            kept.append(span)
            taken |= tokens
    return sorted(kept, key=lambda s: s.start)


def _assign(ent: Span, clusters: list[_Cluster]) -> _Cluster:
    """The cluster of ``ent``: one that already has this exact form, else the most recently
    used one it is a variant of, else a new one."""
    form = _form(ent, clusters)
    key = normalize(form)
    exact = [c for c in clusters if key in c.keys and c.label == ent.label_]
    variants = exact or [c for c in reversed(clusters) if _same(form, ent.label_, c, clusters)]
    if not variants:
        variants = [_Cluster(ent.label_, form)]
    else:
        clusters.remove(variants[-1] if exact else variants[0])
    cluster = variants[-1] if exact else variants[0]
    clusters.append(cluster)  # most recently used last
    cluster.add(form)
    return cluster


def _form(ent: Span, clusters: list[_Cluster]) -> str:
    """The name a mention is clustered under: a preset ``id_`` (acronym expansion), the
    country a national capital stands for when it acts as that government, or the text."""
    if ent.id_:
        return ent.id_
    metonymic = ent.label_ == "GPE" and not _is_locative(ent)
    iso3 = country_of_capital(ent.text) if metonymic else None
    return _country_form(iso3, clusters) if iso3 else ent.text


def _country_form(iso3: str, clusters: list[_Cluster]) -> str:
    """How the document names a country: its most recent GPE cluster naming that country and
    not itself a capital ("the Czech Republic" for "Prague", not "Kuwait City" for "Kuwait
    City"), else the country's common name (GeoNames': "Czechia")."""
    for cluster in reversed(clusters):
        name = cluster.name
        if (cluster.label == "GPE" and country_of_word(name) == iso3
                and not country_of_capital(name)):
            return name
    return country_name(iso3)


def _is_locative(ent: Span) -> bool:
    """Is the mention the object of a place preposition ("in Seoul")? Needs a parse."""
    head = ent.root.head
    return (ent.doc.has_annotation("DEP") and ent.root.dep_ == "pobj"
            and head.lower_ in LOCATIVE_PREPOSITIONS)


def _same(form: str, label: str, cluster: _Cluster, clusters: list[_Cluster]) -> bool:
    """Does a mention written ``form`` (NER label ``label``) belong to ``cluster``?"""
    key = normalize(form)
    words = set(key.split())
    if not words:
        return False
    if cluster.label == "PERSON" and (label == "PERSON" or len(words) == 1
                                      and label in SHORT_FORM_LABELS):
        return words <= cluster.words or (label == "PERSON" and cluster.words <= words)
    if label != cluster.label or _other_countries(form, cluster.name):
        return False
    if key in cluster.keys or abbreviates(form, cluster.name) or abbreviates(cluster.name, form):
        return True
    if is_acronym(form) and key == initials(cluster.name):
        return True
    if is_acronym(cluster.name) and normalize(cluster.name) == initials(form):
        return True
    return len(words) == 1 and _only_longer_ending(key, label, cluster, clusters)


def _other_countries(form: str, name: str) -> bool:
    """Whether two names are two different countries ("Sudan" and "South Sudan", "Guinea"
    and "Equatorial Guinea"): the shorter is then no short form of the longer."""
    mine, theirs = country_of_word(form), country_of_word(name)
    return bool(mine and theirs and mine != theirs)


def _only_longer_ending(word: str, label: str, cluster: _Cluster,
                        clusters: list[_Cluster]) -> bool:
    """``cluster`` is the one multi-word cluster of this label whose name ends in ``word``."""
    def ends(c: _Cluster) -> bool:
        parts = normalize(c.name).split()
        return c.label == label and len(parts) > 1 and parts[-1] == word
    return ends(cluster) and sum(ends(c) for c in clusters) == 1


def _missed_short_forms(doc: Doc, found: list[tuple[Span, _Cluster]]) -> list[tuple]:
    """Proper nouns the NER left out that repeat a word of a person named earlier."""
    if not doc.has_annotation("TAG"):
        return []
    covered = {i for s, _ in found for i in range(s.start, s.end)}
    out, seen = [], []
    by_start = {s.start: c for s, c in found}
    for tok in doc:
        if tok.i in by_start and by_start[tok.i].label == "PERSON":
            seen.append(by_start[tok.i])
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.is_title or not tok.is_alpha:
            continue
        match = [c for c in reversed(seen) if len(c.words) > 1 and tok.lower_ in c.words]
        if match:
            out.append((doc[tok.i:tok.i + 1], match[0]))
    return out


def clusters(doc: Doc) -> list[tuple[Span, int]]:
    """Entity spans of the Doc with their doc-local cluster number (order of first mention)."""
    numbers: dict[tuple[str, str], int] = {}
    out = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            key = (ent.label_, ent.id_ or ent.text)
            out.append((ent, numbers.setdefault(key, len(numbers))))
    return out


def cluster_at(doc: Doc, start_char: int, end_char: int,
               found: list[tuple[Span, int]] | None = None) -> int | None:
    """Doc-local cluster of the entity that a character range refers to, or None.

    The range may be exactly a mention, or a phrase around one ("South Korean Foreign
    Minister Park Jin"): then the entity holding the phrase's syntactic head wins, else the
    last entity inside the range (English noun phrases end with their head). ``found`` is
    :func:`clusters` of the Doc when the caller already has it.
    """
    inside = [(s, c) for s, c in (clusters(doc) if found is None else found)
              if s.start_char < end_char and s.end_char > start_char]
    if not inside:
        return None
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is not None and doc.has_annotation("DEP"):
        root = span.root.i
        for s, c in inside:
            if s.start <= root < s.end:
                return c
    return inside[-1][1]
