"""The clean stage: a rendered page -> article body, removed lines with their reason, metadata.

:mod:`.page` is the entry point the pipeline calls per page; :mod:`.lines` keeps or drops each
line (the reason vocabulary lives there) with the learned classifier of :mod:`.model`, whose
feature rows (:mod:`.vectors`) come from the per-line signals of :mod:`.features` and the hand
rules of :mod:`.rules`.
"""
