from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnerships import access
from portal.lib import ratelimit
from portal.lib.page_cache import public_page
from portal.lib.paging import CappedPaginator
from practices import catalogue
from practices import models as practice_models
from practices.forms import FilterForm, PhotoFormSet, PracticeForm, ProblemReportForm
from practices.models import GoodPractice, PracticeRevision, PracticeStatus, ProblemReport

PER_PAGE = 12
REPORTS_PER_HOUR = 5


def _practice_for(request, pk):
    """A practice the signed-in user may edit, submit or withdraw: members of its company while they may act for it
    (partnerships.access decides; a 403 says why not); everyone else gets 404."""
    practice = get_object_or_404(GoodPractice.objects.select_related("company"), pk=pk)
    if not practice.is_member(request.user):
        raise Http404
    access.acting_company(request.user)
    return practice


def _public_practice_for(request, slug):
    """A published practice for anyone; an unpublished one only as a preview for its company's members and staff."""
    practice = get_object_or_404(GoodPractice.objects.select_related("company"), slug=slug)
    if practice.is_published:
        return practice
    user = request.user
    if practice.is_member(user) or (user.is_staff and user.has_perm("practices.view_goodpractice")):
        return practice
    raise Http404


YEARS_CACHE_SECONDS = 600


def _published_years():
    """The years practices started, for the filter; cached, as finding them means reading every published row."""
    years = GoodPractice.objects.published().order_by("-year_started").values_list("year_started", flat=True)
    return cache.get_or_set("practices:years", lambda: list(years.distinct()), YEARS_CACHE_SECONDS)


def _filter_form(request):
    return FilterForm(request.GET or None, years=_published_years())


def _is_broad(read, matching):
    """Common words: at least a tenth of the practices read hold them."""
    return matching > 0 and matching * 10 >= read



@public_page(query=("page", *FilterForm.base_fields))
def practice_list(request):
    """A page of the list. Without words: a count of at most 1,001 practices, then the page with its photos.

    A search first tests the first 1,000 practices of the list without the words (its filters, its order: one query
    reading at most 1,000 rows). If fewer than a tenth of them hold the words, the words are rare: the full-text
    index finds every match, which are counted (at most 1,001) and sorted. Otherwise the words are common, and the
    list offers the matches among those 1,000 (at least 100, in the list's order), saying "more than" when there
    are older practices: every page reads at most 1,000 rows, however many practices hold the words.
    """
    form = _filter_form(request)
    practices = GoodPractice.objects.published().for_cards()
    paginator = None
    if form.is_search():
        read, matching = form.candidates(GoodPractice.objects.all()).sample(form.cleaned_data["q"])
        if _is_broad(read, matching):
            more = 1 if read == practice_models.BROAD_SAMPLE else 0  # practices further down were not read
            practices = form.filter(practices, broad=True)
            paginator = CappedPaginator(practices, PER_PAGE, cap=matching, counted=matching + more)
    if paginator is None:
        paginator = CappedPaginator(form.filter(practices), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "is_filtered": bool(form.active_filters()),
    }
    return render(request, "practices/list.html", context)


@login_required
def practice_new(request):
    company = access.acting_company(request.user)
    form = PracticeForm(request.POST or None)
    photos = PhotoFormSet(request.POST or None, request.FILES or None, prefix="photos")
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        with transaction.atomic():  # the practice and its photos are saved together or not at all
            practice = form.save(commit=False)
            practice.company, practice.author = company, request.user
            practice.save()
            photos.instance = practice
            photos.save()
        messages.success(request, _("The draft is saved. Submit it for review when it is ready."))
        return _back_to_the_form(request, practice)
    return render(request, "practices/form.html", {"form": form, "photos": photos, "practice": None})


@login_required
def practice_edit(request, pk):
    practice = _practice_for(request, pk)
    if practice.is_published:
        return _edit_published(request, practice)
    if not practice.is_editable:
        messages.info(request, _("This practice cannot be edited in its current status."))
        return redirect(practice.get_absolute_url())
    form = PracticeForm(request.POST or None, instance=practice)
    photos = PhotoFormSet(request.POST or None, request.FILES or None, instance=practice, prefix="photos")
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        send = "submit" in request.POST
        try:
            with transaction.atomic():  # saved and sent together, or the transition's refusal keeps nothing half-done
                form.save()
                photos.save()
                if send:
                    practice.transition("submit", by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("practices:edit", pk=practice.pk)
        if send:
            messages.success(request, _("Sent for review. City staff will publish it or write to you."))
            return redirect(practice.get_absolute_url())
        messages.success(request, _("Your changes are saved."))
        return _back_to_the_form(request, practice)
    context = {"form": form, "photos": photos, "practice": practice}
    return render(request, "practices/form.html", context)


def _back_to_the_form(request, practice):
    """After saving a draft: the form again, at the photos with an empty slot when another photo was asked for."""
    url = reverse("practices:edit", args=[practice.pk])
    return redirect(url + "#new-photo" if "add_photo" in request.POST else url)


def _edit_published(request, practice):
    """The public text stays until staff accept the edit: the form's values go into a revision, sent for review."""
    revision = practice.open_revision()
    if revision and revision.status == PracticeStatus.SUBMITTED:
        messages.info(
            request, _("Your previous changes are waiting for review. You can edit again after the decision.")
        )
        return redirect(practice.get_absolute_url())
    initial = revision.data if revision else None
    form = PracticeForm(request.POST or None, instance=practice, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            # The constraint "one open edit per practice" decides between two members sending at the same moment.
            with transaction.atomic():
                revision = revision or PracticeRevision(practice=practice, author=request.user)
                revision.data = form.revision_data()
                revision.save()
                revision.transition("submit", by=request.user)
        except IntegrityError:
            messages.info(
                request, _("Your previous changes are waiting for review. You can edit again after the decision.")
            )
            return redirect(practice.get_absolute_url())
        messages.success(
            request, _("Your changes are sent for review. The published version stays visible until staff accept them.")
        )
        return redirect(practice.get_absolute_url())
    context = {"form": form, "photos": None, "practice": practice, "revision": revision}
    return render(request, "practices/form.html", context)


@login_required
@require_POST
def practice_action(request, pk, action):
    practice = _practice_for(request, pk)
    if action not in ("submit", "withdraw"):
        raise Http404
    try:
        practice.transition(action, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if action == "submit":
            messages.success(request, _("Sent for review. City staff will publish it or write to you."))
        else:
            messages.success(request, _("The practice is withdrawn."))
    return redirect(practice.get_absolute_url())


def _detail_context(request, practice):
    """The practice page; its company's members also see their actions and any edit in progress."""
    is_member = practice.is_member(request.user)
    return {
        "practice": practice,
        "photos": list(practice.photos.all()),
        "related": list(practice.related()),
        "actions": practice.available_actions(request.user) if is_member else [],
        "revision": practice.open_revision() if is_member else None,
    }


@public_page
def practice_detail(request, slug):
    practice = _public_practice_for(request, slug)
    return render(request, "practices/detail.html", _detail_context(request, practice))


@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, slug):
    """The problem report has a page of its own, so that the practice's page, cached for anonymous visitors, needs no
    CSRF token: this page sets it."""
    practice = get_object_or_404(GoodPractice.objects.published(), slug=slug)
    if request.method != "POST":
        return render(request, "practices/report.html", {"practice": practice, "report_form": ProblemReportForm()})
    form = ProblemReportForm(request.POST)
    if form.is_valid():
        if not form.cleaned_data["website"]:  # the honeypot stayed empty: a person, not a bot
            # Counted before the report is stored, in one atomic step, so parallel posts cannot all pass.
            if not ratelimit.hit(request, "practices:report", REPORTS_PER_HOUR, 3600):
                messages.error(
                    request, _("You have sent several reports in a short time. Please try again in an hour.")
                )
                return redirect(practice.get_absolute_url())
            ProblemReport.objects.create(
                practice=practice, message=form.cleaned_data["message"], email=form.cleaned_data["email"]
            )
        messages.success(request, _("Thank you. City staff will look at your report."))
        return redirect(practice.get_absolute_url())
    return render(request, "practices/report.html", {"practice": practice, "report_form": form}, status=400)


def catalogue_pdf(request):
    form = _filter_form(request)
    # The catalogue holds the newest practices of the selection (its cover says so), whatever the list's sort.
    practices = form.filter(GoodPractice.objects.published().for_cards(), sort="newest")
    try:
        pdf = catalogue.catalogue_for(request, practices, form.active_filters())
    except catalogue.TooManyBuilds:
        response = render(request, "practices/catalogue_limit.html", status=429)
        response["Retry-After"] = "3600"
        return response
    # The file's name is its selection and the hash of its content (practices.catalogue): its ETag. Clients keep it
    # and ask again each time; an unchanged catalogue is a 304, without sending the file.
    etag = quote_etag(Path(pdf.name).name.split(".", 1)[0])  # a file built just now is read from its .part name
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        pdf.close()
    else:
        stamp = timezone.localdate().isoformat()
        response = FileResponse(pdf, content_type="application/pdf", filename=f"katalog-dobrych-praktyk-{stamp}.pdf")
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response
