"""Load stage: merge this run's staged rows with the previous snapshot, resolve across
documents, write a complete new snapshot and publish it atomically.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from newsetl import faults
from newsetl.stages.clean import doc_id_for
from newsetl.stages.ingest import RACY_WINDOW_NS, Known, Plan
from transforms import partition
from transforms.dates import story_anchors as anchors
from transforms.entities import resolution as resolve
from transforms.entities.attributes import (
    EventsSeen,
    MentionVote,
    StoryEvidence,
    acting_entities,
    entity_attributes,
    with_attributes,
)
from transforms.events import dedup, dedup_blocks
from transforms.events.dedup import COUNTRY, GENERIC
from transforms.stories import clustering as stories
from warehouse import duck, parquet, snapshot
from warehouse.schema import CONTRACT_VERSION, STATE, TABLES

PIPELINE_VERSION = "11"
"""Bump when a change to the transforms should reprocess unchanged files."""

LOAD_POOL_MIN_DOCS = 2000
"""Fewest documents for which the load stage starts worker processes: below it the whole
stage takes a few seconds, less than starting them saves (bench/run.py, 1,000 documents)."""

DOC_STATE = ("pages", "doc_mentions", "doc_quotes", "doc_events", "doc_terms")
"""Per-document state tables, carried over for unchanged documents."""

VOTE_COLUMNS = ("country", "agent", "geonames_id", "latitude", "longitude")
"""The doc_mentions columns that vote on their entity's attributes (after its id)."""

CROSS_DOCUMENT = ("entities", "mentions", "quotes", "events", "event_participants",
                  "event_mentions", "documents")
"""Contract tables computed across documents from the per-document state alone: a run
whose documents are all unchanged carries them over instead of recomputing them."""

CROSS_DOCUMENT_STATE = ("event_blocks",)
"""State computed across documents, carried over with :data:`CROSS_DOCUMENT`."""


def _state_dir(root: Path, name: str) -> Path:
    return root / "state" / name


def _table_dir(root: Path, name: str) -> Path:
    return root / "tables" / name


def manifest(snapshot_dir: Path | None) -> dict:
    """The manifest of a snapshot ({} when there is none)."""
    path = snapshot_dir / "manifest.json" if snapshot_dir else None
    return json.loads(path.read_text()) if path and path.is_file() else {}


def fingerprint(model: str) -> str:
    """What the per-document results depend on besides the file content."""
    return f"pipeline={PIPELINE_VERSION};model={model}"


def reusable_snapshot(layout: snapshot.Layout, model: str) -> Path | None:
    """The published snapshot if its per-document results can be reused by this pipeline."""
    current = layout.current()
    if current is None or manifest(current).get("fingerprint") != fingerprint(model):
        return None
    return current


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block that builds millions of small
    objects without reference cycles (rows, counters, index entries).

    Each full collection would rescan every live object, these and all of Prefect's: about
    a tenth of the load stage at 10,000 documents. Reference counting still frees what is
    dropped; the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_processes(plan: Plan, n_process: int) -> int:
    """Processes for the load stage's parallel steps: ``n_process`` for a large warehouse,
    1 (this process only) for a small one or one whose documents did not change."""
    n_docs = len(plan.unchanged) + len(plan.todo)
    return n_process if plan.changes_documents and n_docs >= LOAD_POOL_MIN_DOCS else 1


def known_files(previous: Path | None) -> dict[str, Known]:
    """File stats recorded by the previous snapshot ({} for none)."""
    if previous is None:
        return {}
    table = parquet.read_table(parquet.files(_state_dir(previous, "files")), STATE["files"])
    racy_from = manifest(previous).get("scanned_at_ns", 0) - RACY_WINDOW_NS
    return {r["source_path"]: Known(r["size"], r["mtime_ns"], r["content_sha256"], r["status"],
                                    racy=r["mtime_ns"] >= racy_from)
            for r in table.to_pylist()}


class SnapshotBuilder:
    """Writes the snapshot of one run from the previous snapshot and the run's staging."""

    def __init__(self, layout: snapshot.Layout, run_id: str, plan: Plan, model: str,
                 previous: Path | None):
        self.layout = layout
        self.run_id = run_id
        self.plan = plan
        self.model = model
        self.previous = previous
        self.out = layout.building(run_id)
        self.staging = layout.staging(run_id)
        replaced = [stat.key for stat, _ in plan.todo] + plan.removed + plan.lost
        self.drop_ids = {doc_id_for(key) for key in replaced}
        self.generic_entities: set[str] = set()
        """Entities named by what they are ("Police (Israel)"), found while writing mentions."""
        self.story_evidence = StoryEvidence()
        """Countries of each document's places, and the documents of silent actors."""

    @property
    def documents_unchanged(self) -> bool:
        """No document was added, changed or removed since the previous snapshot."""
        return self.previous is not None and not self.plan.changes_documents

    def _merge(self, name: str, schema: pa.Schema, src: str, dst: Path, column: str,
               drop: set[str]) -> None:
        """Previous rows (minus replaced documents) + this run's staged rows.

        With nothing to drop and nothing staged these are the previous files' rows: the
        files are linked, not rewritten.
        """
        prev = parquet.files(self.previous / src / name) if self.previous else []
        staged = parquet.files(self.staging / name)
        if prev and not drop and not staged:
            parquet.link_files(prev, dst)
            return
        with parquet.TableWriter(parquet.part_path(dst, 0), schema) as writer:
            parquet.copy_where(prev, writer, parquet.not_in(column, drop))
            parquet.copy_where(staged, writer)

    def merge_documents(self) -> None:
        """Carry per-document state and removed lines forward, add the staged ones."""
        for name in DOC_STATE:
            self._merge(name, STATE[name], "state", _state_dir(self.out, name), "doc_id",
                        self.drop_ids)
        faults.point("mid-merge")
        self._merge("removed_lines", TABLES["removed_lines"], "tables",
                    _table_dir(self.out, "removed_lines"), "doc_id", self.drop_ids)
        rejects_dir = _table_dir(self.out, "rejects")
        self._merge("rejects", TABLES["rejects"], "tables", rejects_dir, "source_path",
                    self._stale_rejects())
        if self.plan.rejects:  # files that could not be read at all: this run's rows
            # a part of its own, after those merged or linked (a linked file is never written)
            parquet.write_table(parquet.part_path(rejects_dir, len(parquet.files(rejects_dir))),
                                TABLES["rejects"], self.plan.rejects)

    def _stale_rejects(self) -> set[str]:
        """Files whose previous reject row is not carried: all but the unchanged files.

        A replaced file (new version, removed or lost) is never unchanged, so its row goes. A
        file rejected while reading is recorded, so it comes back unchanged; one that could
        not be read at all is not, so it comes back rejected again (a new row) or not at all.
        """
        if self.previous is None:
            return set()
        table = parquet.read_table(parquet.files(_table_dir(self.previous, "rejects")),
                                   TABLES["rejects"], ["source_path"])
        unchanged = {stat.key for stat, _ in self.plan.unchanged}
        return set(table.column(0).to_pylist()) - unchanged

    def state(self, name: str, columns: list[str] | None = None) -> pa.Table:
        return parquet.read_table(parquet.files(_state_dir(self.out, name)), STATE[name], columns)

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        return parquet.read_table(parquet.files(_table_dir(self.out, name)), TABLES[name], columns)

    def write_files_state(self) -> None:
        """Record every file's stat and hash so the next run can skip unchanged ones."""
        rejected = set(self.table("rejects", ["source_path"]).column(0).to_pylist())
        rows = [{"source_path": stat.key, "size": stat.size, "mtime_ns": stat.mtime_ns,
                 "content_sha256": sha,
                 "status": "rejected" if stat.key in rejected else "document"}
                for stat, sha in self.plan.unchanged + self.plan.todo]
        parquet.write_table(parquet.part_path(_state_dir(self.out, "files"), 0), STATE["files"],
                            rows)

    def resolve(self, parallel: partition.Parallel = partition.SERIAL) -> None:
        """Cross-document tables: entities, mentions, quotes, stories, then events (the
        steps that split into parts run them with ``parallel``).

        They are a function of the per-document state alone, so when no document changed
        the previous snapshot's are carried over: the same rows, without the work.
        """
        if self.documents_unchanged:
            for name in CROSS_DOCUMENT:
                parquet.link_files(parquet.files(_table_dir(self.previous, name)),
                                   _table_dir(self.out, name))
            for name in CROSS_DOCUMENT_STATE:
                parquet.link_files(parquet.files(_state_dir(self.previous, name)),
                                   _state_dir(self.out, name))
            return
        with no_cycle_collection():
            self._resolve(parallel)

    def _resolve(self, parallel: partition.Parallel) -> None:
        entities, clusters = resolve.resolve_tuples(
            self._tuples("doc_mentions", resolve.MENTION_FIELDS))
        doc_entities, votes = self._write_mentions(clusters)
        self._write("quotes", [_quote_row(q, clusters)
                               for q in self.state("doc_quotes").to_pylist()])
        pages = self.state("pages", ["doc_id", "published"])
        published = dict(zip(*(pages.column(c).to_pylist() for c in ("doc_id", "published")),
                             strict=True))
        own = entity_attributes(votes)
        events = [_with_entities(e, clusters, published[e["doc_id"]], self.generic_entities,
                                 own) for e in self.state("doc_events").to_pylist()]
        # Stories use the events each document reports; undated documents then borrow their
        # story's date to resolve "June 14", which can join their events to dated ones.
        story_of = _stories(self.state("doc_terms"), doc_entities, events, parallel)
        borrowed = anchors.story_anchors((doc_id, day, story_of.get(doc_id))
                                         for doc_id, day in published.items())
        reanchor = functools.partial(anchors.reanchor_from, borrowed)  # in dedup's parts
        deduped = dedup_blocks.dedup_incremental(
            events, self._carried_events(), fingerprint(self.model),
            lambda row: borrowed.get(row["doc_id"]), parallel, reanchor)
        found, participants, mentions = deduped.tables
        parquet.write_table(parquet.part_path(_state_dir(self.out, "event_blocks"), 0),
                            STATE["event_blocks"], [{"block": b, "event_id": e}
                                                    for b, e in deduped.event_blocks])
        doc_country = self.story_evidence.doc_countries(story_of)
        attributes = self.story_evidence.fill(
            own, {e["entity_id"]: e["type"] for e in entities}, doc_country,
            self.generic_entities)
        rows = with_attributes(entities, attributes, acting_entities(participants))
        seen = EventsSeen(defaultdict(set), {e["event_id"]: e["type"] for e in found})
        for m in mentions:
            seen.docs[m["event_id"]].add(m["doc_id"])
        self._write("events", [_located(e, attributes) for e in found])
        self._write("event_participants", self.story_evidence.in_events(
            participants, own, {r["entity_id"]: r for r in rows}, seen, doc_country))
        self._write("event_mentions", mentions)
        self._write("entities", rows)
        self._write_documents(story_of)

    def _carried_events(self) -> dedup_blocks.Carried | None:
        """The previous snapshot's dedup blocks (None when it has none)."""
        paths = parquet.files(_state_dir(self.previous, "event_blocks")) if self.previous else []
        if not paths:
            return None
        blocks = parquet.read_table(paths, STATE["event_blocks"])
        return dedup_blocks.Carried(frozenset(blocks.column("block").to_pylist()),
                                    functools.partial(self._read_events, blocks))

    def _read_events(self, blocks: pa.Table, kept: set[str]) -> tuple[tuple, list]:
        """The previous snapshot's event rows of the ``kept`` blocks, in their stored order
        (sorted as dedup sorts them), and their (block, event_id)."""
        mine = blocks.filter(pc.is_in(blocks.column("block"), pa.array(sorted(kept))))
        ids = pc.unique(mine.column("event_id"))
        tables = tuple(self._previous_rows(name, ids) for name in
                       ("events", "event_participants", "event_mentions"))
        return tables, list(zip(*(mine.column(c).to_pylist() for c in ("block", "event_id")),
                                strict=True))

    def _previous_rows(self, name: str, event_ids: pa.Array) -> list[dict]:
        """Rows of a previous event table whose event is one of ``event_ids``, one record
        batch of the table in memory at a time."""
        rows: list[dict] = []
        for batch in parquet.iter_batches(parquet.files(_table_dir(self.previous, name))):
            rows += batch.filter(pc.is_in(batch.column("event_id"), event_ids)).to_pylist()
        return rows

    def _tuples(self, name: str, columns: tuple[str, ...]) -> Iterator[tuple]:
        """Rows of a state table of this snapshot as tuples of ``columns``, one record batch
        in memory at a time."""
        for batch in parquet.iter_batches(parquet.files(_state_dir(self.out, name)),
                                          list(columns)):
            yield from zip(*(batch.column(c).to_pylist() for c in columns), strict=True)

    def _write_mentions(self, clusters: dict[tuple[str, int], str],
                        ) -> tuple[dict[str, list[str]], list[MentionVote]]:
        """mentions = doc_mentions with each local cluster replaced by its entity id.

        Returns the entity id of every named mention of each document (with repeats: what
        stories compare; generic actors are left out), and what each mention says of its
        entity's country, agent and place.
        """
        by_doc: dict[str, list[str]] = defaultdict(list)
        votes: list[MentionVote] = []
        with parquet.TableWriter(parquet.part_path(_table_dir(self.out, "mentions"), 0),
                                 TABLES["mentions"]) as writer:
            for batch in parquet.iter_batches(parquet.files(_state_dir(self.out, "doc_mentions"))):
                doc_ids = batch.column("doc_id").to_pylist()
                ids = resolve.entity_of(doc_ids, batch.column("cluster").to_pylist(), clusters)
                writer.write(batch.append_column("entity_id", pa.array(ids, pa.string())))
                generic = batch.column("generic").to_pylist()
                for mention in zip(doc_ids, ids, batch.column("label").to_pylist(),
                                   batch.column("country").to_pylist(), strict=True):
                    self.story_evidence.add(*mention)
                for doc_id, entity, is_generic in zip(doc_ids, ids, generic, strict=True):
                    if not is_generic:  # "Government" says nothing of which story it is
                        by_doc[doc_id].append(entity)
                    else:  # nor of which event: dedup weighs it apart
                        self.generic_entities.add(entity)
                votes += zip(ids, *(batch.column(c).to_pylist() for c in VOTE_COLUMNS),
                             strict=True)
        return by_doc, votes

    def _write_documents(self, story_of: dict[str, str]) -> None:
        """documents = the per-document pages state + each document's story."""
        with parquet.TableWriter(parquet.part_path(_table_dir(self.out, "documents"), 0),
                                 TABLES["documents"]) as writer:
            for batch in parquet.iter_batches(parquet.files(_state_dir(self.out, "pages"))):
                ids = batch.column("doc_id").to_pylist()
                story = pa.array([story_of.get(i) for i in ids], type=pa.string())
                writer.write(batch.append_column("story_id", story))

    def write_runs(self, started_at: dt.datetime, finished_at: dt.datetime) -> dict:
        """Previous runs plus this one; returns this run's row."""
        n_rejected = self.table("rejects", ["source_path"]).num_rows
        row = {
            "run_id": self.run_id, "started_at": started_at, "finished_at": finished_at,
            "status": "completed", "files_seen": self.plan.n_seen, "files_new": self.plan.n_new,
            "files_changed": self.plan.n_changed, "files_unchanged": len(self.plan.unchanged),
            "files_rejected": n_rejected, "files_removed": len(self.plan.removed),
        }
        current = self.layout.current()
        prev = parquet.files(_table_dir(current, "runs")) if current else []
        with parquet.TableWriter(parquet.part_path(_table_dir(self.out, "runs"), 0),
                                 TABLES["runs"]) as writer:
            parquet.copy_where(prev, writer)
            writer.write([row])
        return row

    def _write(self, name: str, rows: list[dict]) -> None:
        parquet.write_table(parquet.part_path(_table_dir(self.out, name), 0), TABLES[name], rows)

    def finish(self) -> None:
        (self.out / "manifest.json").write_text(json.dumps({
            "run_id": self.run_id, "contract": CONTRACT_VERSION,
            "fingerprint": fingerprint(self.model), "scanned_at_ns": self.plan.scanned_at_ns,
        }, indent=1))


def _stories(terms: pa.Table, entity_ids: dict[str, list[str]], events: list[dict],
             parallel: partition.Parallel) -> dict[str, str]:
    """Story id of every document, from the features of its text (the doc_terms state), its
    entities and the events it reports.

    An event counts by its own key (type, core participants, date), not by its deduplicated
    event: dedup runs once, after stories have lent undated documents their anchors.
    """
    event_ids = defaultdict(list)
    for e in events:
        event_ids[e["doc_id"]].append(dedup.mention_key(e))
    terms = terms.sort_by("doc_id")
    doc_ids = terms.column("doc_id").to_pylist()
    return stories.cluster_story_columns(stories.StoryColumns(
        doc_ids, terms.column("terms").combine_chunks(), terms.column("weights").combine_chunks(),
        terms.column("dates").to_pylist(), [entity_ids[d] for d in doc_ids],
        [event_ids[d] for d in doc_ids]), parallel)


def _quote_row(quote: dict, clusters: dict[tuple[str, int], str]) -> dict:
    """A quotes row: the speaker's local cluster becomes its warehouse entity."""
    row = {k: quote[k] for k in ("doc_id", "speaker_text", "text", "start", "end")}
    row["speaker_entity_id"] = clusters.get((quote["doc_id"], quote["speaker_cluster"]))
    return row


def _with_entities(row: dict, clusters: dict[tuple[str, int], str],
                   reported: dt.date | None, generic: set[str],
                   attributes: dict[str, dict]) -> dict:
    """A doc_events row whose participants name warehouse entities instead of local clusters,
    with the date of its report and each entity's own country where known (for dedup)."""
    ids = [(clusters[(row["doc_id"], p["cluster"])], p["role"]) for p in row["participants"]
           if (row["doc_id"], p["cluster"]) in clusters]
    parts = [{"entity_id": e, "role": role, **({GENERIC: True} if e in generic else {}),
              **_country_key(attributes.get(e))} for e, role in ids]
    place = clusters.get((row["doc_id"], row.get("location_cluster")))
    return {**row, "participants": parts, "reported": reported, "location_entity_id": place}


def _country_key(attributes: dict | None) -> dict:
    country = (attributes or {}).get("country")
    return {COUNTRY: country} if country else {}


def _located(event: dict, attributes: dict[str, dict]) -> dict:
    """An events row with the country and coordinates of its place entity."""
    place = attributes.get(event["location_entity_id"], {})
    return {**event, "location_country": place.get("country"),
            "latitude": place.get("latitude"), "longitude": place.get("longitude")}


def publish(layout: snapshot.Layout, run_id: str, keep: int) -> None:
    """Seal the built snapshot, swap the database and the parquet link, prune old ones."""
    faults.point("before-seal")
    final = snapshot.seal(layout, run_id)
    faults.point("after-seal")
    duck.publish(layout.db, final / "tables", run_id)
    faults.point("after-db-swap")
    snapshot.swap_link(layout, run_id)
    faults.point("after-link-swap")
    snapshot.prune(layout, keep)


def row_counts(layout: snapshot.Layout) -> dict[str, int]:
    """Rows per contract table of the published snapshot."""
    current = layout.current()
    if current is None:
        return {}
    return {name: sum(parquet.pq.ParquetFile(str(p)).metadata.num_rows
                      for p in parquet.files(_table_dir(current, name))) for name in TABLES}
