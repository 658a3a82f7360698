"""The per-document rows the spaCy stage yields, in a module that does not import spaCy:
the flow process gathers them from the workers without loading spaCy itself."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from transforms.stories.features import text_features


@dataclass
class DocRecords:
    """Per-document rows produced from one or more Docs."""

    mentions: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)

    def extend(self, other: DocRecords) -> None:
        """Append another set of rows."""
        self.mentions.extend(other.mentions)
        self.quotes.extend(other.quotes)
        self.events.extend(other.events)
        self.terms.extend(other.terms)

    def tables(self) -> dict[str, list[dict]]:
        """Rows by per-document state table name."""
        return {"doc_mentions": self.mentions, "doc_quotes": self.quotes,
                "doc_events": self.events, "doc_terms": self.terms}


def terms_row(doc_id: str, body: str, title: str | None,
              published: datetime.date | None) -> dict:
    """The doc_terms row of a document: what story clustering needs of its text, drawn here
    so that the load stage never re-reads bodies."""
    text = text_features(body, title, published)
    return {"doc_id": doc_id, "terms": text.terms, "weights": text.weights, "dates": text.dates}
