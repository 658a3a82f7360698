"""Actors: who can act in an event, and their country and sector (CAMEO agent).

Takes the parsed, entity-tagged Doc and gives each entity mention a country (ISO 3166-1
alpha-3) and an agent code. :mod:`.generic` finds the groups named by what they are
("Israeli police", "protesters"), :mod:`.coding` makes them entities and codes every mention,
:mod:`.named` reads a named entity's title and modifiers, :mod:`.agents` and
:mod:`.countries` hold the vocabulary (data files under ``data/``), and :mod:`.references`
resolves descriptions ("the two countries") to the entities they stand for.
"""
