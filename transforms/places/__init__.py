"""World knowledge about places: the capitals that stand for their countries (:mod:`.capitals`).
"""
