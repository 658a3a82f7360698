"""Named entities: spaCy components within a document, resolution across documents.

:mod:`.components` fixes and links a Doc's entities, :mod:`.aliases` clusters a document's
short and full names, :mod:`.quotes` finds direct quotations and their speakers. Across
documents, :mod:`.resolution` turns the per-document clusters (rows, no spaCy) into
warehouse-wide entities; :mod:`.names` holds the name keys both sides share.
"""
