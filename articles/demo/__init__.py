"""Demo data: the ministry around Ditjen Pendidikan Vokasi, its people and its news.

`load_demo` (the management command) calls `loader.load`; the other modules hold the
data and the few helpers that turn it into rows. Every row is found by a natural key
(slug, username, alt text), so loading again converges instead of duplicating.
"""
