import io

from django.core.management import call_command

from partnerships.models import Company, Invitation, JoinRequest, Membership
from partnerships.services import before_user_deleted, deletion_consequences
from portal.models import User
from tests.factories import MembershipFactory


def test_the_sole_member_takes_the_company_with_them(owner, company):
    before_user_deleted(owner)
    assert not Company.objects.filter(pk=company.pk).exists()


def test_an_owner_with_colleagues_hands_over_to_the_longest_standing(owner, company):
    first = MembershipFactory(company=company).user
    MembershipFactory(company=company)
    before_user_deleted(owner)
    assert Company.objects.filter(pk=company.pk).exists()
    assert Membership.objects.get(user=first).role == Membership.Role.OWNER
    assert not Membership.objects.filter(user=owner).exists()
    assert company.memberships.filter(role=Membership.Role.OWNER).count() == 1


def test_a_colleague_just_leaves(owner, colleague, company):
    before_user_deleted(colleague)
    assert list(company.memberships.values_list("user", flat=True)) == [owner.pk]
    assert Membership.objects.get(user=owner).is_owner


def test_someone_without_a_company_changes_nothing(newcomer, company, owner):
    before_user_deleted(newcomer)
    assert Company.objects.count() == 1 and Membership.objects.count() == 1


def test_deleting_the_account_hands_the_company_over(client_for, owner, colleague, company):
    response = client_for(owner).post(
        "/accounts/data/delete/", {"confirm": "on", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    assert Membership.objects.get(user=colleague).is_owner


def test_the_account_page_warns_what_deletion_does_to_the_company(owner, colleague, company):
    [(message, blocking)] = deletion_consequences(owner)
    assert company.name in message and str(colleague) in message
    assert blocking is False


def test_seed_demo_twice_changes_nothing(db):
    call_command("seed_demo", stdout=io.StringIO())
    counts = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == counts
    assert Company.objects.verified().count() == 9
    assert Company.objects.filter(status=Company.Status.PENDING).count() == 1
    owner = User.objects.get(email="owner@example.com")
    assert owner.check_password("demo-password-2024")
    assert owner.membership.is_owner and owner.membership.company.name == "Aptiv Services Poland"
    assert User.objects.get(email="colleague@example.com").membership.company == owner.membership.company
    staff = User.objects.get(email="staff@example.com")
    assert staff.is_staff and not staff.is_superuser and staff.groups.filter(name="Moderators").exists()
    assert staff.emailaddress_set.get().verified


def _counts():
    history = Company.history.model
    return [
        model.objects.count()
        for model in (Company, Membership, User, JoinRequest, Invitation, history)
    ]
