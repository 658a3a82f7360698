"""Page metadata: title, authors, outlet, dateline and publication date of one page.

Takes the lines of a page and gives a :class:`.fields.Metadata`. :mod:`.layout` finds where the
article sits and which line is its headline, :mod:`.authors` reads bylines and outlets,
:mod:`.page_dates` the dates a line states and a body implies; :mod:`.fields` puts them together.
"""
