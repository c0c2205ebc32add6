"""The public news portal: pages, their URLs, reader search and JSON-LD.

Reads content only through `published()`; never imports the workflow or the admin.
"""
