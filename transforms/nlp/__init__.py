"""The spaCy pipeline of newsetl and the per-document rows it yields.

:mod:`.pipeline` builds the configured model plus newsetl's components and turns a Doc into
rows; :mod:`.records` holds those rows in a module that does not import spaCy, so the flow
process can gather them from the workers without loading it.
"""
