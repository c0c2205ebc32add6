"""What machines read: RSS, Atom and JSON Feed, iCalendar, sitemaps and robots.txt.

Reads content only through `published()`; every response answers conditional requests
cheaply (`newsroom.http`).
"""
