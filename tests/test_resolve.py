"""Cross-document resolver, on doc_mentions rows only (no spaCy)."""

from __future__ import annotations

import random

from transforms.entities.resolution import entity_of, resolve


def _doc(doc_id: str, *entities: tuple[str, str, list[str]]) -> list[dict]:
    """Rows of one document: (label, doc-local name, surface forms), one cluster each."""
    rows, pos = [], 0
    for cluster, (label, name, forms) in enumerate(entities):
        for text in forms:
            rows.append({"doc_id": doc_id, "start": pos, "end": pos + len(text), "text": text,
                         "label": label, "cluster": cluster, "name": name})
            pos += len(text) + 1
    return rows


SHARED = (("GPE", "Japan", ["Japan"]), ("ORG", "World Bank", ["World Bank"]),
          ("GPE", "Canada", ["Canada"]))
"""Context two reports of one story share."""

CORPUS = [
    _doc("a", ("PERSON", "Yoon Suk-yeol", ["Yoon Suk-yeol", "Yoon"]),
         ("PERSON", "Nobuo Kishi", ["Nobuo Kishi"]), ("GPE", "South Korea", ["South Korea"]),
         ("GPE", "North Korea", ["North Korea"]), ("NORP", "South Korean", ["South Korean"]),
         ("LAW", "Open Skies Agreement", ["Open Skies Agreement", "OSA"]), *SHARED),
    _doc("b", ("PERSON", "Yoon Suk Yeol", ["Yoon Suk Yeol"]),
         ("PERSON", "Noburo Kishi", ["Noburo Kishi"]), ("GPE", "S. Korea", ["S. Korea"]),
         ("GPE", "United States", ["United States"]), ("ORG", "OSA", ["OSA"]), *SHARED),
    _doc("c", ("GPE", "Korea", ["Korea", "Korea"]), ("GPE", "North Korea", ["North Korea"]),
         ("GPE", "US", ["US"]), ("PERSON", "Kishi", ["Kishi"]), *SHARED),
    _doc("d", ("PERSON", "Park Jin", ["Park Jin"]), *SHARED),
    _doc("e", ("PERSON", "Park Hyun-ju", ["Park Hyun-ju"]), ("GPE", "Peru", ["Peru"])),
]


def _flat(docs: list[list[dict]]) -> list[dict]:
    return [row for doc in docs for row in doc]


def _resolve(rows: list[dict]) -> tuple[list[dict], list[dict], dict]:
    """Entities, each mention row with its entity id, and the cluster map."""
    entities, clusters = resolve(iter(rows))  # a stream is enough
    ids = entity_of([r["doc_id"] for r in rows], [r["cluster"] for r in rows], clusters)
    return entities, [{**r, "entity_id": i} for r, i in zip(rows, ids, strict=True)], clusters


def _entity_of(result, doc_id: str, text: str) -> str:
    _, rows, _ = result
    return next(r["entity_id"] for r in rows if r["doc_id"] == doc_id and r["text"] == text)


def test_spelling_variants_abbreviations_acronyms_and_short_forms_merge():
    result = _resolve(_flat(CORPUS))
    same = [[("a", "Yoon Suk-yeol"), ("b", "Yoon Suk Yeol")],
            [("a", "Nobuo Kishi"), ("b", "Noburo Kishi"), ("c", "Kishi")],
            [("a", "South Korea"), ("b", "S. Korea"), ("c", "Korea")],
            [("b", "United States"), ("c", "US")],
            [("a", "Open Skies Agreement"), ("b", "OSA")]]
    for group in same:
        assert len({_entity_of(result, d, t) for d, t in group}) == 1, group


def test_different_people_and_demonyms_stay_apart():
    result = _resolve(_flat(CORPUS))
    assert _entity_of(result, "d", "Park Jin") != _entity_of(result, "e", "Park Hyun-ju")
    assert _entity_of(result, "a", "South Korea") != _entity_of(result, "a", "South Korean")
    assert _entity_of(result, "c", "Korea") != _entity_of(result, "c", "North Korea")


def test_fuzzy_merge_needs_shared_context():
    lonely = [_doc("x", ("PERSON", "Nobuo Kishi", ["Nobuo Kishi"]), *SHARED),
              _doc("y", ("PERSON", "Noburo Kishi", ["Noburo Kishi"]), ("GPE", "Peru", ["Peru"]))]
    result = _resolve(_flat(lonely))
    assert _entity_of(result, "x", "Nobuo Kishi") != _entity_of(result, "y", "Noburo Kishi")


def test_entity_rows_have_canonical_name_aliases_and_counts():
    docs = [*CORPUS, _doc("g", ("PERSON", "Yoon Suk-yeol", ["Yoon Suk-yeol"]), *SHARED)]
    entities, rows, clusters = _resolve(_flat(docs))
    yoon = next(e for e in entities if "Yoon" in e["aliases"])
    assert yoon["name"] == "Yoon Suk-yeol"  # as full as "Yoon Suk Yeol", in more documents
    assert set(yoon["aliases"]) == {"Yoon Suk-yeol", "Yoon", "Yoon Suk Yeol"}
    assert (yoon["n_docs"], yoon["n_mentions"]) == (3, 4)
    assert yoon["type"] == "PERSON"
    assert len({e["entity_id"] for e in entities}) == len(entities)
    assert len(rows) == len(_flat(docs))
    assert clusters[("b", 0)] == yoon["entity_id"]


def test_ids_are_the_same_across_runs_and_input_order():
    first = _resolve(_flat(CORPUS))
    shuffled = _flat(CORPUS)
    random.Random(7).shuffle(shuffled)
    again = _resolve(shuffled)
    assert first[0] == again[0]
    assert first[2] == again[2]


def test_adding_a_document_with_known_entities_keeps_their_ids():
    before = {e["name"]: e["entity_id"] for e in _resolve(_flat(CORPUS))[0]}
    extra = _doc("f", ("PERSON", "Yoon Suk Yeol", ["Yoon Suk Yeol", "Yoon"]),
                 ("GPE", "S. Korea", ["S. Korea"]), ("PERSON", "Noburo Kishi", ["Noburo Kishi"]),
                 ("GPE", "Chile", ["Chile"]), *SHARED)
    after = {e["name"]: e["entity_id"] for e in _resolve(_flat([*CORPUS, extra]))[0]}
    for name, eid in before.items():
        assert eid in after.values(), name
    assert "Chile" in after


def test_a_country_is_no_short_form_of_another_country():
    # "Sudan" alone where "South Sudan" is the only fuller name ending in it, with context
    # shared: rule 5's shape, but Sudan is a country of its own (Korea is South Korea's)
    docs = [_doc("s1", ("GPE", "South Sudan", ["South Sudan"]), *SHARED),
            _doc("s2", ("GPE", "Sudan", ["Sudan"]), *SHARED)]
    result = _resolve(_flat(docs + CORPUS))
    assert _entity_of(result, "s2", "Sudan") != _entity_of(result, "s1", "South Sudan")
    assert _entity_of(result, "c", "Korea") == _entity_of(result, "a", "South Korea")
