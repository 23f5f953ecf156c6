import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import Company, JoinRequest, Membership
from tests.companies.helpers import company_data, valid_nip
from tests.factories import CompanyFactory, MembershipFactory, png_bytes

URL = "/company/register/"


def test_it_registers_the_company_as_pending_with_the_user_as_owner(client_for, newcomer, staff,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(newcomer).post(URL, company_data())
    assert response.status_code == 302 and response.url == "/company/"
    company = Company.objects.get(name="Słoneczna Spółdzielnia")
    assert company.status == Company.Status.PENDING
    assert company.submitted_at is not None
    assert Membership.objects.get(user=newcomer).role == Membership.Role.OWNER


def test_it_emails_the_moderators_about_the_new_company(client_for, newcomer, staff,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(newcomer).post(URL, company_data())
    assert [m.to for m in mail.outbox] == [[staff.email]]
    company = Company.objects.get()
    assert company.reference() in mail.outbox[0].subject
    assert f"/admin/partnerships/company/{company.pk}/" in mail.outbox[0].body


def test_it_shows_a_success_message_on_the_dashboard(client_for, newcomer):
    response = client_for(newcomer).post(URL, company_data(), follow=True)
    assert "The company is registered and waits for verification." in response.content.decode()


def test_it_accepts_a_nip_written_with_dashes(client_for, newcomer):
    nip = valid_nip()
    dashed = f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"
    client_for(newcomer).post(URL, company_data(nip=dashed, postal_code="31147"))
    company = Company.objects.get()
    assert company.nip == nip
    assert company.postal_code == "31-147"


@pytest.mark.parametrize(
    "field, value",
    [
        ("nip", "1234567890"),
        ("nip", "12345"),
        ("regon", "123456789"),
        ("krs", "12345"),
        ("postal_code", "3-1147"),
        ("district", "99"),
        ("name", ""),
    ],
)
def test_it_refuses_invalid_data_with_a_message_on_the_field(client_for, newcomer, field, value):
    response = client_for(newcomer).post(URL, company_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="error_1_id_{field}"' in response.content.decode()
    assert not Company.objects.exists()


def test_it_offers_to_join_when_the_nip_is_already_registered(client_for, newcomer, company):
    response = client_for(newcomer).post(URL, company_data(nip=company.nip))
    html = response.content.decode()
    assert response.status_code == 200
    assert company.name in html
    assert 'action="/company/join/"' in html
    assert "already exists" not in html
    assert Company.objects.count() == 1


def test_it_sends_the_request_to_join_to_the_owner(client_for, newcomer, company, owner, colleague,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(newcomer).post("/company/join/", {"nip": company.nip, "message": "Jestem z działu ESG"})
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert (join_request.company, join_request.user, join_request.message) == (company, newcomer, "Jestem z działu ESG")
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert newcomer.email in mail.outbox[0].body


def test_asking_twice_makes_one_request(client_for, newcomer, company, owner):
    client = client_for(newcomer)
    client.post("/company/join/", {"nip": company.nip})
    response = client.post("/company/join/", {"nip": company.nip}, follow=True)
    assert JoinRequest.objects.count() == 1
    assert "the owner has not answered yet" in response.content.decode()


def test_the_register_page_tells_about_a_pending_request(client_for, newcomer, company, owner):
    client = client_for(newcomer)
    client.post("/company/join/", {"nip": company.nip})
    assert company.name in client.get(URL).content.decode()


def test_a_member_of_a_company_is_sent_to_the_dashboard(client_for, colleague):
    response = client_for(colleague).get(URL)
    assert response.status_code == 302 and response.url == "/company/"


def test_a_member_cannot_register_another_company_by_posting(client_for, colleague):
    client_for(colleague).post(URL, company_data())
    assert not Company.objects.filter(name="Słoneczna Spółdzielnia").exists()


def test_a_member_cannot_ask_to_join_another_company(client_for, outsider, company):
    client_for(outsider).post("/company/join/", {"nip": company.nip})
    assert not JoinRequest.objects.exists()


def test_it_stores_the_logo_and_a_thumbnail(client_for, newcomer):
    logo = SimpleUploadedFile("logo.png", png_bytes((900, 600)), content_type="image/png")
    client_for(newcomer).post(URL, {**company_data(), "logo": logo})
    company = Company.objects.get()
    assert company.logo.name.startswith("logos/") and company.logo.name.endswith(".png")
    assert company.logo_thumbnail.name.startswith("logos/thumbs/")
    assert company.logo_thumbnail.width <= 480 and company.logo.width == 900


def test_typing_the_nip_of_a_pending_company_does_not_reveal_its_name(client_for, newcomer, owner):
    pending = CompanyFactory(name="Tajny Projekt sp. z o.o.", status=Company.Status.PENDING)
    client = client_for(newcomer)
    client.cookies["django_language"] = "en"

    html = client.post(URL, company_data(nip=pending.nip)).content.decode()
    assert "Tajny Projekt" not in html
    assert "A company with this NIP is already registered in the portal." in html
    assert 'action="/company/join/"' in html  # a person who works there can still ask to join

    client.post("/company/join/", {"nip": pending.nip})
    assert "Tajny Projekt" not in client.get(URL).content.decode()


def test_the_name_of_a_verified_company_is_public_and_may_be_shown(client_for, newcomer, company):
    client = client_for(newcomer)
    html = client.post(URL, company_data(nip=company.nip)).content.decode()
    assert company.name in html


def test_a_declined_request_to_a_pending_company_does_not_name_it(
    client_for, newcomer, django_capture_on_commit_callbacks
):
    pending = CompanyFactory(name="Tajny Projekt sp. z o.o.", status=Company.Status.PENDING)
    pending_owner = MembershipFactory(company=pending, role=Membership.Role.OWNER).user
    client_for(newcomer).post("/company/join/", {"nip": pending.nip})
    join_request = JoinRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(pending_owner).post(f"/company/join-requests/{join_request.pk}/decline/")
    (message,) = [m for m in mail.outbox if newcomer.email in m.to]
    assert "Tajny Projekt" not in message.subject + message.body + message.alternatives[0][0]
