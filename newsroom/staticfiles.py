"""Static files in production: hashed names from collectstatic's manifest, forgivingly.

A file missing from the manifest (collectstatic not run yet, or run after the server
started) is linked under its plain name and logged once, instead of turning every page,
the admin login included, into a 500 until someone runs collectstatic and restarts.
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger("newsroom.staticfiles")


class ForgivingManifestStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._reported = set()

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            if name not in self._reported:
                self._reported.add(name)
                logger.error("static file %s is not collected: run collectstatic", name)
            return name

    def manifest_exists(self):
        return self.exists(self.manifest_name)
