"""Arrow schemas of the contract tables (../shared/CONTRACT.md, v2) and of internal state.

The contract fixes table and column names; this module is their single source of truth:
the Parquet writer, the DuckDB views and the data dictionary are all derived from it.
"""

from __future__ import annotations

import pyarrow as pa

CONTRACT_VERSION = "2"

_text = pa.string()
_texts = pa.list_(pa.string())
_offset = pa.int64()
_count = pa.int64()
_ts = pa.timestamp("us", tz="UTC")


def _schema(fields: list[tuple[str, pa.DataType, str]]) -> pa.Schema:
    """Build a schema whose fields carry their description as metadata."""
    return pa.schema([pa.field(n, t, metadata={"description": d}) for n, t, d in fields])


TABLES: dict[str, pa.Schema] = {
    "documents": _schema([
        ("doc_id", _text, "Stable id of the input file (hash of its path)."),
        ("source_path", _text, "Absolute path of the input file."),
        ("content_sha256", _text, "SHA-256 of the file's bytes; a new value means a new version."),
        ("title", _text, "Headline, when the page states one."),
        ("authors", _texts, "People named in the byline (never a site, agency or e-mail)."),
        ("outlet", _text, "Publication that the page names as its source."),
        ("dateline", _text, "Place line that opens the story (e.g. 'WASHINGTON/SEOUL')."),
        ("published", pa.date32(), "Publication date; null when unknown."),
        ("published_source", _text,
         "'stated' (the page says it), 'inferred' (from the text), or null."),
        ("body", _text, "Clean article text; paragraphs separated by a blank line."),
        ("language", _text,
         "ISO 639-1 code of the page's prose ('en', 'fr'); null when undetermined."),
        ("story_id", _text, "Story cluster: documents about the same happening share it."),
        ("run_id", _text, "Run that processed this version of the file."),
    ]),
    "removed_lines": _schema([
        ("doc_id", _text, "Document the line was dropped from."),
        ("line_no", pa.int32(), "1-based line number in the raw file."),
        ("text", _text, "The dropped line as it stands in the file."),
        ("reason", _text, "Why it was dropped (see the cleaner's reason vocabulary)."),
    ]),
    "entities": _schema([
        ("entity_id", _text, "Stable id of a real-world entity across documents."),
        ("name", _text, "Canonical name: the fullest, most frequent form."),
        ("type", _text, "OntoNotes label (PERSON, ORG, GPE, NORP, LOC, LAW, EVENT, ...)."),
        ("aliases", _texts, "Every surface form seen for it."),
        ("n_docs", _count, "Documents that mention it."),
        ("n_mentions", _count, "Mentions across all documents."),
        ("country", _text, "ISO 3166-1 alpha-3 of the state it is, belongs to, acts for or lies "
                           "in; null when unknown or international. Each mention votes from its "
                           "words (nationality, country modifier, title), else its document's "
                           "dominant country; the majority wins. A person or organisation that "
                           "no mention places takes its stories' dominant country."),
        ("agent", _text, "CAMEO agent code of an actor (GOV, MIL, COP, JUD, ..., CVL), from its "
                         "title, organisation name or generic noun; a country that acts is "
                         "GOV; a private person whom an event charges, arrests or convicts, "
                         "or who attacks, is CRM; a person who acts with no office CVL; null "
                         "for things and for places that only locate."),
        ("latitude", pa.float64(), "Latitude of a place (GeoNames); null for other entities."),
        ("longitude", pa.float64(), "Longitude of a place (GeoNames); null for other entities."),
        ("geonames_id", pa.int64(), "GeoNames id of a place found in the gazetteer."),
    ]),
    "mentions": _schema([
        ("doc_id", _text, "Document of the mention."),
        ("entity_id", _text, "Entity it refers to."),
        ("start", _offset, "Start character offset into documents.body."),
        ("end", _offset, "End character offset (exclusive) into documents.body."),
        ("text", _text, "The mention as written: body[start:end]."),
    ]),
    "events": _schema([
        ("event_id", _text, "Stable id of a real-world event across documents."),
        ("type", _text, "PLOVER event type, upper case."),
        ("date", _text,
         "ISO date at its precision (YYYY, YYYY-MM, YYYY-MM-DD); null when unknown."),
        ("modality", _text, "'occurred', 'planned', 'hoped', 'denied', ..."),
        ("location", _text, "Where it happened, when a sentence states it."),
        ("n_docs", _count, "Documents that report it."),
        ("n_mentions", _count, "Sentences that report it."),
        ("mode", _text, "PLOVER mode of the type where one plainly applies, else null."),
        ("location_entity_id", _text, "The place entity where it happened; null when none."),
        ("location_country", _text, "ISO 3166-1 alpha-3 of where it happened."),
        ("latitude", pa.float64(), "Latitude of where it happened (its place entity)."),
        ("longitude", pa.float64(), "Longitude of where it happened (its place entity)."),
    ]),
    "event_participants": _schema([
        ("event_id", _text, "Event."),
        ("entity_id", _text, "Entity taking part. An event can have none: a hostile act a "
                             "sentence condemns, denies or investigates without naming its "
                             "doer is an event of its own."),
        ("role", _text, "'source' (actor), 'target' (acted on) or 'other'."),
        ("country", _text, "The actor's country in this event (ISO 3166-1 alpha-3): the "
                           "entity's own (entities.country) when some mention of it names one; "
                           "for one that none places (a 'Police' whose words name no country, "
                           "a person named without nationality) the country of the story that "
                           "reports the event, else null. The same generic actor acts for "
                           "Spain in a Spanish story and for the US in an American one."),
        ("agent", _text, "The actor's CAMEO agent code in this event: entities.agent, except "
                         "that the target of an ASSAULT with no agent or a trade's (LAB) is a "
                         "civilian victim, CVL."),
    ]),
    "event_mentions": _schema([
        ("doc_id", _text, "Document of the sentence."),
        ("event_id", _text, "Event reported."),
        ("start", _offset, "Start offset of the sentence in documents.body."),
        ("end", _offset, "End offset (exclusive) of the sentence in documents.body."),
        ("sentence", _text, "The sentence: body[start:end]."),
        ("trigger", _text, "Word that signals the event."),
        ("date_text", _text, "Date expression as written; null when none."),
    ]),
    "quotes": _schema([
        ("doc_id", _text, "Document of the quotation."),
        ("speaker_entity_id", _text, "Entity of the speaker; null when unclear."),
        ("speaker_text", _text, "Speaker as written."),
        ("text", _text, "The quoted words, without the quote marks: body[start:end]."),
        ("start", _offset, "Start offset into documents.body."),
        ("end", _offset, "End offset (exclusive) into documents.body."),
    ]),
    "runs": _schema([
        ("run_id", _text, "Id of the run."),
        ("started_at", _ts, "When it started (UTC)."),
        ("finished_at", _ts, "When it published (UTC)."),
        ("status", _text, "'completed' for a published run."),
        ("files_seen", _count, "Input files found."),
        ("files_new", _count, "Files not seen before."),
        ("files_changed", _count, "Files whose content changed."),
        ("files_unchanged", _count, "Files skipped because their content had not changed."),
        ("files_rejected", _count, "Files rejected (in rejects) in this run's result."),
        ("files_removed", _count, "Files of the previous run no longer in the input."),
    ]),
    "rejects": _schema([
        ("source_path", _text, "Input file that could not be processed."),
        ("reason", _text, "Short reason code (empty, binary, undecodable, html, too-large, ...)."),
        ("detail", _text, "What exactly was wrong, for a person."),
        ("run_id", _text, "Run that rejected this version of the file."),
    ]),
}
"""Contract tables, each a view in news.duckdb and a folder under parquet/."""

ONE_ROW_PER = {
    "documents": "input file (its latest version)",
    "removed_lines": "line the cleaner dropped from a document",
    "entities": "real-world entity, across all documents",
    "mentions": "mention of an entity in a document body",
    "events": "real-world event, across all documents",
    "event_participants": "entity taking part in an event, in one role",
    "event_mentions": "sentence that reports an event",
    "quotes": "direct quotation",
    "runs": "pipeline run that published",
    "rejects": "input file that could not be processed",
}
"""What one row of each table stands for (the contract's 'one row per' column); it becomes the
table's description: the view's COMMENT and its heading in docs/tables.md."""

TABLES = {name: schema.with_metadata({"description": f"One row per {ONE_ROW_PER[name]}."})
          for name, schema in TABLES.items()}

STATE: dict[str, pa.Schema] = {
    "files": _schema([
        ("source_path", _text, "Input file (documents.source_path or rejects.source_path)."),
        ("size", pa.int64(), "Size in bytes when last seen."),
        ("mtime_ns", pa.int64(), "Modification time when last seen."),
        ("content_sha256", _text, "Hash of the content when last seen."),
        ("status", _text, "'document' or 'rejected'."),
    ]),
    "pages": pa.schema([f for f in TABLES["documents"] if f.name != "story_id"]),
    "doc_mentions": _schema([
        ("doc_id", _text, "Document."),
        ("start", _offset, "Start offset into the body."),
        ("end", _offset, "End offset (exclusive) into the body."),
        ("text", _text, "Mention as written."),
        ("label", _text, "Entity type (OntoNotes label)."),
        ("cluster", pa.int32(), "Document-local entity: mentions of one entity share it."),
        ("name", _text, "Fullest form of the document-local entity, titles stripped."),
        ("generic", pa.bool_(), "A generic actor, named by what it is ('police'), not by a name."),
        ("country", _text, "ISO 3166-1 alpha-3 the mention's words or its document give."),
        ("agent", _text, "CAMEO agent code the mention's words give."),
        ("geonames_id", pa.int64(), "Gazetteer place of a place mention, in its document."),
        ("latitude", pa.float64(), "Latitude of that place."),
        ("longitude", pa.float64(), "Longitude of that place."),
    ]),
    "doc_quotes": _schema([
        ("doc_id", _text, "Document."),
        ("start", _offset, "Start offset of the quoted words."),
        ("end", _offset, "End offset (exclusive) of the quoted words."),
        ("text", _text, "Quoted words."),
        ("speaker_text", _text, "Speaker as written; null when unclear."),
        ("speaker_cluster", pa.int32(), "Document-local entity of the speaker; null when none."),
    ]),
    "doc_events": _schema([
        ("doc_id", _text, "Document."),
        ("start", _offset, "Start offset of the sentence."),
        ("end", _offset, "End offset (exclusive) of the sentence."),
        ("sentence", _text, "The sentence."),
        ("trigger", _text, "Word that signals the event."),
        ("type", _text, "PLOVER type."),
        ("modality", _text, "occurred, planned, hoped, denied, ..."),
        ("date", _text, "Normalised ISO date at its precision; null when unknown."),
        ("date_text", _text, "Date expression as written; null when none."),
        ("tense", _text, "Tense of the date's clause (past, present, future), for re-anchoring."),
        ("context_year", pa.int32(), "Latest explicit year written before the date expression."),
        ("location", _text, "Place stated in the sentence; null when none."),
        ("location_start", _offset, "Start offset of the location span in the body."),
        ("location_end", _offset, "End offset (exclusive) of the location span in the body."),
        ("location_cluster", pa.int32(), "Document-local place entity of the location, if any."),
        ("mode", _text, "PLOVER mode of the trigger's sense, else null."),
        ("participants", pa.list_(pa.struct([("cluster", pa.int32()), ("role", _text),
                                             ("text", _text)])),
         "Document-local entities taking part, with their role (source, target, other)."),
    ]),
    "doc_terms": _schema([
        ("doc_id", _text, "Document."),
        ("terms", pa.list_(_text), "Content words of title and body, in order of first use."),
        ("weights", pa.list_(pa.float32()), "Count of each term (title words weigh more)."),
        ("dates", pa.list_(pa.date32()),
         "Publication date, else the first full dates written in the text (story spans)."),
    ]),
    "event_blocks": _schema([
        ("block", _text, "Digest of a dedup block's input (transforms/events/dedup_blocks.py)."),
        ("event_id", _text, "An event of that block."),
    ]),
}
"""Internal state carried from run to run under snapshots/<run>/state/: what each file looked
like (so an unchanged file is not re-read) and per-document results (so it is not re-parsed)."""


def empty(table: str) -> pa.Table:
    """An empty table with the schema of ``table``."""
    return TABLES[table].empty_table()
