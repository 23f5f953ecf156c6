"""Pages of the cooperation catalogue and of a company's applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships import access
from partnerships.cooperation.models import Application, CooperationForm
from partnerships.cooperation.questions import display_answers, form_class_for
from partnerships.models import Company
from partnerships.review.workflow import COMPANY
from portal.lib.page_cache import public_page

PARTNERS_SHOWN = 60


def _application_for(request, pk, write=False):
    """The application `pk` if the signed-in user is a member of its company; 404 for anyone else.

    With `write`, the user must also be allowed to act for the company (see partnerships.access): a company whose
    verification was withdrawn only reads.
    """
    application = get_object_or_404(Application.objects.select_related("form", "company"), pk=pk)
    if not application.is_member(request.user):
        raise Http404
    if write:
        access.acting_company(request.user)
    return application


@public_page
def form_list(request):
    # One query for the active forms, grouped here in the order of CooperationForm.Group.
    cooperation_forms = list(CooperationForm.objects.active())
    groups = [
        (value, label, [cooperation_form for cooperation_form in cooperation_forms if cooperation_form.group == value])
        for value, label in CooperationForm.Group.choices
    ]
    return render(request, "partnerships/cooperation/form_list.html", {"groups": [g for g in groups if g[2]]})


@public_page
def form_detail(request, slug):
    cooperation_form = get_object_or_404(CooperationForm.objects.active(), slug=slug)
    # The first partners by name, one more to know whether there are others: a page listing every partner would
    # grow with the catalogue.
    partners = list(
        Company.objects.verified()
        .filter(applications__form=cooperation_form, applications__status=Application.Status.APPROVED)
        .distinct()
        .order_by("name")
        .only("name", "slug")[: PARTNERS_SHOWN + 1]
    )
    # Dated initiatives of this form (bike campaign editions, plantings…), through the reverse relation the
    # initiatives app defines, so partnerships does not import it.
    initiatives = cooperation_form.initiatives.published().upcoming().order_by("start")[:10]
    context = {
        "cooperation_form": cooperation_form,
        "partners": partners[:PARTNERS_SHOWN],
        "more_partners": len(partners) > PARTNERS_SHOWN,
        "initiatives": initiatives,
    }
    return render(request, "partnerships/cooperation/form_detail.html", context)


def apply(request, slug):
    cooperation_form = get_object_or_404(CooperationForm.objects.active(), slug=slug)
    obstacle, existing = cooperation_form.obstacle_for(request.user)
    answers_form = None
    if not obstacle:
        answers_form = form_class_for(cooperation_form.kind)(request.POST or None)
        if request.method == "POST" and answers_form.is_valid():
            application = _create_application(request, cooperation_form, answers_form)
            if application is not None:
                return redirect(application)
            obstacle, existing = cooperation_form.obstacle_for(request.user)
            if obstacle:
                answers_form = None
    context = {"cooperation_form": cooperation_form, "obstacle": obstacle, "existing": existing, "form": answers_form}
    return render(request, "partnerships/cooperation/apply.html", context)


def _create_application(request, cooperation_form, answers_form):
    """Save the application (and submit it if asked); None if another one became active meanwhile."""
    company = request.user.membership.company
    try:
        # The constraint "one active application per company and form" decides a race between two members
        # applying at the same moment: the loser's insert fails and is rolled back, nothing half-saved remains.
        with transaction.atomic():
            application = Application.objects.create(
                company=company, form=cooperation_form, answers=answers_form.to_answers(), created_by=request.user
            )
            if "submit" in request.POST:
                application.transition("submit", by=request.user)
    except IntegrityError:
        messages.error(request, _("Your company already has an active application for this form."))
        return None
    if application.status == Application.Status.SUBMITTED:
        messages.success(request, _("Your application has been sent. City staff will review it."))
    else:
        messages.success(request, _("Your application has been saved as a draft."))
    return application


@login_required
def application_detail(request, pk):
    application = _application_for(request, pk)
    actions = [rule for rule in application.available_actions(request.user) if rule.actor == COMPANY]
    context = {
        "application": application,
        "answers": display_answers(application.form.kind, application.answers),
        "history": application.review_history(),
        "actions": actions,
    }
    return render(request, "partnerships/cooperation/application_detail.html", context)


@login_required
def application_edit(request, pk):
    application = _application_for(request, pk, write=True)
    if application.is_closed_for_changes:
        messages.error(request, _("Applications for this form are closed, so it can no longer be changed or sent."))
        return redirect(application)
    if not application.is_editable:
        messages.error(request, _("This application can no longer be changed."))
        return redirect(application)
    form = form_class_for(application.form.kind)(request.POST or None, answers=application.answers)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            application.answers = form.to_answers()
            application.save(update_fields=["answers", "updated_at"])
            if "submit" in request.POST:
                application.transition("submit", by=request.user)
        messages.success(
            request,
            _("Your application has been sent. City staff will review it.")
            if "submit" in request.POST
            else _("Your changes have been saved."),
        )
        return redirect(application)
    return render(request, "partnerships/cooperation/application_edit.html", {"application": application, "form": form})


def _transition_view(request, pk, action, done_message):
    application = _application_for(request, pk, write=True)
    try:
        application.transition(action, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, done_message)
    return redirect(application)


@login_required
@require_POST
def application_submit(request, pk):
    return _transition_view(request, pk, "submit", _("Your application has been sent. City staff will review it."))


@login_required
@require_POST
def application_withdraw(request, pk):
    return _transition_view(request, pk, "withdraw", _("Your application has been withdrawn."))
