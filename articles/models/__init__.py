"""The newsroom's content model, one module per kind of thing."""

from .articles import Article, Correction, Section, attach_credits
from .domain_events import DomainEvent
from .events import AttendanceMode, Event, EventKind, EventSpeaker, SpeakerRole
from .history import Revision, ShareLink, TransitionLog
from .images import Image
from .partners import Partner
from .projections import Projection
from .publishable import Publishable, PublishableQuerySet, Status
from .shared import FormerSlug, SharedChange
from .snapshots import FormSnapshot
from .speakers import Speaker, SpeakerLink
from .topics import Topic

__all__ = [
    "Article",
    "attach_credits",
    "AttendanceMode",
    "Correction",
    "DomainEvent",
    "Event",
    "FormerSlug",
    "FormSnapshot",
    "EventKind",
    "EventSpeaker",
    "Image",
    "Partner",
    "Projection",
    "Publishable",
    "PublishableQuerySet",
    "Revision",
    "Section",
    "ShareLink",
    "SharedChange",
    "Speaker",
    "SpeakerLink",
    "SpeakerRole",
    "Status",
    "Topic",
    "TransitionLog",
]
