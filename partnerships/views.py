import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships import access, next_steps, services
from partnerships.forms import CompanyForm, InvitationForm, JoinRequestForm, PartnerFilterForm
from partnerships.models import Company, Invitation, JoinRequest, Membership
from partnerships.review.models import ReviewEvent, events_by_object
from partnerships.review.workflow import Status as ReviewStatus
from portal.lib.page_cache import public_page
from portal.lib.paging import CappedPaginator

PARTNERS_PER_PAGE = 24
INVITATION_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe makes


def _membership_for(request, owner=False):
    """The signed-in user's membership (with its company), or 404 if they have none, or 403 if `owner` is asked for
    and they are a colleague. Every company page and action decides access here."""
    membership = access.membership_of(request.user)
    if membership is None:
        raise Http404(_("You do not represent a company in the portal."))
    if owner and not membership.is_owner:
        raise PermissionDenied(_("Only the company's owner can do this."))
    return membership


def _error_messages(request, error):
    for message in error.messages:
        messages.error(request, message)


def _company_context(membership):
    """What the dashboard and the members page both show: the company, its members and, for owners, the requests
    to join waiting for them."""
    company = membership.company
    return {
        "membership": membership,
        "company": company,
        "is_owner": membership.is_owner,
        "members": company.memberships.select_related("user"),
        "join_requests": company.join_requests.filter(status=JoinRequest.Status.PENDING).select_related("user")
        if membership.is_owner
        else [],
    }


def _open_invitations(user):
    """The invitations a person may still accept, with their companies (one query)."""
    return Invitation.objects.open().filter(email__iexact=user.email).select_related("company")


@login_required
def dashboard(request):
    try:
        membership = _membership_for(request)
    except Http404:
        # Someone invited by a company answers the invitation here; anyone else registers their company.
        invitations = list(_open_invitations(request.user))
        if not invitations:
            return redirect("partnerships:register")
        context = {"next_steps": next_steps.invitation_steps(invitations)}
        return render(request, "partnerships/invited.html", context)
    company = membership.company
    company_context = _company_context(membership)
    # The latest change of the public profile, whatever its status: waiting, sent back, or how staff decided.
    revision = company.revisions.first() if company.is_verified else None
    # One query for the company's review history and for that of its applications (shown in their panel).
    events = events_by_object(ReviewEvent.objects.for_company(company))
    context = {
        **company_context,
        "history": events.get((ContentType.objects.get_for_model(company).pk, company.pk), []),
        "object_events": events,
        "can_resubmit": membership.is_owner and company.can("resubmit", request.user),
        "revision": revision,
        "may_act": next_steps.may_act(request.user, membership),
        "next_steps": next_steps.for_member(membership, request.user, revision, company_context["join_requests"]),
    }
    return render(request, "partnerships/dashboard.html", context)


@login_required
def register(request):
    if access.membership_of(request.user) is not None:
        return redirect("partnerships:dashboard")
    form = CompanyForm(request.POST or None, request.FILES or None)
    join_form = None
    if request.method == "POST":
        if form.is_valid():
            try:
                services.register_company(form, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. The company is registered and waits for verification."))
                return redirect("partnerships:dashboard")
        elif form.existing_company is not None:
            join_form = JoinRequestForm(initial={"nip": form.existing_company.nip})
    context = {
        "form": form,
        "join_form": join_form,
        "existing_company": form.existing_company,
        "my_join_requests": JoinRequest.objects.filter(user=request.user, status=JoinRequest.Status.PENDING)
        .select_related("company"),
        "next_steps": next_steps.invitation_steps(_open_invitations(request.user)),
    }
    return render(request, "partnerships/register.html", context)


@login_required
@require_POST
def join(request):
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request could not be sent. Please enter the NIP again."))
        return redirect("partnerships:register")
    try:
        _join_request, created = services.request_to_join(
            form.cleaned_data["company"], request.user, form.cleaned_data["message"]
        )
    except ValidationError as error:
        _error_messages(request, error)
        return redirect("partnerships:dashboard")
    if created:
        messages.success(request, _("Your request has been sent to the company's owner. We will e-mail you."))
    else:
        messages.info(request, _("You have already asked to join this company; the owner has not answered yet."))
    return redirect("partnerships:register")


@login_required
def edit(request):
    """The owner edits the profile. A verified company's changes to what the public sees wait for review (see
    services.save_profile); while they wait, the page shows them instead of the form."""
    membership = _membership_for(request, owner=True)
    company = membership.company
    # Only a verified company has a public profile whose changes wait; any other company's edits apply at once.
    revision = company.open_revision() if company.is_verified else None
    if revision is not None and revision.status == ReviewStatus.SUBMITTED:
        if request.method == "POST":
            messages.error(request, services.CHANGES_WAITING)
            return redirect("partnerships:edit")
        return render(request, "partnerships/edit.html", {"company": company, "revision": revision, "form": None})
    # Changes sent back by staff are corrected in the same revision: the form starts from them.
    initial = revision.data if revision is not None else None
    form = CompanyForm(request.POST or None, request.FILES or None, instance=company, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                sent = services.save_profile(form, request.user)
                resubmit = "resubmit" in request.POST and company.can("resubmit", request.user)
                if resubmit:
                    company.transition("resubmit", by=request.user)
        except ValidationError as error:
            _error_messages(request, error)
            return redirect("partnerships:edit")
        if resubmit:
            messages.success(request, _("Saved and sent to the city's staff for verification again."))
        elif sent is not None:
            messages.success(
                request,
                _(
                    "Your changes are sent to city staff for review. Until they accept them, the partner page shows "
                    "the approved profile."
                ),
            )
        else:
            messages.success(request, _("The company's profile is saved."))
        return redirect("partnerships:dashboard")
    context = {
        "form": form,
        "company": company,
        "revision": revision,
        "can_resubmit": company.can("resubmit", request.user),
    }
    return render(request, "partnerships/edit.html", context)


@login_required
@require_POST
def withdraw_changes(request):
    company = _membership_for(request, owner=True).company
    try:
        services.withdraw_profile_changes(company, request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Your changes are withdrawn. The profile stays as city staff approved it."))
    return redirect("partnerships:dashboard")


@login_required
@require_POST
def resubmit(request):
    company = _membership_for(request, owner=True).company
    try:
        company.transition("resubmit", by=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The company has been sent to the city's staff for verification again."))
    return redirect("partnerships:dashboard")


@login_required
def members(request):
    membership = _membership_for(request)
    company = membership.company
    context = {
        **_company_context(membership),
        "invitations": company.invitations.open() if membership.is_owner else [],
        "invite_form": InvitationForm() if membership.is_owner and company.is_verified else None,
    }
    return render(request, "partnerships/members.html", context)


@login_required
@require_POST
def invite(request):
    membership = _membership_for(request, owner=True)
    access.acting_company(request.user)  # only a verified company invites
    form = InvitationForm(request.POST)
    if not form.is_valid():
        _error_messages(request, ValidationError(form.errors["email"]))
        return redirect("partnerships:members")
    email = form.cleaned_data["email"]
    try:
        services.invite(membership.company, request.user, email, request.LANGUAGE_CODE)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": email})
    return redirect("partnerships:members")


@login_required
@require_POST
def revoke_invitation(request, pk):
    membership = _membership_for(request, owner=True)
    invitation = get_object_or_404(Invitation, pk=pk, company=membership.company)
    try:
        services.revoke_invitation(membership, invitation)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect("partnerships:members")


def _member_action(request, pk, action, success):
    membership = _membership_for(request, owner=True)
    other = get_object_or_404(Membership.objects.select_related("user"), pk=pk, company=membership.company)
    try:
        action(membership, other)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, success % {"person": other.user})
    return redirect("partnerships:members")


@login_required
@require_POST
def remove_member(request, pk):
    return _member_action(request, pk, services.remove_member, _("%(person)s is no longer a member of the company."))


@login_required
@require_POST
def make_owner(request, pk):
    return _member_action(
        request, pk, services.pass_ownership, _("%(person)s is now the owner. You remain a colleague.")
    )


@login_required
@require_POST
def leave(request):
    membership = _membership_for(request)
    try:
        services.leave(membership)
    except ValidationError as error:
        _error_messages(request, error)
        return redirect("partnerships:members")
    messages.success(request, _("You have left %(company)s.") % {"company": membership.company.name})
    return redirect("home")


@login_required
@require_POST
def decide_join_request(request, pk, decision):
    membership = _membership_for(request, owner=True)
    if decision not in ("accept", "decline"):
        raise Http404
    join_request = get_object_or_404(JoinRequest.objects.select_related("user"), pk=pk, company=membership.company)
    try:
        services.decide_join_request(join_request, by=request.user, accept=decision == "accept")
    except ValidationError as error:
        _error_messages(request, error)
    else:
        if decision == "accept":
            messages.success(request, _("%(person)s has joined the company.") % {"person": join_request.user})
        else:
            messages.success(request, _("The request of %(person)s was declined.") % {"person": join_request.user})
    return redirect("partnerships:members")


def invitation(request, token):
    """Anyone holding the link sees what the invitation is; accepting it needs the invited address, signed in."""
    if not INVITATION_TOKEN.fullmatch(token):  # never a database lookup for text no token can be (e.g. a NUL byte)
        raise Http404
    invitation = get_object_or_404(Invitation.objects.select_related("company", "invited_by"), token=token)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            services.accept_invitation(invitation, request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Welcome to %(company)s.") % {"company": invitation.company.name})
            return redirect("partnerships:dashboard")
    return render(request, "partnerships/invitation.html", {"invitation": invitation})


@public_page(query=("page", *PartnerFilterForm.base_fields))
def partner_list(request):
    # Two queries per page: a count of at most 1,001 partners and the page of companies (only the columns it shows).
    companies = Company.objects.verified().only("name", "slug", "sector", "district", "logo_thumbnail")
    form = PartnerFilterForm(request.GET)
    page = CappedPaginator(form.filter(companies), PARTNERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    return render(request, "partnerships/partner_list.html", context)


@public_page
def partner_detail(request, slug):
    company = get_object_or_404(Company.objects.verified(), slug=slug)
    return render(request, "partnerships/partner_detail.html", {"company": company})
