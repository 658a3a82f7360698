"""PLOVER events: per-sentence mentions, their roles, and one row per real-world event.

Within a document (spaCy components and parse rules): :mod:`.mentions` holds the
``plover_events`` component and its ``doc_events`` rows; it types triggers with the lexicon of
:mod:`.lexicon`, reads who acted on whom with :mod:`.parties` (over the parse rules of
:mod:`.roles`) and when, where and how sure with :mod:`.circumstances`; :mod:`.words` holds
the word lists the rules share. Across documents (rows only): :mod:`.dedup` merges the
mentions of all documents that report the same happening, within the blocks of
:mod:`.blocking`.
"""
