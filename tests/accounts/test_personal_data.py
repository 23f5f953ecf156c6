"""RODO self-service: a person sees what the portal keeps, downloads it, and deletes the account."""

import json

import pytest
from django.test import Client

from partnerships import services
from portal.models import User


@pytest.mark.django_db
def test_the_data_page_warns_what_deletion_does_to_the_company(client_for, newcomer):
    client = client_for(newcomer)
    client.cookies["django_language"] = "en"
    html = client.get("/accounts/data/").content.decode()
    assert "the company and everything it submitted" in html
    assert "ownership passes to the colleague who has been a member longest" in html
    assert "you simply leave the company" in html
    assert 'href="/accounts/data/export/"' in html


@pytest.mark.django_db
def test_the_data_page_lists_what_deleting_does_to_this_person(client_for, newcomer, monkeypatch):
    monkeypatch.setattr(
        services, "deletion_consequences", lambda user: [(f"{user.email} leaves Firma Testowa.", False)]
    )
    html = client_for(newcomer).get("/accounts/data/").content.decode()
    assert "newcomer@example.com leaves Firma Testowa." in html


@pytest.mark.django_db
def test_the_data_page_works_for_a_person_without_a_company(client_for, newcomer):
    assert client_for(newcomer).get("/accounts/data/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/data/", "/accounts/data/export/"])
def test_the_data_pages_send_anonymous_visitors_to_sign_in(path):
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_export_is_a_json_download_with_the_users_e_mail_and_no_password(client_for, newcomer):
    response = client_for(newcomer).get("/accounts/data/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "newcomer@example.com"
    raw = response.content.decode()
    assert newcomer.password not in raw
    assert "password" not in raw.lower()


@pytest.mark.django_db
def test_the_export_holds_only_the_signed_in_persons_data(client_for, newcomer, owner):
    raw = client_for(newcomer).get("/accounts/data/export/").content.decode()
    assert "owner@example.com" not in raw


@pytest.mark.django_db
def test_deleting_the_account_needs_the_password(client_for, newcomer):
    client = client_for(newcomer)
    response = client.post("/accounts/data/delete/", {"confirm": "on", "password": "not-my-password"})
    assert response.status_code == 400
    assert "Hasło jest nieprawidłowe." in response.content.decode()
    assert User.objects.filter(pk=newcomer.pk).exists()


@pytest.mark.django_db
def test_deleting_the_account_needs_the_confirmation_box(client_for, newcomer):
    response = client_for(newcomer).post("/accounts/data/delete/", {"password": "correct-horse-battery"})
    assert response.status_code == 400
    assert User.objects.filter(pk=newcomer.pk).exists()


@pytest.mark.django_db
def test_deleting_the_account_removes_the_user_and_signs_them_out(client_for, newcomer):
    client = client_for(newcomer)
    response = client.post("/accounts/data/delete/", {"confirm": "on", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=newcomer.pk).exists()
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/data/").status_code == 302


@pytest.mark.django_db
def test_deleting_the_account_says_it_was_done_in_the_users_language(client_for, newcomer):
    client = client_for(newcomer)
    response = client.post(
        "/accounts/data/delete/", {"confirm": "on", "password": "correct-horse-battery"}, follow=True
    )
    assert "Twoje konto i Twoje dane osobowe zostały usunięte." in response.content.decode()


@pytest.mark.django_db
def test_a_blocking_consequence_stops_the_deletion(client_for, newcomer, monkeypatch):
    monkeypatch.setattr(services, "deletion_consequences", lambda user: [("Hand over the company first.", True)])
    response = client_for(newcomer).post(
        "/accounts/data/delete/", {"confirm": "on", "password": "correct-horse-battery"}
    )
    assert response.status_code == 400
    assert "Hand over the company first." in response.content.decode()
    assert User.objects.filter(pk=newcomer.pk).exists()


@pytest.mark.django_db
def test_deleting_the_account_is_refused_by_get(client_for, newcomer):
    assert client_for(newcomer).get("/accounts/data/delete/").status_code == 405
    assert User.objects.filter(pk=newcomer.pk).exists()


@pytest.mark.django_db
def test_the_data_page_tells_an_owner_with_colleagues_who_takes_over(client_for, owner, colleague):
    html = client_for(owner).get("/accounts/data/").content.decode()
    assert colleague.get_full_name() in html


@pytest.mark.django_db
def test_the_data_page_says_where_the_security_log_is_and_for_how_long(client_for, newcomer, settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 30
    client = client_for(newcomer)
    client.cookies["django_language"] = "en"
    html = client.get("/accounts/data/").content.decode()
    assert "kept in the server's log for 30 days: it is not in the download" in html
    assert "the owner becomes the contact person of upcoming sign-ups you are the contact of" in html
