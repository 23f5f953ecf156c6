"""Demo applications of the demo companies (created by partnerships.demo), in various statuses.

Idempotent: a company is found by its NIP and skipped quietly when absent; an application is created only when
that company has none for that form yet. The review history is written as staff and companies would make it.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from partnerships.cooperation.models import Application, CooperationForm
from partnerships.models import Company
from partnerships.review.models import ReviewEvent

# (company NIP, form slug, status, answers, reason given by staff)
DEMO_APPLICATIONS = [
    (
        "9981045448",
        "pakt-dla-klimatu",
        "approved",
        {
            "commitments": ["renewable_energy", "energy_efficiency", "staff_education"],
            "target_year": 2035,
            "baseline": "820",
            "signatory_name": "Członek zarządu",
            "signatory_role": "Wiceprezes",
        },
        "",
    ),
    (
        "9981067668",
        "pakt-dla-klimatu",
        "approved",
        {
            "commitments": ["mobility", "greenery", "green_procurement"],
            "target_year": 2040,
            "baseline": "",
            "signatory_name": "Prezes zarządu",
            "signatory_role": "Prezes",
        },
        "",
    ),
    (
        "9981001008",
        "kampanie-rowerowe",
        "submitted",
        {
            "campaign": "rowerem_do_pracy",
            "coordinator_name": "Koordynator zespołu",
            "coordinator_email": "rowery@example.com",
            "expected_riders": 60,
        },
        "",
    ),
    (
        "9981034338",
        "zielen-z-zzm",
        "changes_requested",
        {"action_kind": "tree_planting", "volunteers": 25, "district": "18"},
        "Prosimy o wskazanie dwóch możliwych terminów jesiennych.",
    ),
    (
        "9981023228",
        "szkolenia-dla-pracownikow",
        "draft",
        {"topic": "Jakość powietrza w Krakowie", "preferred_dates": "kwiecień, przedpołudnia", "participants": 30},
        "",
    ),
]

# The statuses each demo application passed through, as (action, from, to, by staff).
PATHS = {
    "draft": [],
    "submitted": [("submit", "draft", "submitted", False)],
    "changes_requested": [
        ("submit", "draft", "submitted", False),
        ("request_changes", "submitted", "changes_requested", True),
    ],
    "approved": [("submit", "draft", "submitted", False), ("approve", "submitted", "approved", True)],
}


def seed(stdout):
    content_type = ContentType.objects.get_for_model(Application)
    created = 0
    for nip, slug, status, answers, reason in DEMO_APPLICATIONS:
        company = Company.objects.filter(nip=nip).first()
        form = CooperationForm.objects.filter(slug=slug).first()
        if company is None or form is None or Application.objects.filter(company=company, form=form).exists():
            continue
        owner = company.memberships.select_related("user").first()
        now = timezone.now()
        application = Application.objects.create(
            company=company,
            form=form,
            answers=answers,
            status=status,
            created_by=owner.user if owner else None,
            submitted_at=now if status != "draft" else None,
            decided_at=now if status in ("approved", "changes_requested") else None,
            decision_reason=reason,
        )
        for action, source, target, by_staff in PATHS[status]:
            ReviewEvent.objects.create(
                content_type=content_type,
                object_id=application.pk,
                action=action,
                from_status=source,
                to_status=target,
                by=None if by_staff or owner is None else owner.user,
                by_staff=by_staff,
                reason=reason if action == "request_changes" else "",
            )
        created += 1
    stdout.write(f"Cooperation applications: {created} created.")
