"""Cross-document entity resolution: document-local entities to warehouse-wide entities.

Works on rows only (the ``doc_mentions`` state: one ``cluster`` per document-local entity,
with its fullest doc-local ``name``). Local entities are merged with a union-find, and every
merge rule looks only inside a *block* of candidates sharing a cheap key, so the work grows
with the corpus, never with its square:

1. same type and same normalised name ("Yoon Suk-yeol" / "Yoon Suk Yeol");
2. an acronym-only name joins the one entity whose initials or written acronym it is
   ("GSOMIA", "US" / "United States"); organisation-like types may differ here (an
   acronym alone is often mistyped ORG);
3. an abbreviated word ("S. Korea" / "South Korea");
4. a person's name spelt differently in one word (rapidfuzz ratio >= :data:`TOKEN_FUZZ`,
   "Noburo Kishi" / "Nobuo Kishi"), only when the two documents share at least
   :data:`CONTEXT_MIN_SHARED` other entities: people who merely share a surname or a given
   name never merge on spelling alone;
5. a one-word name left alone in its document ("Moon", "Korea") joins the only multi-word
   entity containing it (persons) or ending in it (places, organisations) among those its
   document does not write out with that word ("North Korea" beside "Korea" rules North
   Korea out there; for persons any such other name makes the short form ambiguous),
   again only with shared context, and never a country into another ("Sudan" is no short
   form of "South Sudan").

**Entity ids** are a pure function of the current input: ``E`` + 15 hex digits of SHA-256
over (type, key), where *key* is the lexicographically smallest normalised name among the
entity's fullest local names (most words) and *type* the smallest label carried by that
name. Re-running gives the same ids; adding documents that use already-known names keeps
every id, whatever the counts. Limits: an id changes when an entity gains a fuller or
alphabetically earlier variant of its fullest name, when a new document bridges two
entities into one (one id survives), or when new evidence splits one.

**Whole warehouse each run** (issue 20): rules 4 and 5 weigh each document's context (the
groups of rules 1-3 over every document) and rule 5 samples a group's first documents by id,
so one new document can change a decision about names it never writes; no block of names
can be carried over exactly, and every run resolves all documents.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz

from transforms.actors.countries import country_of_word
from transforms.entities import context
from transforms.entities.names import (
    abbreviates,
    another_country,
    initials,
    is_acronym,
    normalize,
    word_set,
)

TOKEN_FUZZ = 80.0
"""Least rapidfuzz ratio (0-100) between the one differing word of two person names
("nobuo"/"noburo" 91, "un"/"il" 0). Set on the sample's spelling variants with margin."""
TOKEN_FUZZ_MIN_LEN = 4
"""Shorter words are compared exactly: one letter of a short name is a different name."""

CONTEXT_MIN_SHARED = 2
"""Other entities two documents must share before a fuzzy or short-form merge: two is the
least that is not a coincidence of one common place name."""

CONTEXT_MAX_DOCS = 64
"""Documents of a candidate entity searched for shared context: enough for any real story
to show up (a story rarely has more reports sharing one short form), bounded for scale."""

ORG_LIKE = frozenset({"ORG", "LAW", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})
"""Types an acronym may be confused between by NER; acronym merges may cross them."""

LAST_WORD_TYPES = frozenset({"GPE", "LOC", "ORG", "FAC"})
"""Types whose short form is their last word ("Korea" for "South Korea")."""


class Local:
    """One document-local entity (a doc_mentions cluster).

    A plain class with slots, its key and words computed once: a corpus has hundreds of
    thousands of local entities, and each is built, keyed and compared many times.
    """

    __slots__ = ("doc_id", "cluster", "label", "name", "key", "words", "texts", "labels")

    def __init__(self, doc_id: str, cluster: int, label: str, name: str):
        self.doc_id = doc_id
        self.cluster = cluster
        self.label = label
        self.name = name
        self.key = normalize(name)
        self.words = self.key.split()
        self.texts: dict[str, int] = {}
        """Surface forms of its mentions, with counts (no per-mention rows: a corpus has
        millions of mentions, and the resolver needs only their forms)."""
        self.labels: dict[str, int] = {}
        """NER labels of its mentions, with counts."""

    def add(self, text: str, label: str) -> None:
        """Count one mention."""
        self.texts[text] = self.texts.get(text, 0) + 1
        self.labels[label] = self.labels.get(label, 0) + 1

    @property
    def acronym_only(self) -> bool:
        return len(self.words) == 1 and is_acronym(self.name)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def roots(self) -> list[int]:
        """The root of every element (a snapshot: later unions do not update it)."""
        return [self.find(i) for i in range(len(self.parent))]

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def entity_id(label: str, key: str) -> str:
    """Stable id from an entity's type and normalised canonical key."""
    return "E" + hashlib.sha256(f"{label}\x1f{key}".encode()).hexdigest()[:15]


MENTION_FIELDS = ("doc_id", "cluster", "label", "name", "text")
"""The doc_mentions columns the resolver reads, in the order of a :data:`Mention`."""

Mention = tuple[str, int, str, str, str]
"""One doc_mentions row as (doc_id, cluster, label, name, text)."""


def locals_of(mentions: Iterable[Mention]) -> list[Local]:
    """Group mentions into document-local entities, in a canonical order."""
    by_key: dict[tuple[str, int], Local] = {}
    for doc_id, cluster, label, name, text in mentions:
        key = (doc_id, cluster)
        loc = by_key.get(key)
        if loc is None:  # not setdefault: that would build a Local for every mention
            loc = by_key[key] = Local(doc_id, cluster, label, name)
        loc.add(text, label)
    return [by_key[k] for k in sorted(by_key)]


def resolve(mentions: Iterable[dict]) -> tuple[list[dict], dict[tuple[str, int], str]]:
    """Group doc_mentions rows (doc_id, cluster, label, name, text; may be a stream) into
    entities: entities rows, and (doc_id, cluster) -> entity_id (see :func:`entity_of`)."""
    return resolve_tuples(tuple(m[f] for f in MENTION_FIELDS) for m in mentions)


def resolve_tuples(mentions: Iterable[Mention]) -> tuple[list[dict], dict[tuple[str, int], str]]:
    """:func:`resolve` of mentions given as tuples: a warehouse holds hundreds of thousands,
    and no dict is built for each."""
    items = locals_of(mentions)
    uf = _UnionFind(len(items))
    _merge_exact(items, uf)
    _merge_acronyms(items, uf)
    _merge_abbreviations(items, uf)
    _merge_spellings(items, uf, _contexts(items, uf))
    _merge_short_forms(items, uf, _contexts(items, uf))
    groups: dict[int, list[Local]] = defaultdict(list)
    for i, loc in enumerate(items):
        groups[uf.find(i)].append(loc)
    return _rows(list(groups.values()))


def _merge_exact(items: list[Local], uf: _UnionFind) -> None:
    """Rule 1. One-word person names are left to rule 5 (a bare surname is ambiguous)."""
    first: dict[tuple[str, str], int] = {}
    for i, loc in enumerate(items):
        if loc.label == "PERSON" and len(loc.words) == 1:
            continue
        uf.union(i, first.setdefault((loc.label, loc.key), i))


def _acronyms(loc: Local) -> set[str]:
    """Acronyms a multi-word local entity is known by: its initials and written acronyms."""
    found = {normalize(text) for text in loc.texts if is_acronym(text)}
    return found | _initials(loc.name)


@functools.lru_cache(maxsize=1 << 16)
def _initials(name: str) -> frozenset[str]:
    """{the name's initials}, or nothing (cached: a corpus repeats its names)."""
    return frozenset({initials(name)} - {""})


def _merge_acronyms(items: list[Local], uf: _UnionFind) -> None:
    """Rule 2: an acronym-only local joins the single group known by that acronym."""
    # acronym -> group -> labels: one entry per group, however many documents name it
    block: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for loc, root in zip(items, uf.roots(), strict=True):
        if len(loc.words) > 1:
            for acronym in _acronyms(loc):
                block[acronym][root].add(loc.label)
    for i, loc in enumerate(items):
        if not loc.acronym_only:
            continue
        fits = {uf.find(g) for g, labels in block.get(loc.key, {}).items()
                if any(_types_fit(loc.label, label) for label in labels)}
        if len(fits) == 1:
            uf.union(i, fits.pop())


def _types_fit(a: str, b: str) -> bool:
    """May two NER labels be one entity's (equal, or both organisation-like)?"""
    return a == b or (a in ORG_LIKE and b in ORG_LIKE)


def _merge_abbreviations(items: list[Local], uf: _UnionFind) -> None:
    """Rule 3, blocked by type, word count and last word.

    Names are compared once per distinct pair, not once per pair of locals (a block holds
    thousands of locals of a few names), and all locals of two matching names are joined:
    the same groups, since a union-find's groups do not depend on the order of unions."""
    block: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, loc in enumerate(items):
        if len(loc.words) > 1:
            block[(loc.label, len(loc.words), loc.words[-1])][loc.name].append(i)
    for names in block.values():
        short = [n for n, members in names.items()
                 if any(len(w) == 1 for w in items[members[0]].words)]
        for a in short:
            for b in names:
                if abbreviates(a, b):
                    for i in names[a] + names[b]:
                        uf.union(names[a][0], i)


def _contexts(items: list[Local], uf: _UnionFind) -> dict[str, set[int]]:
    """Groups named in each document (the evidence for fuzzy and short-form merges)."""
    ctx: dict[str, set[int]] = defaultdict(set)
    for loc, root in zip(items, uf.roots(), strict=True):
        ctx[loc.doc_id].add(root)
    return ctx


def _shared(ctx: dict[str, set[int]], doc_a: str, docs_b: Iterable[str],
            own: set[int]) -> bool:
    """Does ``doc_a`` share enough other entities with one of ``docs_b``?

    Looks at no more than :data:`CONTEXT_MAX_DOCS` of ``docs_b`` (the first by id, so the
    answer depends only on the input set): a popular entity is named in thousands of
    documents, and scanning them all for every short form grows with the square of the corpus.
    """
    mine = ctx[doc_a] - own
    if len(mine) < CONTEXT_MIN_SHARED:
        return False
    sample = heapq.nsmallest(CONTEXT_MAX_DOCS, docs_b)
    return any(_enough_in_common(mine, ctx[d]) for d in sample)


def _enough_in_common(mine: set[int], theirs: set[int]) -> bool:
    """Do two documents' contexts share at least :data:`CONTEXT_MIN_SHARED` groups?"""
    return len(mine & theirs) >= CONTEXT_MIN_SHARED


def _merge_spellings(items: list[Local], uf: _UnionFind, ctx: dict[str, set[int]]) -> None:
    """Rule 4: person names equal but for one similar word, blocked on the other words.

    Two spellings that are each one group (the usual case: rule 1 joined each name's
    locals) are joined when any document of one shares context with any of the other
    (the one outcome of :func:`_union_with_context` for them), tested over arrays."""
    block: dict[tuple, list[int]] = defaultdict(list)
    for i, loc in enumerate(items):
        if loc.label == "PERSON" and len(loc.words) > 1:
            for pos in range(len(loc.words)):
                block[(pos, *loc.words[:pos], "*", *loc.words[pos + 1:])].append(i)
    groups = context.DocGroups(ctx)
    item_doc = np.fromiter((groups.index[loc.doc_id] for loc in items), np.int64, len(items))
    for (pos, *_), members in block.items():
        by_word: dict[str, list[int]] = defaultdict(list)
        for i in members:  # identical names were merged by rule 1: compare distinct words
            by_word[items[i].words[pos]].append(i)
        whole: dict[str, bool] = {}  # a spelling's locals are one group (and stay one)
        for wa, wb in combinations(sorted(by_word), 2):
            if not _similar_word(wa, wb):
                continue
            side_a, side_b = by_word[wa], by_word[wb]
            if all(whole.setdefault(w, len({uf.find(i) for i in by_word[w]}) == 1)
                   for w in (wa, wb)):
                ra, rb = uf.find(side_a[0]), uf.find(side_b[0])
                if ra != rb and context.some_pair_shares(
                        groups, item_doc[side_a], item_doc[side_b], (ra, rb),
                        CONTEXT_MIN_SHARED):
                    uf.union(ra, rb)
            else:
                _union_with_context(items, uf, ctx, side_a, side_b)


def _union_with_context(items: list[Local], uf: _UnionFind, ctx: dict[str, set[int]],
                        side_a: list[int], side_b: list[int]) -> None:
    """Join locals of two spellings where their documents share context (once per pair of
    groups: members of a group that is already joined are skipped).

    The same test as ``_shared(ctx, doc_a, [doc_b], {ra, rb})``, with ``a``'s side of it
    computed once per group of ``b`` rather than once per pair (sides can be thousands
    of locals long). The groups of ``side_b`` are looked up once, and kept up to date at
    each union (a union-find root is the smallest member, whatever the order of unions).
    """
    contexts = [ctx[items[b].doc_id] for b in side_b]
    roots = [uf.find(b) for b in side_b]
    for a in side_a:
        theirs = ctx[items[a].doc_id]
        if len(theirs) < CONTEXT_MIN_SHARED:
            continue  # a's side of the test is a subset of its document's groups
        ra, mine_without = uf.find(a), {}  # rb -> a's context less both groups
        for k, b in enumerate(side_b):
            rb = roots[k]
            if ra == rb:
                continue
            mine = mine_without.get(rb)
            if mine is None:
                mine = mine_without[rb] = theirs - {ra, rb}
            if len(mine) >= CONTEXT_MIN_SHARED and _enough_in_common(mine, contexts[k]):
                uf.union(a, b)
                joined = uf.find(a)
                roots = [joined if r in (ra, rb) else r for r in roots]
                ra, mine_without = joined, {}


def _similar_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < TOKEN_FUZZ_MIN_LEN:
        return False
    return fuzz.ratio(a, b) >= TOKEN_FUZZ


def _merge_short_forms(items: list[Local], uf: _UnionFind, ctx: dict[str, set[int]]) -> None:
    """Rule 5: one-word locals join the one fitting multi-word group (see module doc)."""
    block: dict[tuple[str, str], set[int]] = defaultdict(set)
    docs_of: dict[int, set[str]] = defaultdict(set)
    states: dict[int, set[str]] = defaultdict(set)
    roots = uf.roots()
    for loc, root in zip(items, roots, strict=True):
        docs_of[root].add(loc.doc_id)
        if len(loc.words) > 1:
            words = loc.words if loc.label == "PERSON" else loc.words[-1:]
            for w in words:
                block[(loc.label, w)].add(root)
            if loc.label == "GPE" and (state := country_of_word(loc.name)):
                states[root].add(state)
    written = _written(items, roots)
    decisions: dict[int, set[int]] = defaultdict(set)
    for i, loc in enumerate(items):
        if not _short_form(loc):
            continue
        candidates = block.get((loc.label, loc.key), set())
        fits = {g for g in candidates if (loc.doc_id, g, loc.key) not in written
                and not (loc.label == "GPE" and another_country(loc.name, states.get(g, set())))}
        if loc.label == "PERSON" and fits != candidates:
            continue  # the document names another person with this word: ambiguous
        group = uf.find(i)
        if len(fits) == 1 and _shared(ctx, loc.doc_id, docs_of[next(iter(fits))],
                                      {group, *fits}):
            decisions[group if loc.label != "PERSON" else -1 - i] |= fits
    for owner, fits in decisions.items():
        if len(fits) == 1:
            uf.union(owner if owner >= 0 else -1 - owner, fits.pop())
    _merge_exact_short_persons(items, uf)


def _short_form(loc: Local) -> bool:
    """Is ``loc`` a one-word name that rule 5 may join to a fuller one?"""
    return len(loc.words) == 1 and not loc.acronym_only and (
        loc.label == "PERSON" or loc.label in LAST_WORD_TYPES)


def _written(items: list[Local], roots: list[int]) -> set[tuple[str, int, str]]:
    """(doc, group, word): the document writes out a name of the group with that word.

    Only the words of the document's own short forms are kept: no other word is ever
    looked up, and a corpus writes millions of words in its names.
    """
    short: dict[str, set[str]] = defaultdict(set)
    for loc in items:
        if _short_form(loc):
            short[loc.doc_id].add(loc.key)
    written: set[tuple[str, int, str]] = set()
    for loc, root in zip(items, roots, strict=True):
        wanted = short.get(loc.doc_id)
        if wanted:
            for text in loc.texts:
                written.update((loc.doc_id, root, w) for w in word_set(text) & wanted)
    return written


def _merge_exact_short_persons(items: list[Local], uf: _UnionFind) -> None:
    """One-word person names that found no full name stay one entity per spelling."""
    first: dict[str, int] = {}
    for i, loc in enumerate(items):
        if loc.label == "PERSON" and len(loc.words) == 1 and uf.find(i) == i:
            uf.union(i, first.setdefault(loc.key, i))


def _rows(groups: list[list[Local]]) -> tuple[list[dict], dict]:
    """Entities and the cluster map from the final groups."""
    entities, cluster_ids = [], {}
    for members in groups:
        ent = _entity(members)
        entities.append(ent)
        for loc in members:
            cluster_ids[(loc.doc_id, loc.cluster)] = ent["entity_id"]
    entities.sort(key=lambda e: e["entity_id"])
    return entities, cluster_ids


def entity_of(doc_ids: list[str], clusters: list[int],
              cluster_ids: dict[tuple[str, int], str]) -> list[str]:
    """The entity id of each mention, given its document and local cluster."""
    return [cluster_ids[key] for key in zip(doc_ids, clusters, strict=True)]


def _entity(members: list[Local]) -> dict:
    """The entities row of one group: id, canonical name, type, aliases and counts."""
    most = max(len(loc.words) for loc in members)
    key, key_label = min((loc.key, loc.label) for loc in members if len(loc.words) == most)
    labels: Counter[str] = Counter()
    for loc in members:  # update, not sum(): summing Counters copies the total each time
        labels.update(loc.labels)
    return {
        "entity_id": entity_id(key_label, key),
        "name": _canonical_name(members),
        "type": min(labels, key=lambda lab: (-labels[lab], lab)),
        "aliases": sorted({text for loc in members for text in loc.texts}),
        "n_docs": len({loc.doc_id for loc in members}),
        "n_mentions": sum(labels.values()),
    }


def _canonical_name(members: list[Local]) -> str:
    """Fullest name (most words), then the one most documents use, then written case."""
    docs: dict[str, set[str]] = defaultdict(set)
    for loc in members:
        docs[loc.name].add(loc.doc_id)
    return min(docs, key=lambda n: (-len(normalize(n).split()), -len(docs[n]), n.isupper(), n))
