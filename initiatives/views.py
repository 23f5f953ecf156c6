from decimal import Decimal
from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import calendar, taking_part
from initiatives.forms import InitiativeFilterForm, ParticipationForm, RideForm
from initiatives.models import Initiative, Participation, Ride
from partnerships import access
from partnerships.models import Company
from portal.lib.http import revalidated
from portal.lib.page_cache import public_page
from portal.lib.paging import CappedPaginator

PER_PAGE = 20
MAP_LIMIT = 100


def _initiative_for(request, slug, bike=False):
    """The initiative a visitor may see: published or cancelled ones for everybody, drafts for staff only."""
    queryset = Initiative.objects.with_places_taken().select_related("cooperation_form")
    if not request.user.is_staff:
        queryset = queryset.public()
    initiative = get_object_or_404(queryset, slug=slug)
    if bike and not initiative.is_bike_campaign:
        raise Http404
    return initiative


def _company_for(request):
    """The company the signed-in person acts for; anyone else (staff without a company too) gets a 403 that says
    why (see partnerships.access)."""
    return access.acting_company(request.user)


def _listing(request, queryset, template, heading):
    form = InitiativeFilterForm(request.GET or None)
    queryset = form.filter(queryset.public())
    paginator = CappedPaginator(queryset.with_places_taken(), PER_PAGE, counted=queryset)
    page = paginator.get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "heading": heading}
    return render(request, template, context)


@public_page(query=("page", *InitiativeFilterForm.base_fields))
def initiative_list(request):
    queryset = Initiative.objects.upcoming().order_by("start", "pk")
    return _listing(request, queryset, "initiatives/list.html", _("Upcoming initiatives"))


@public_page(query=("page", *InitiativeFilterForm.base_fields))
def initiative_past(request):
    queryset = Initiative.objects.past().order_by("-start", "-pk")
    return _listing(request, queryset, "initiatives/list.html", _("Past initiatives"))


@public_page
def initiative_detail(request, slug):
    initiative = _initiative_for(request, slug)
    return render(request, "initiatives/detail.html", _detail_context(request, initiative))


def _detail_context(request, initiative, form=None):
    """What the detail page shows; `form` is a bound sign-up form being shown again with its errors."""
    partners = (
        initiative.participations.confirmed()
        .filter(company__status=Company.Status.VERIFIED)
        .select_related("company")
        .order_by("company__name")
    )
    membership = access.membership_of(request.user)  # None for visitors and for users without a company
    own = None
    if membership is not None:
        own = (
            initiative.participations.exclude(status=Participation.Status.CANCELLED)
            .filter(company=membership.company)
            .first()
        )
    why_not = None
    refusal = access.refusal(request.user)
    if not initiative.registration_open():
        why_not = _("This initiative is cancelled.") if initiative.is_cancelled else _("Registration is closed.")
    elif refusal:
        why_not = access.MESSAGES[refusal]
    elif form is None:
        form = ParticipationForm(instance=own, initial=_contact_initial(request.user, own))
    if why_not:
        form = None
    return {"initiative": initiative, "partners": partners, "own": own, "form": form, "why_not": why_not}


def _contact_initial(user, own):
    if own is not None:
        return {"wait": own.status == Participation.Status.WAITING}
    return {"contact_name": user.get_full_name(), "contact_email": user.email}


@login_required
@require_POST
def participate(request, slug):
    initiative = _initiative_for(request, slug)
    company = _company_for(request)
    own = Participation.objects.filter(initiative=initiative, company=company).first()
    form = ParticipationForm(request.POST, instance=own)
    if form.is_valid():
        data = form.cleaned_data
        try:
            participation = taking_part.sign_up(
                initiative,
                company,
                request.user,
                participants=data["participants"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                wait=data["wait"],
            )
        except taking_part.NoPlaceLeft as error:
            form.add_error("participants", error)
            form.add_error("wait", _("Tick this to join the waiting list."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if participation.status == Participation.Status.WAITING:
                messages.info(request, _("Your company is on the waiting list. We will e-mail you when a place frees."))
            else:
                messages.success(request, _("Your company is signed up."))
            return redirect(initiative)
    context = _detail_context(request, initiative, form)
    if context["form"] is None and form.non_field_errors():  # e.g. the deadline passed meanwhile: say why
        messages.error(request, " ".join(form.non_field_errors()))
    return render(request, "initiatives/detail.html", context, status=400)


@login_required
@require_POST
def cancel_participation(request, slug):
    initiative = _initiative_for(request, slug)
    company = _company_for(request)
    try:
        taking_part.cancel(initiative, company)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your company's sign-up is cancelled."))
    return redirect(initiative)


@login_required
def rides(request, slug):
    initiative = _initiative_for(request, slug, bike=True)
    company = _company_for(request)
    taking_part_confirmed = initiative.participations.confirmed().filter(company=company).exists()
    form = None
    if taking_part_confirmed and initiative.status == Initiative.Status.PUBLISHED:
        form = RideForm(request.POST or None, instance=Ride(initiative=initiative, company=company, user=request.user))
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Your ride is saved."))
            return redirect("initiatives:rides", slug=initiative.slug)
    elif request.method == "POST":
        raise PermissionDenied(_("Your company does not take part in this campaign."))
    company_rides = initiative.rides.filter(company=company).select_related("user")
    totals = company_rides.aggregate(km=Sum("km", default=Decimal(0)), riders=Count("user", distinct=True))
    context = {
        "initiative": initiative,
        "company": company,
        "form": form,
        "taking_part": taking_part_confirmed,
        "rides": company_rides,
        "totals": totals,
    }
    return render(request, "initiatives/rides.html", context, status=400 if form is not None and form.errors else 200)


@public_page
def results(request, slug):
    initiative = _initiative_for(request, slug, bike=True)
    registered = Participation.objects.filter(
        initiative=initiative, company=OuterRef("company"), status=Participation.Status.CONFIRMED
    ).values("participants")[:1]
    # One query: per company the kilometres, the riders and the participants it registered.
    rows = list(
        initiative.rides.values("company__name", "company__slug")
        .annotate(km=Sum("km"), riders=Count("user", distinct=True), registered=Subquery(registered))
        .order_by("company__name")
    )
    grams = Decimal(str(settings.BIKE_CO2_GRAMS_PER_KM))
    for row in rows:
        row["co2_kg"] = (row["km"] * grams / 1000).quantize(Decimal("0.1"))
        base = max(row["registered"] or 0, row["riders"])
        row["share"] = round(100 * row["riders"] / base) if base else 0
    context = {
        "initiative": initiative,
        "by_km": sorted(rows, key=lambda r: -r["km"]),
        "by_share": sorted(rows, key=lambda r: (-r["share"], -r["km"])),
        "by_co2": sorted(rows, key=lambda r: -r["co2_kg"]),
        "grams_per_km": settings.BIKE_CO2_GRAMS_PER_KM,
        "total_km": sum((r["km"] for r in rows), Decimal(0)),
        "total_co2_kg": sum((r["co2_kg"] for r in rows), Decimal(0)),
    }
    return render(request, "initiatives/results.html", context)


@public_page
@revalidated
def initiative_ics(request, slug):
    initiative = _initiative_for(request, slug)
    return _ics_response(calendar.build([initiative]), f"{initiative.slug}.ics")


@public_page
@revalidated
def calendar_ics(request):
    initiatives = Initiative.objects.published().upcoming().order_by("start")
    return _ics_response(calendar.build(initiatives), "initiatives.ics")


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _tile_origin():
    parts = urlsplit(settings.MAP_TILE_URL)
    return f"{parts.scheme}://{parts.netloc}"


# The tiles are the page's only third-party resource, so only this page allows their server in img-src; the script
# requests no tile before the visitor presses "Load the map".
@public_page
@csp_update({"img-src": [_tile_origin()]})
def initiative_map(request):
    # The places left on every card come from the annotation, not from a query per initiative.
    initiatives = (
        Initiative.objects.published().upcoming().exclude(latitude=None).exclude(longitude=None).with_places_taken()
    )
    context = {
        # The next ones: a page that lists every initiative would grow without end.
        "initiatives": initiatives.order_by("start", "pk")[:MAP_LIMIT],
        "limit": MAP_LIMIT,
        "tile_url": settings.MAP_TILE_URL,
        "tile_host": urlsplit(settings.MAP_TILE_URL).netloc,
    }
    return render(request, "initiatives/map.html", context)
