"""The stages' I/O: each reads its input, calls the pure transforms, writes its rows.

:mod:`.ingest` finds the files and plans what needs work, :mod:`.clean` decodes and cleans a
batch, :mod:`.extract` runs spaCy over it (in the processes of :mod:`.workers`), :mod:`.load`
merges, resolves across documents and publishes the snapshot. The flow in ``flows/`` wires them;
the command-line surface (``newsetl/cli.py`` and the modules it shows) sits beside them.
"""
