"""The company's pages of its climate reports. Who may see and do what is decided in `_report_for` (members read,
members of a verified company act: partnerships.access) and `_evidence_for` (members and staff read a file)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships import access
from partnerships.climate import services
from partnerships.climate.forms import EvidenceForm, ReportForm
from partnerships.climate.models import Evidence, Report, signatory_of
from partnerships.review.workflow import COMPANY


def _report_for(request, pk, write=False):
    """Report `pk` if the signed-in user is a member of its company (404 for anyone else); with `write`, the user
    must also act for the company (a company whose verification was withdrawn only reads)."""
    report = get_object_or_404(Report.objects.select_related("company"), pk=pk)
    if not report.is_member(request.user):
        raise Http404
    if write:
        access.acting_company(request.user)
    return report


def _evidence_for(request, report_pk, pk):
    """An evidence file for the members of its report's company and for staff who may see reports."""
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk, report_id=report_pk)
    user = request.user
    if evidence.report.is_member(user) or (user.is_staff and user.has_perm("climate.view_report")):
        return evidence
    raise Http404


def _error(request, error):
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


@login_required
def report_list(request):
    membership = access.membership_of(request.user)
    if membership is None:
        return redirect("partnerships:register")
    company = membership.company
    signatory = signatory_of(company)
    reports = list(company.climate_reports.all())
    taken = {report.year for report in reports if report.status not in ("withdrawn", "rejected")}
    years = [year for year in signatory.years_open() if year not in taken] if signatory else []
    context = {
        "company": company,
        "signatory": signatory,
        "reports": reports,
        "years_to_start": years,
        "may_act": not access.refusal(request.user),
    }
    return render(request, "climate/report_list.html", context)


@login_required
@require_POST
def start(request, year):
    company = access.acting_company(request.user)
    try:
        report = services.start_report(company, year, request.user, copy_previous="copy" in request.POST)
    except ValidationError as error:
        _error(request, error)
        return redirect("climate:list")
    messages.success(request, _("The report is started as a draft. Save it at any point and come back later."))
    return redirect("climate:edit", report.pk)


@login_required
def report_detail(request, pk):
    report = _report_for(request, pk)
    actions = [rule for rule in report.available_actions(request.user) if rule.actor == COMPANY]
    context = {
        "report": report,
        "signatory": signatory_of(report.company),
        "lines": report.lines.all(),
        "progress": report.progress.all(),
        "evidence": report.evidence.all(),
        "factors": report.factors.all(),
        "missing": report.missing() if report.is_editable else [],
        "history": report.review_history(),
        "actions": actions,
        "may_correct": report.is_verified
        and report.may_act(request.user)
        and not Report.objects.open().filter(company_id=report.company_id, year=report.year).exists(),
    }
    return render(request, "climate/report_detail.html", context)


@login_required
def report_edit(request, pk):
    report = _report_for(request, pk, write=True)
    if not report.is_editable:
        messages.error(request, _("This report can no longer be changed."))
        return redirect(report)
    signatory = signatory_of(report.company)
    commitments = signatory.commitments if signatory else []
    form = ReportForm(request.POST or None, report=report, commitments=commitments)
    if request.method == "POST":
        if form.is_valid():
            form.save(request.user)
            if "submit" in request.POST:
                try:
                    report.transition("submit", by=request.user)
                except (ValidationError, PermissionDenied) as error:
                    messages.warning(request, _("Your changes are saved, but the report was not sent."))
                    _error(request, error)
                    return redirect("climate:edit", report.pk)
                messages.success(request, _("The report is sent. City staff will verify it."))
                return redirect(report)
            messages.success(request, _("Your changes are saved as a draft."))
            return redirect("climate:edit", report.pk)
        messages.error(request, _("Some amounts could not be saved; see the fields marked below."))
    context = {
        "report": report,
        "form": form,
        "missing": report.missing(),
        "evidence": report.evidence.all(),
        "evidence_form": EvidenceForm(report=report),
        "previous": services.previous_report(report),
    }
    return render(request, "climate/report_edit.html", context)


@login_required
@require_POST
def copy_previous(request, pk):
    report = _report_for(request, pk, write=True)
    if not report.is_editable:
        messages.error(request, _("This report can no longer be changed."))
        return redirect(report)
    if services.copy_previous_lines(report):
        messages.success(request, _("Last report's activity data are copied in. Check and update each amount."))
    else:
        messages.info(request, _("There is no earlier report to copy from."))
    return redirect("climate:edit", report.pk)


def _transition_view(request, pk, action, done_message):
    report = _report_for(request, pk, write=True)
    try:
        report.transition(action, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        _error(request, error)
    else:
        messages.success(request, done_message)
    return redirect(report)


@login_required
@require_POST
def submit(request, pk):
    return _transition_view(request, pk, "submit", _("The report is sent. City staff will verify it."))


@login_required
@require_POST
def withdraw(request, pk):
    return _transition_view(request, pk, "withdraw", _("The report is withdrawn."))


@login_required
@require_POST
def correct(request, pk):
    report = _report_for(request, pk, write=True)
    try:
        correction = services.start_correction(report, request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect(report)
    messages.success(
        request,
        _("A correction is started as a new version. The verified figures stay published until staff verify it."),
    )
    return redirect("climate:edit", correction.pk)


@login_required
@require_POST
def evidence_upload(request, pk):
    report = _report_for(request, pk, write=True)
    if not report.is_editable:
        messages.error(request, _("This report can no longer be changed."))
        return redirect(report)
    form = EvidenceForm(request.POST, request.FILES, report=report)
    if form.is_valid():
        try:
            form.save(request.user)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("The file is attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("climate:edit", report.pk)


@login_required
@require_POST
def evidence_delete(request, pk, evidence_pk):
    report = _report_for(request, pk, write=True)
    if not report.is_editable:
        messages.error(request, _("This report can no longer be changed."))
        return redirect(report)
    evidence = get_object_or_404(report.evidence, pk=evidence_pk)
    with transaction.atomic():
        evidence.delete()
    messages.success(request, _("The file is removed."))
    return redirect("climate:edit", report.pk)


@login_required
def evidence_file(request, pk, evidence_pk):
    evidence = _evidence_for(request, pk, evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=evidence.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
