"""The audit vocabulary: every action a Newsroom log records, each named once with the
label staff read.

Three logs keep the trail: the workflow log (`TransitionLog`: what happened to an article
or event), the log of shared things (`SharedChange`: speakers, partners, pictures) and
Django's own admin log (`LogEntry`). They speak one vocabulary: an action on the logged
row itself is `add`, `change` or `delete`, Django's admin words (its ADDITION, CHANGE and
DELETION flags); a step of the workflow is its transition's name (`submit`, `approve`,
...); an action on something attached to the row names both, verb first
(`add_correction`, `start_pending_copy`). The workflow registers its names where it
defines them (`workflow.actions`); a log entry with a name nobody registered is refused
when it is written, so a new action cannot enter a log without a label.
"""

from django.utils.translation import gettext_lazy as _

_LABELS = {}


class UnknownAction(ValueError):
    pass


def register(name, label):
    """Add `name` to the vocabulary; one name has one meaning."""
    if _LABELS.get(name, label) != label:
        raise ValueError(f"audit action {name!r} is already registered with another label")
    _LABELS[name] = label


def label(name):
    """What staff read for `name` (the name itself for one no longer registered: old
    entries keep their words)."""
    return _LABELS.get(name, name)


def require(name):
    if name not in _LABELS:
        raise UnknownAction(f"{name!r} is not in the audit vocabulary (articles/models/audit.py)")


def names():
    return frozenset(_LABELS)


register("add", _("Dibuat"))
register("change", _("Diubah"))
register("delete", _("Dihapus"))
