"""spaCy components that fix and link a Doc's entities before rows are made of them.

Order in the pipeline (see :func:`transforms.nlp.pipeline.load`):

* ``newsetl_hyphen_names`` (first): re-joins romanised hyphenated given names that the
  English tokenizer splits ("Suk-yeol", "Jae-in") so tagger, parser and NER see one word.
* ``entity_ruler`` (before ``ner``): token-shape patterns from :func:`ruler_patterns`:
  "Family Given-name" -> PERSON, "... Agreement/Treaty/Pact" names -> LAW.
* ``newsetl_entity_cleanup`` (after ``ner``): trims titles, "the" and possessives off
  entities, drops office words taken for organisations ("Secretary of *State*"), and joins an
  acronym to its expansion ("... Agreement (GSOMIA)") as one entity.
* ``newsetl_aliases``: within-document clusters; short forms ("Park") join the full name
  ("Park Jin"), "US" joins "United States", "S. Korea" joins "South Korea". Each entity span's
  ``id_`` is set to its cluster's fullest name, which is what :func:`clusters` numbers.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from transforms.text.stopwords import STOP_WORDS

ENTITY_LABELS = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
})
"""Labels that name things; numeric labels (DATE, MONEY, CARDINAL ...) are not entities."""

ROMANISED_SYLLABLE = (
    r"(?:[bcdfghjklmnprstwy]|ch|kk|tt|pp|ss|jj|sh|ts|zh)?h?"
    r"(?:a|ae|ai|ao|e|eo|eu|ei|i|ia|ie|io|iu|o|oe|oo|ou|u|ua|ue|ui|wa|wae|we|wi|ya|yae|ye|yeo|yo|yu|ee)"
    r"(?:k|n|ng|l|m|p|t|r|h)?"
)
"""One romanised Korean/Chinese syllable ("yeol", "in", "myung", "hui"): the shape of the
lower-case half of "Suk-yeol" or "Teng-hui". English words after a hyphen ("based", "born",
"led") do not fit it."""

HYPHEN_GIVEN_NAME = rf"^[A-Z][a-z]{{1,5}}-{ROMANISED_SYLLABLE}$"
"""A re-joined given name token: capitalised syllable, hyphen, lower-case syllable."""

LAW_HEADS = ("agreement", "treaty", "pact", "accord", "accords", "convention", "protocol",
             "charter")
"""Head nouns that make a capitalised name a law or treaty (OntoNotes LAW)."""

NAME_JOINERS = ("of", "on", "for", "and")
"""Lower-case words allowed inside a capitalised multi-word name."""

PERSON_TITLES = frozenset({
    "president", "vice", "prime", "minister", "secretary", "chief", "cabinet", "foreign",
    "defense", "defence", "deputy", "general", "state", "chairman", "chairwoman", "chair",
    "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "senator", "sen",
    "rep", "representative", "governor", "gov", "mayor", "king", "queen", "prince",
    "princess", "pope", "premier", "chancellor", "leader", "former", "mr", "mrs", "ms", "dr",
    "lt", "col", "gen", "adm", "sgt", "capt", "commander", "director", "judge", "justice",
    "speaker", "lawmaker", "official", "emperor", "sir", "lord", "lady", "dame", "trade",
    "finance", "interior", "home", "unification", "national", "security", "adviser",
    "advisor", "treasury", "attorney", "first", "crown", "ex", "acting", "top",
    # ranks of police and armed forces, clergy, local and legislative offices
    "officer", "detective", "det", "sergeant", "constable", "inspector", "insp", "sheriff",
    "trooper", "corporal", "cpl", "superintendent", "supt", "commissioner", "marshal",
    "colonel", "captain", "lieutenant", "admiral", "brigadier", "maj", "cmdr",
    "reverend", "rev", "bishop", "archbishop", "cardinal", "rabbi", "imam", "ayatollah",
    "pastor", "professor", "prof", "councillor", "councilman", "councilwoman",
    "assemblyman", "assemblywoman", "congressman", "congresswoman",
})
"""Words of titles that stand before a name ("Foreign Minister", "Secretary of State",
"Officer", "Archbishop"): they are never part of the PERSON name, and left of it they are
the title that gives its agent (:mod:`transforms.actors.named`). A closed vocabulary of
offices and ranks, not of names."""

TITLE_HEADS = frozenset({
    "minister", "secretary", "president", "chief", "spokesman", "spokeswoman", "director",
    "ambassador", "chairman", "adviser", "advisor", "envoy", "general",
})
"""Office nouns: an organisation-like word right next to one ("Defense Minister",
"Secretary of State") is part of a title, not an organisation mention."""

HEADLINE_MIN_WORDS = 3
"""Fewest words of a capitalised name read as a headline when it holds a function word: "US"
and "WHO" are names, "BILL COSBY RECOMMENDED TO BE CLASSIFIED AS" is not."""
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE"})
"""Labels of names, which never hold a clause."""
ARTICLES = frozenset({"the", "a", "an"})

_LEADING_JUNK = frozenset({"the", "a", "an", "'s", "’s", "-", "–", "(", ")", ",", ":"})


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns: hyphenated given names and capitalised treaty names."""
    name = {"IS_TITLE": True, "LOWER": {"NOT_IN": ["the", "a", "an"]}}
    head = {"IS_TITLE": True, "LOWER": {"IN": list(LAW_HEADS)}}
    join = {"LOWER": {"IN": list(NAME_JOINERS)}}
    given = {"TEXT": {"REGEX": HYPHEN_GIVEN_NAME}}
    patterns = [{"label": "PERSON", "pattern": [{"IS_TITLE": True}, given]}]
    word = [{**name, "OP": "+"}]
    for n_joins in range(3):
        body = word + [join, *word] * n_joins
        patterns.append({"label": "LAW", "pattern": [*body, head]})
    patterns.append({"label": "LAW", "pattern": [head, {"LOWER": "of"}, {**name, "OP": "+"}]})
    return patterns


@Language.factory("newsetl_hyphen_names")
def make_hyphen_names(nlp: Language, name: str) -> HyphenNames:
    return HyphenNames(nlp)


class HyphenNames:
    """Merge "Suk", "-", "yeol" into one token when it follows a capitalised word."""

    def __init__(self, nlp: Language):
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("GIVEN", [[
            {"IS_TITLE": True},
            {"IS_TITLE": True, "SPACY": False, "LENGTH": {"<=": 6}},
            {"ORTH": "-", "SPACY": False},
            {"LOWER": {"REGEX": f"^{ROMANISED_SYLLABLE}$"}},
        ]])

    def __call__(self, doc: Doc) -> Doc:
        spans = [doc[s + 1:e] for _, s, e in self.matcher(doc)]
        with doc.retokenize() as retokenizer:
            for span in filter_spans(spans):
                retokenizer.merge(span)
        return doc


@Language.factory("newsetl_entity_cleanup")
def make_entity_cleanup(nlp: Language, name: str) -> EntityCleanup:
    return EntityCleanup()


class EntityCleanup:
    """Trim titles and function words off entities; join acronyms to their expansion."""

    def __call__(self, doc: Doc) -> Doc:
        ents = [t for e in doc.ents if (t := _trim(e)) is not None and not _office_word(t)
                and not _clause_inside(t)]
        for long_form, short, label in _acronym_pairs(doc):
            ents = _with_acronym(doc, ents, long_form, short, label)
        doc.ents = filter_spans(ents)
        return doc


def _trim(ent: Span) -> Span | None:
    """The entity without leading titles/articles and trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end - 1 and (doc[start].lower_ in _LEADING_JUNK or (
            ent.label_ == "PERSON" and _is_title_word(doc[start]))):
        start += 1
    while end > start and (doc[end - 1].lower_ in _LEADING_JUNK or doc[end - 1].is_punct
                           and doc[end - 1].text not in {".", "&"}):
        end -= 1
    if end <= start or doc[start:end].text.lower() in _LEADING_JUNK:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_, span_id=ent.id_)


def _clause_inside(ent: Span) -> bool:
    """A name that swallowed a clause: a lower-case verb inside it ("Hall fired Guyger" tagged
    as one ORG), or, in a headline written in capitals, a function word no name holds ("BILL
    COSBY RECOMMENDED TO BE CLASSIFIED AS"). It is dropped; the names in it come back
    through the missed-names rule."""
    if ent.label_ not in NAME_LABELS:
        return False
    if any(t.pos_ == "VERB" and t.is_lower for t in ent[1:-1]):
        return True
    return len(ent) >= HEADLINE_MIN_WORDS and all(t.is_upper or not t.is_alpha for t in ent) \
        and any(t.lower_ in STOP_WORDS and t.lower_ not in ARTICLES.union(NAME_JOINERS)
                for t in ent)


def _is_title_word(token) -> bool:
    return token.lower_.rstrip(".") in PERSON_TITLES or token.lower_ in {"of", "'s", "’s"}


def _office_word(ent: Span) -> bool:
    """An ORG that is only title words sitting next to an office noun ("Defense" Minister)."""
    if ent.label_ != "ORG" or not all(t.lower_ in PERSON_TITLES for t in ent):
        return False
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ == "of" and ent.start > 1:
        before = doc[ent.start - 2]
    after = doc[ent.end] if ent.end < len(doc) else None
    return any(t is not None and t.lower_ in TITLE_HEADS for t in (before, after))


def _acronym_pairs(doc: Doc) -> list[tuple[Span, str, str]]:
    """(long form span, short form text, label) for every "long form (SHORT)" in the Doc."""
    pairs = []
    for tok in doc[:-2]:
        short = doc[tok.i + 1]
        if tok.text != "(" or doc[tok.i + 2].text != ")" or not _short_form_ok(short.text):
            continue
        long_form = _long_form(doc, tok.i, short.text)
        if long_form is not None:
            pairs.append((long_form, short.text, _label_for(long_form, short)))
    return pairs


def _short_form_ok(text: str) -> bool:
    return (2 <= len(text) <= 10 and text[0].isalpha() and any(c.isupper() for c in text)
            and text.replace(".", "").isalnum())


def _long_form(doc: Doc, paren: int, short: str) -> Span | None:
    """Schwartz & Hearst (2003): the shortest preceding word window that contains the short
    form's characters in order, its first character starting a word."""
    letters = sum(c.isalnum() for c in short)
    sent_start = doc[paren].sent.start if doc.has_annotation("SENT_START") else 0
    window_start = max(sent_start, paren - min(letters + 5, letters * 2))
    for start in range(paren - 1, window_start - 1, -1):
        if doc[start].is_punct or doc[start].lower_ in ARTICLES:
            break
        if _letters_in_order(short, doc[start:paren].text):
            return doc[start:paren]
    return None


def _letters_in_order(short: str, long: str) -> bool:
    """Every alphanumeric character of ``short`` occurs in ``long`` in order, the first one
    at the start of ``long``; the shortest such window wins in the caller."""
    chars = [c.lower() for c in short if c.isalnum()]
    if not long or long[0].lower() != chars[0]:
        return False
    pos = 1
    for c in chars[1:]:
        pos = long.lower().find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _label_for(long_form: Span, short) -> str:
    """LAW when the expansion is a treaty; else the NER label of either form, else ORG."""
    if long_form[-1].lower_ in LAW_HEADS:
        return "LAW"
    for tok in (long_form[-1], short):
        if tok.ent_type_ in ENTITY_LABELS:
            return tok.ent_type_
    return "ORG"


def _with_acronym(doc: Doc, ents: list[Span], long_form: Span, short: str,
                  label: str) -> list[Span]:
    """Replace entities overlapping the long form or any use of the short form."""
    key = long_form.text
    new = [Span(doc, long_form.start, long_form.end, label=label, span_id=key)]
    new += [Span(doc, t.i, t.i + 1, label=label, span_id=key) for t in doc
            if t.text == short or (t.text.lower() == short.lower() and not t.is_lower)]
    taken = {i for s in new for i in range(s.start, s.end)}
    kept = [e for e in ents if not taken.intersection(range(e.start, e.end))]
    return kept + new
