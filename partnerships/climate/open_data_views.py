"""/open-data/: the public data as CSV, JSON, one ZIP and a DCAT-AP catalogue."""

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from partnerships.climate import open_data
from portal.lib.page_cache import public_page

ZIP_NAME = "klimat-krakow-open-data.zip"


def _dataset(name):
    dataset = open_data.BY_SLUG.get(name)
    if dataset is None:
        raise Http404
    return dataset


@public_page
def index(request):
    context = {
        "datasets": open_data.DATASETS,
        "licence_name": settings.OPEN_DATA_LICENCE_NAME,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "zip_name": ZIP_NAME,
    }
    return render(request, "climate/public/open_data.html", context)


def csv_file(request, name):
    dataset = _dataset(name)
    response = StreamingHttpResponse(open_data.csv_lines(dataset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset.slug}.csv"'
    return response


def json_file(request, name):
    dataset = _dataset(name)
    response = StreamingHttpResponse(open_data.json_chunks(dataset), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset.slug}.json"'
    return response


def zip_file(request):
    return FileResponse(open_data.build_zip(), as_attachment=True, filename=ZIP_NAME, content_type="application/zip")


def catalog(request):
    data = open_data.catalog(request.build_absolute_uri)
    data["dct:modified"] = timezone.localdate().isoformat()
    return JsonResponse(
        data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
