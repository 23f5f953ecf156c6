"""The registry behind staff's "waiting for staff" page.

Each app registers the models whose objects wait for a staff decision, with the queryset that finds them; the page
lists everything, oldest first. The review package never imports the apps: each registers its models in its
`AppConfig.ready()`.

A registered model has `reference()` (see `partnerships.review.models.Referenced`); `assignee` and `company` are
shown when the model has them (see `WaitingItem`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignKey, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone


@dataclass(frozen=True)
class WaitingSource:
    model: type
    waiting: Callable[[], QuerySet]
    since_field: str = "submitted_at"


class WaitingItem(NamedTuple):
    """One row of the waiting page; unpacks as (since, model, obj)."""

    since: object
    model: type
    obj: object

    @property
    def kind(self):
        return self.model._meta.verbose_name

    @property
    def reference(self):
        return self.obj.reference()

    @property
    def company(self):
        if self.model._meta.label == "partnerships.Company":
            return self.obj
        return getattr(self.obj, "company", None)

    @property
    def assignee(self):
        return getattr(self.obj, "assignee", None)

    @property
    def admin_url(self):
        opts = self.model._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.obj.pk])
        except NoReverseMatch:
            return ""


_sources: list[WaitingSource] = []


def register(model, waiting=None, since_field="submitted_at"):
    """Register `model`; `waiting` returns what waits (by default the objects in its waiting statuses)."""
    if waiting is None:
        waiting = lambda: model.objects.filter(status__in=model.WORKFLOW.waiting)  # noqa: E731
    if not any(source.model is model for source in _sources):
        _sources.append(WaitingSource(model, waiting, since_field))


def sources():
    return list(_sources)


def visible_sources(user):
    """The sources whose model `user` may see in the admin (view or change permission)."""
    visible = []
    for source in _sources:
        opts = source.model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        ):
            visible.append(source)
    return visible


def counts(user=None):
    """(model, count) for every registered model (only those `user` may see, when given): one COUNT query each."""
    chosen = _sources if user is None else visible_sources(user)
    return [(source.model, source.waiting().count()) for source in chosen]


def _related(model):
    """The foreign keys the page shows, when the model has them, so each model costs one query."""
    names = []
    for name in ("assignee", "company"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, ForeignKey):
            names.append(name)
    return names


def waiting_items(user=None, limit_per_model=500):
    """Everything waiting, oldest first (undated last), as WaitingItem rows: one query per registered model."""
    chosen = _sources if user is None else visible_sources(user)
    items = []
    for source in chosen:
        qs = source.waiting().select_related(*_related(source.model)).order_by(source.since_field)[:limit_per_model]
        items.extend(WaitingItem(getattr(obj, source.since_field, None), source.model, obj) for obj in qs)
    items.sort(key=_oldest_first)
    return items


def _oldest_first(item):
    """Sort key: dates and date-times of different models compare as timestamps; undated items go last."""
    since = item.since
    if since is None:
        return (1, 0.0)
    if not isinstance(since, datetime):
        since = datetime.combine(since, time.min, tzinfo=UTC)
    elif timezone.is_naive(since):
        since = since.replace(tzinfo=UTC)
    return (0, since.timestamp())
