"""The registry behind staff's "waiting for staff" page.

Each app registers the models whose objects wait for a staff decision, with the queryset that finds them; the page
lists everything, oldest first. `partnerships` never imports the other apps: they register themselves in
`AppConfig.ready()`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class WaitingSource:
    model: type
    waiting: Callable[[], QuerySet]
    since_field: str = "submitted_at"


_sources: list[WaitingSource] = []


def register(model, waiting=None, since_field="submitted_at"):
    """Register `model`; `waiting` returns what waits (by default the objects in its waiting statuses)."""
    if waiting is None:
        waiting = lambda: model.objects.filter(status__in=model.WORKFLOW.waiting)  # noqa: E731
    if not any(source.model is model for source in _sources):
        _sources.append(WaitingSource(model, waiting, since_field))


def sources():
    return list(_sources)


def counts():
    """(model, count) for every registered model: one COUNT query each."""
    return [(source.model, source.waiting().count()) for source in _sources]


def waiting_items(limit_per_model=500):
    """Everything waiting, oldest first, as (since, model, object) tuples: one query per registered model."""
    items = []
    for source in _sources:
        qs = source.waiting().order_by(source.since_field)[:limit_per_model]
        items.extend((getattr(obj, source.since_field), source.model, obj) for obj in qs)
    items.sort(key=lambda item: (item[0] is None, item[0]))
    return items
