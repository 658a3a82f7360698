"""Actors that the text describes without naming them: governments, groups, titles.

Takes a noun phrase of a parsed sentence ("the Japanese government", "the two countries") and
gives the entities it stands for (:mod:`.references`).
"""
