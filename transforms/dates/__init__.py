"""Dates of events: an expression as written -> ISO text at its stated precision.

- :mod:`.grammar`: `normalize` and its contract (the "Decisions"): prepares the text, tries
  each form in turn, gives the span at its precision; `year_mentions` / `context_year_at`
  find the year "that year" refers to.
- :mod:`.relative`: forms counted from the anchor date ("yesterday", "last week", "on Monday").
- :mod:`.calendar_forms`: stated parts of the calendar ("June 13", "Q3 2020", "Easter", "'99").
- :mod:`.spans` (day spans, the resolution context) and :mod:`.words` (month and weekday
  names, years): shared by the modules above.
- :mod:`.full_dates`: `parse_full_date`, an exact reader of full written dates.
- :mod:`.story_anchors` lends an undated document the dates of its story.

The public API is re-exported here, so callers write ``from transforms.dates import normalize``.
"""

from transforms.dates.full_dates import parse_full_date
from transforms.dates.grammar import context_year_at, normalize, year_mentions
from transforms.dates.spans import Span

__all__ = ["Span", "context_year_at", "normalize", "parse_full_date", "year_mentions"]
