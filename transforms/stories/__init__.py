"""Story clustering: documents -> groups that report the same real-world happening.

:mod:`.clustering` is the entry point and the method (two average-link passes, stable story
ids); it compares each document's words, entities, events and dates (:mod:`.features`)
through sparse TF-IDF vectors and a bounded neighbour graph (:mod:`.neighbours`).
"""
