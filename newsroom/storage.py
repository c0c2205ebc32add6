"""Where media lives: the local disk by default, an S3-compatible bucket when configured.

Several app servers must see the same pictures, so production with more than one server
sets `MEDIA_S3_BUCKET` (and its endpoint, region, keys and public address); everything
that touches media goes through Django's storage API, so nothing else changes.
"""

from urllib.parse import urlsplit

from botocore.config import Config

S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


def media_storage(environ):
    """(STORAGES["default"], MEDIA_URL or None) from the environment."""
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": FILESYSTEM_BACKEND}, None
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("MEDIA_S3_REGION") or None,
        "access_key": environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "location": environ.get("MEDIA_S3_PREFIX", "").strip("/"),
        # Pictures are public once published and their names are random: plain URLs that
        # feeds and social networks can keep, not signed ones that expire.
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": environ.get("MEDIA_S3_ACL") or None,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        # Bounded waits: a slow bucket fails an upload, it does not hold a worker forever.
        "client_config": Config(
            connect_timeout=5,
            read_timeout=20,
            retries={"max_attempts": 2, "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": environ.get("MEDIA_S3_ADDRESSING_STYLE", "auto")},
        ),
    }
    public = environ.get("MEDIA_S3_PUBLIC_URL", "").strip().rstrip("/")
    media_url = None
    if public:
        parts = urlsplit(public)
        options["custom_domain"] = parts.netloc + parts.path
        options["url_protocol"] = f"{parts.scheme}:"
        media_url = public + "/"
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}, media_url
