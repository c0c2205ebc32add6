"""The Wagtail reference site of `make bench-http` (BENCH_WAGTAIL=1), issue 28.

A small news site written for this bench: a news index at the site root and article pages
(title, lead, rich-text body, date) under it, one image-less layout comparable to the
newsroom's article page. It runs from its own virtualenv (`wagtail_bench.py` makes it with
pip, Wagtail pinned) and is never imported by the newsroom or by `make test`.
"""
