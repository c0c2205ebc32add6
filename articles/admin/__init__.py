"""Admin registrations, one module per area so each stays small."""

from . import content, images, topics  # noqa: F401  (registers the ModelAdmins)
