"""A read-only JSON API over the open data (django-ninja): one paginated list per dataset of
`partnerships.climate.open_data`, the same rows and column names as its CSV and JSON files, rate limited per client
with the portal's atomic counter, and described by OpenAPI at /api/v1/openapi.json. No interactive docs page: it would
load its script from a third-party server."""

import datetime
from itertools import islice

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from ninja.throttling import BaseThrottle
from pydantic import Field, create_model

from partnerships.climate import open_data
from portal.lib.ratelimit import hit

MAX_LIMIT = 200
MAX_OFFSET = 100_000

INTEGER_COLUMNS = {"year", "version", "target_year", "year_started", "riders", "rides", "trees_planted"}


class PerClient(BaseThrottle):
    """API_REQUESTS_PER_MINUTE requests a minute per client address (the portal's atomic counter)."""

    def allow_request(self, request):
        return hit(request, "api", settings.API_REQUESTS_PER_MINUTE, 60)

    def wait(self):
        return 60


api = NinjaAPI(
    title="Klimat Kraków open data API",
    version="1",
    description="Read-only public data of the Kraków climate partnership: the datasets of /open-data/, paginated.",
    urls_namespace="api",
    docs_url=None,
    throttle=[PerClient()],
)


@api.exception_handler(ValidationError)
def _invalid(request, error):
    message = _("Give limit as a whole number from 1 to %(limit)s and offset from 0 to %(offset)s.") % {
        "limit": MAX_LIMIT,
        "offset": MAX_OFFSET,
    }
    return api.create_response(request, {"detail": message}, status=422)


def _type(column):
    if column.name.endswith("_id") or column.name in INTEGER_COLUMNS:
        return int | None
    if column.unit == "ISO 8601 date":
        return datetime.date | None
    if column.unit == "ISO 8601 date and time":
        return datetime.datetime | None
    if column.unit:
        return float | None
    return str | None


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="rows per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="rows to skip")


def _clean(value):
    if value == "":
        return None
    return open_data._json_value(value)


def _register(dataset):
    fields = {
        column.name: (
            _type(column),
            Field(None, description=f"{column.meaning}{f' [{column.unit}]' if column.unit else ''}"),
        )
        for column in dataset.columns
    }
    name = "".join(part.capitalize() for part in dataset.slug.split("-"))
    row_schema = create_model(name, __base__=Schema, **fields)
    page_schema = create_model(
        f"{name}Page",
        __base__=Schema,
        items=(list[row_schema], ...),
        limit=(int, ...),
        offset=(int, ...),
        next_offset=(int | None, Field(None, description="offset of the next page; null on the last page")),
    )
    names = dataset.column_names

    def listing(request, paging: Query[Paging]):
        rows = list(islice(dataset.rows(), paging.offset, paging.offset + paging.limit + 1))
        more = len(rows) > paging.limit
        items = [dict(zip(names, map(_clean, row), strict=True)) for row in rows[: paging.limit]]
        return {
            "items": items,
            "limit": paging.limit,
            "offset": paging.offset,
            "next_offset": paging.offset + paging.limit if more else None,
        }

    api.get(
        f"/{dataset.slug}/",
        response=page_schema,
        operation_id=dataset.slug.replace("-", "_"),
        url_name=dataset.slug.replace("-", "_"),
        summary=str(dataset.title),
        description=str(dataset.description),
    )(listing)


for _dataset in open_data.DATASETS:
    _register(_dataset)
