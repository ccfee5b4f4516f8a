"""Sizes of the per-process memo caches (``functools.lru_cache``) of pure lookups.

A worker lives for the whole run, so every cache must be bounded, and bounded low enough that
it is full after the first few thousand articles: its memory is then flat as the corpus grows
(docs/benchmarks.md, "Memory"). Measured on the 10,000-article benchmark corpus after 3,000
articles (benchmarks/corpus.py): the name caches (titles, name keys, places, country words)
held 40-14,000 distinct keys at hit rates of 78-99.6%, so 16,384 entries keep their hits;
caches keyed by a whole sentence or by an article's context hit 3-11% and only need to hold
what one article asks for again.
"""

NAMES = 16_384  # names, titles, place phrases: recur across articles (a few MB when full)
PER_ARTICLE = 4_096  # keys that include a sentence or an article's context: recur within an article
ARTICLE_TEXTS = 4  # keys that are a whole article's text: asked again only while it is analysed
