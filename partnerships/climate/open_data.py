"""The open data: every public figure of the portal as CSV and JSON files, one ZIP with a README, and a DCAT-AP
description for the national open data portal.

Each dataset is a list of columns (name with its unit, meaning) and a function yielding rows from one query read in
chunks, so a file is streamed however large it grows. Only public data: verified partners, their Climate Pact
commitments, the published (latest verified) yearly results and their commitment statuses, the emission factor table,
public initiatives, bike campaign totals per day (no day with fewer than BIKE_SMALLEST_PUBLIC_GROUP riders, never a
person's rides) and published good practices.
"""

import csv
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Ride
from partnerships.climate.models import CommitmentProgress, EmissionFactor, pact_applications
from partnerships.climate.results import published_reports
from partnerships.cooperation.questions import PactForm
from partnerships.models import Company
from practices.models import GoodPractice

CHUNK = 500


@dataclass(frozen=True)
class Column:
    name: str
    meaning: object
    unit: str = ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    columns: tuple
    rows: object  # a function returning an iterator of tuples in the order of `columns`

    @property
    def column_names(self):
        return [column.name for column in self.columns]


def _value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _date(moment):
    return timezone.localtime(moment).date() if moment else None


def _partners():
    for pk, name, slug, sector, district, website in (
        Company.objects.verified()
        .order_by("pk")
        .values_list("pk", "name", "slug", "sector", "district", "website")
        .iterator(chunk_size=CHUNK)
    ):
        yield pk, name, sector, district, website, reverse("partnerships:partner_detail", args=[slug])


def _commitments():
    labels = dict(PactForm.COMMITMENTS)
    applications = (
        pact_applications()
        .filter(company__status=Company.Status.VERIFIED)
        .order_by("company_id", "pk")
        .values_list("company_id", "answers", "decided_at")
    )
    for company_id, answers, decided_at in applications.iterator(chunk_size=CHUNK):
        target = answers.get("target_year") if isinstance(answers, dict) else None
        for code in (answers or {}).get("commitments") or []:
            if code in labels:
                yield company_id, code, str(labels[code]), target, _date(decided_at)


RESULT_FIELDS = (
    "pk",
    "company_id",
    "year",
    "version",
    "scope1_t",
    "scope2_location_t",
    "scope2_market_t",
    "energy_mwh",
    "renewable_share_pct",
    "intensity_per_fte_t",
    "intensity_per_m2_kg",
    "decided_at",
)


def _results():
    rows = published_reports().order_by("company_id", "year").values_list(*RESULT_FIELDS)
    for *figures, decided_at in rows.iterator(chunk_size=CHUNK):
        yield *figures, _date(decided_at)


def _progress():
    rows = (
        CommitmentProgress.objects.filter(report__in=published_reports())
        .order_by("report__company_id", "report__year", "commitment")
        .values_list("report_id", "report__company_id", "report__year", "commitment", "status", "explanation")
    )
    yield from rows.iterator(chunk_size=CHUNK)


def _factors():
    yield from (
        EmissionFactor.objects.order_by("pk")
        .values_list("pk", "activity", "scope", "unit", "value", "year", "version", "source_name", "source_url")
        .iterator(chunk_size=CHUNK)
    )


def _initiatives():
    rows = (
        Initiative.objects.public()
        .order_by("pk")
        .values_list("pk", "title", "kind", "status", "start", "end", "district", "place_name", "organiser", "slug")
    )
    for pk, title, kind, status, start, end, district, place, organiser, slug in rows.iterator(chunk_size=CHUNK):
        yield (
            pk,
            title,
            kind,
            status,
            start,
            end,
            district,
            place,
            organiser,
            reverse("initiatives:detail", args=[slug]),
        )


def _bike_days():
    grams = Decimal(str(settings.BIKE_CO2_GRAMS_PER_KM))
    rows = (
        Ride.objects.filter(
            initiative__kind=Initiative.Kind.BIKE_CAMPAIGN, initiative__status=Initiative.Status.PUBLISHED
        )
        .values("initiative_id", "date")
        .annotate(km=Sum("km"), riders=Count("user", distinct=True), rides=Count("pk"))
        .filter(riders__gte=settings.BIKE_SMALLEST_PUBLIC_GROUP)
        .order_by("initiative_id", "date")
        .values_list("initiative_id", "date", "km", "riders", "rides")
    )
    for campaign, day, km, riders, rides in rows.iterator(chunk_size=CHUNK):
        yield campaign, day, km, riders, rides, (km * grams / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _practices():
    rows = (
        GoodPractice.objects.published()
        .order_by("pk")
        .values_list(
            "pk",
            "company_id",
            "title",
            "category",
            "district",
            "year_started",
            "co2_tonnes_per_year",
            "mwh_saved",
            "trees_planted",
            "published_at",
            "slug",
        )
    )
    for *fields, published_at, slug in rows.iterator(chunk_size=CHUNK):
        yield *fields, _date(published_at), reverse("practices:detail", args=[slug])


PARTNER_ID = Column("partner_id", _("the partner's id in the partners dataset"))

DATASETS = (
    Dataset(
        "partners",
        _("Partners"),
        _("Companies in the climate partnership whose registration the city verified."),
        (
            Column("partner_id", _("stable id of the partner")),
            Column("name", _("company name")),
            Column("sector", _("sector code")),
            Column("district", _("Kraków district number")),
            Column("website", _("website")),
            Column("page_path", _("address of the partner page on this portal")),
        ),
        _partners,
    ),
    Dataset(
        "commitments",
        _("Climate Pact commitments"),
        _("The commitments each Climate Pact signatory chose when it signed, and its target year."),
        (
            PARTNER_ID,
            Column("commitment", _("commitment code")),
            Column("commitment_name", _("commitment name")),
            Column("target_year", _("year by which the signatory aims at climate neutrality"), "year"),
            Column("signed_date", _("date the city accepted the signature"), "ISO 8601 date"),
        ),
        _commitments,
    ),
    Dataset(
        "yearly-results",
        _("Verified yearly climate results"),
        _("Per signatory and calendar year, the figures of its latest verified report."),
        (
            Column("report_id", _("stable id of the report version")),
            PARTNER_ID,
            Column("year", _("calendar year reported on"), "year"),
            Column("version", _("version of the report (a correction is a new version)")),
            Column("scope1_t_co2e", _("Scope 1 emissions"), "t CO2e"),
            Column("scope2_location_t_co2e", _("Scope 2 emissions, location-based"), "t CO2e"),
            Column("scope2_market_t_co2e", _("Scope 2 emissions, market-based"), "t CO2e"),
            Column("energy_mwh", _("energy used"), "MWh"),
            Column("renewable_share_pct", _("renewable share of electricity"), "%"),
            Column("intensity_t_co2e_per_fte", _("Scope 1 and location-based Scope 2 per employee"), "t CO2e/FTE"),
            Column(
                "intensity_kg_co2e_per_m2", _("Scope 1 and location-based Scope 2 per m² of floor area"), "kg CO2e/m²"
            ),
            Column("verified_date", _("date city staff verified the report"), "ISO 8601 date"),
        ),
        _results,
    ),
    Dataset(
        "commitment-progress",
        _("Commitment progress"),
        _("The status of each commitment in each verified yearly report."),
        (
            Column("report_id", _("the report's id in the yearly results dataset")),
            PARTNER_ID,
            Column("year", _("calendar year reported on"), "year"),
            Column("commitment", _("commitment code")),
            Column("status", _("on_track, delayed, achieved or abandoned")),
            Column("explanation", _("the signatory's explanation when the commitment is not on track")),
        ),
        _progress,
    ),
    Dataset(
        "emission-factors",
        _("Emission factors"),
        _("Every version of every emission factor the reports are computed with."),
        (
            Column("factor_id", _("stable id of the factor version")),
            Column("activity", _("activity code")),
            Column("scope", _("scope_1, scope_2_location or scope_2_market")),
            Column("activity_unit", _("unit of the activity")),
            Column("kg_co2e_per_unit", _("emissions per unit of the activity"), "kg CO2e per unit"),
            Column("year", _("year the factor describes"), "year"),
            Column("version", _("version of the factor for its activity, scope and year")),
            Column("source_name", _("source of the factor")),
            Column("source_url", _("link to the source")),
        ),
        _factors,
    ),
    Dataset(
        "initiatives",
        _("Initiatives"),
        _("Public initiatives of the partnership: bike campaigns, tree planting, trainings and events."),
        (
            Column("initiative_id", _("stable id of the initiative")),
            Column("title", _("title")),
            Column("kind", _("kind code")),
            Column("status", _("published or cancelled")),
            Column("start", _("start"), "ISO 8601 date and time"),
            Column("end", _("end"), "ISO 8601 date and time"),
            Column("district", _("Kraków district number")),
            Column("place", _("place")),
            Column("organiser", _("organiser")),
            Column("page_path", _("address of the initiative page on this portal")),
        ),
        _initiatives,
    ),
    Dataset(
        "bike-daily-totals",
        _("Bike campaigns: daily totals"),
        _(
            "Per bike campaign and day, the kilometres, riders and rides logged; days fewer than five people rode on "
            "are left out, and no person's rides are published."
        ),
        (
            Column("initiative_id", _("the campaign's id in the initiatives dataset")),
            Column("date", _("day"), "ISO 8601 date"),
            Column("km", _("kilometres ridden"), "km"),
            Column("riders", _("people who rode"), "people"),
            Column("rides", _("rides logged")),
            Column("co2_avoided_kg", _("CO2 avoided at the portal's factor per kilometre"), "kg CO2e"),
        ),
        _bike_days,
    ),
    Dataset(
        "practices",
        _("Good practices"),
        _("Published good practices; the savings and trees are what the companies state, not verified."),
        (
            Column("practice_id", _("stable id of the practice")),
            PARTNER_ID,
            Column("title", _("title")),
            Column("category", _("category code")),
            Column("district", _("Kraków district number")),
            Column("year_started", _("year the practice started"), "year"),
            Column("stated_co2_t_per_year", _("CO2 savings the company states"), "t CO2e per year"),
            Column("stated_mwh_per_year", _("energy savings the company states"), "MWh per year"),
            Column("trees_planted", _("trees planted, as the company states"), "trees"),
            Column("published_date", _("date published"), "ISO 8601 date"),
            Column("page_path", _("address of the practice page on this portal")),
        ),
        _practices,
    ),
)

BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


class _Echo:
    def write(self, value):
        return value


def csv_lines(dataset):
    """The CSV file, line by line: a header, then one line per row (UTF-8, comma-separated)."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(dataset.column_names)
    for row in dataset.rows():
        yield writer.writerow([_value(value) for value in row])


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def json_chunks(dataset):
    """The JSON file, piece by piece: a list of objects keyed by the column names."""
    names = dataset.column_names
    yield "[\n"
    first = True
    for row in dataset.rows():
        piece = json.dumps(dict(zip(names, map(_json_value, row), strict=True)), ensure_ascii=False)
        yield piece if first else ",\n" + piece
        first = False
    yield "\n]\n"


def readme(generated, counts):
    lines = [
        str(_("Open data of the Kraków climate partnership")),
        "",
        str(_("Generated: %(time)s")) % {"time": generated.isoformat(timespec="seconds")},
        str(_("Licence: %(name)s, %(url)s"))
        % {"name": settings.OPEN_DATA_LICENCE_NAME, "url": settings.OPEN_DATA_LICENCE_URL},
        str(_("Every file is UTF-8, comma-separated, with a header line; dates are ISO 8601; ids are stable.")),
        "",
    ]
    for dataset in DATASETS:
        lines.append(f"{dataset.slug}.csv, {dataset.slug}.json — {dataset.title} ({counts[dataset.slug]} rows)")
        lines.append(str(dataset.description))
        for column in dataset.columns:
            unit = f" [{column.unit}]" if column.unit else ""
            lines.append(f"  {column.name}{unit}: {column.meaning}")
        lines.append("")
    return "\n".join(lines)


def build_zip():
    """Every dataset as CSV and JSON and the README, in a ZIP written to a temporary file (on disk once it grows
    past a few megabytes), rewound for reading."""
    generated = timezone.localtime().replace(microsecond=0)
    counts = {}
    archive_file = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for dataset in DATASETS:
            with archive.open(f"{dataset.slug}.csv", "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                lines = -1
                for line in csv_lines(dataset):
                    text.write(line)
                    lines += 1
                text.flush()
                text.detach()
            counts[dataset.slug] = lines
            with archive.open(f"{dataset.slug}.json", "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8")
                for piece in json_chunks(dataset):
                    text.write(piece)
                text.flush()
                text.detach()
        archive.writestr("README.txt", readme(generated, counts))
    archive_file.seek(0)
    return archive_file


def catalog(absolute):
    """A DCAT-AP description (JSON-LD) of the datasets; `absolute` turns a path into a full address."""
    licence = settings.OPEN_DATA_LICENCE_URL
    publisher = {"@type": "foaf:Organization", "foaf:name": settings.OPEN_DATA_PUBLISHER}
    datasets = []
    for dataset in DATASETS:
        distributions = [
            {
                "@type": "dcat:Distribution",
                "dct:title": f"{dataset.slug}.{extension}",
                "dcat:accessURL": {"@id": absolute(reverse("open_data:index"))},
                "dcat:downloadURL": {"@id": absolute(reverse(f"open_data:{extension}", args=[dataset.slug]))},
                "dcat:mediaType": media_type,
                "dct:format": {"@id": f"http://publications.europa.eu/resource/authority/file-type/{code}"},
                "dct:license": {"@id": licence},
            }
            for extension, media_type, code in (("csv", "text/csv", "CSV"), ("json", "application/json", "JSON"))
        ]
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "@id": absolute(reverse("open_data:index")) + f"#{dataset.slug}",
                "dct:identifier": dataset.slug,
                "dct:title": str(dataset.title),
                "dct:description": str(dataset.description),
                "dct:publisher": publisher,
                "dct:license": {"@id": licence},
                "dcat:keyword": ["klimat", "Kraków", "climate"],
                "dcat:theme": {"@id": "http://publications.europa.eu/resource/authority/data-theme/ENVI"},
                "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": settings.OPEN_DATA_PUBLISHER},
                "dcat:distribution": distributions,
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@type": "dcat:Catalog",
        "@id": absolute(reverse("open_data:catalog")),
        "dct:title": str(_("Open data of the Kraków climate partnership")),
        "dct:description": str(_("Verified climate results, partners, initiatives and good practices.")),
        "dct:publisher": publisher,
        "dct:license": {"@id": licence},
        "dcat:dataset": datasets,
    }
