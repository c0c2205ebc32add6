"""Static files in production: hashed names from collectstatic's manifest, forgivingly.

A file missing from the manifest (collectstatic not run yet, or run after the server
started) is linked under its plain name and logged once, instead of turning every page,
the admin login included, into a 500 until someone runs collectstatic and restarts.

Only a name a page asks for is logged, at ERROR: that needs a person. WhiteNoise, as
every worker starts, asks the storage about each collected file with one dot-part taken
out of its name ("select2.full.min.js" -> "select2.full.js") to learn whether the name
held a hash; those guesses are never files, and each one was an ERROR line (540 at every
worker start). `StaticFilesMiddleware` asks them quietly.
"""

import contextvars
import logging

from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger("newsroom.staticfiles")

_guessing = contextvars.ContextVar("newsroom_static_guess", default=False)


class ForgivingManifestStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    # Names of the project's own templates and forms, not of requests: far fewer than this.
    KEPT_URLS = 4096

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._reported = set()
        self._urls = {}

    def url(self, name, force=False):
        """Each name's URL worked out once per process, as the manifest it comes from is
        read once: an admin page links two dozen static files, each a manifest lookup,
        a split and a quoting."""
        if force or _guessing.get():
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = super().url(name, force)
            if len(self._urls) < self.KEPT_URLS:
                self._urls[name] = url
        return url

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            if _guessing.get():
                raise
            if name not in self._reported:
                self._reported.add(name)
                logger.error("static file %s is not collected: run collectstatic", name)
            return name

    def manifest_exists(self):
        return self.exists(self.manifest_name)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, whose guesses at unhashed names are not reported as missing files."""

    def get_static_url(self, name):
        token = _guessing.set(True)
        try:
            return super().get_static_url(name)
        finally:
            _guessing.reset(token)
