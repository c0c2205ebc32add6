"""Settings of the bench's ceiling: the project's (same database, same production flags),
with no middleware and a URLconf of one bare view (`bare_urls`)."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.bare_urls"
MIDDLEWARE = []
