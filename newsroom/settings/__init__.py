"""Settings, all from the environment, with safe development defaults and a refusal to
start in production with unsafe ones.

Split by concern so each part stays readable: `base` (apps, database, cache, i18n, static
and media, mail, logging, the production runtime) and `security` (staff accounts, cookies,
headers, CSP), which builds on it.
"""

from .security import *  # noqa: F403
