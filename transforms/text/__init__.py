"""Text of a page before anything else reads it.

Takes the bytes of an input file and gives text (:mod:`.decode`, or a terminal reject with a
reason), tells whether prose is English (:mod:`.language`, with the stop words of
:mod:`.stopwords`), and keeps paragraphs apart as sentences for spaCy (:mod:`.paragraphs`).
"""
