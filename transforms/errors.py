"""Errors split by what the pipeline should do with them.

A :class:`RejectError` is terminal: the input itself is bad (empty, binary, undecodable), so
retrying cannot help; the file gets a ``rejects`` row and the run goes on. A
:class:`TransientError` wraps an I/O failure that may pass (a busy disk, a network share
hiccup); the task that raised it is retried by Prefect with backoff. A :class:`RunError`
stops the run before it starts (the command exits non-zero).

They live at the bottom of the layers, beside the transforms that raise them: the stages,
the warehouse and the command line all import them from here, never the other way up.
"""

from __future__ import annotations

REJECT_REASONS = {
    "empty": "the file has no text (zero bytes or only white space)",
    "binary": "the file holds binary data (an image, PDF, archive ...), not text",
    "undecodable": "the bytes are not text in any encoding that could be detected",
    "html": "the file is an HTML document, not extracted page text",
    "too-large": "the file is over the configured size limit (max_file_bytes)",
    "unreadable": "the file vanished or could not be read during the run",
    "no-body": "no line of the page looked like article text",
    "nlp-error": "the NLP stage failed on this document (a bug: please report it)",
}
"""The reject vocabulary: reason -> what it means (documented in the README)."""


class RejectError(Exception):
    """A terminal problem with one input file; becomes a ``rejects`` row."""

    def __init__(self, reason: str, detail: str):
        if reason not in REJECT_REASONS:
            raise ValueError(f"unknown reject reason {reason!r}")
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class TransientError(Exception):
    """A failure that may pass on retry (I/O on the warehouse or the input share)."""


class RunError(Exception):
    """The run cannot start at all (missing input folder, warehouse locked); exit non-zero."""
