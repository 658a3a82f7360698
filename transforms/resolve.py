"""Cross-document entity resolution: document-local entities to warehouse-wide entities.

(Baseline version: one entity per (type, exact name); replaced by the real resolver.)
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict


def entity_id(label: str, name: str) -> str:
    """Stable id from an entity's type and canonical key."""
    return "E" + hashlib.sha256(f"{label}\x1f{name.lower()}".encode()).hexdigest()[:15]


def resolve(mentions: list[dict]) -> tuple[list[dict], list[dict], dict[tuple[str, int], str]]:
    """Group document-local mentions into entities.

    Returns:
        entities rows, mentions rows, and (doc_id, cluster) -> entity_id.
    """
    by_entity: dict[str, list[dict]] = defaultdict(list)
    cluster_ids: dict[tuple[str, int], str] = {}
    for m in mentions:
        eid = entity_id(m["label"], m["name"])
        by_entity[eid].append(m)
        cluster_ids[(m["doc_id"], m["cluster"])] = eid
    entities, rows = [], []
    for eid, ms in sorted(by_entity.items()):
        names = Counter(m["name"] for m in ms)
        entities.append({
            "entity_id": eid, "name": names.most_common(1)[0][0], "type": ms[0]["label"],
            "aliases": sorted({m["text"] for m in ms}), "n_docs": len({m["doc_id"] for m in ms}),
            "n_mentions": len(ms),
        })
        rows += [{"doc_id": m["doc_id"], "entity_id": eid, "start": m["start"], "end": m["end"],
                  "text": m["text"]} for m in ms]
    return entities, rows, cluster_ids
