from unittest import mock

import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_pages_forbid_inline_script_and_style(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["style-src"] == "'self'"
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_pages_send_a_permissions_policy(client):
    assert "camera=()" in client.get("/").headers["Permissions-Policy"]


@pytest.mark.django_db
def test_the_site_speaks_polish_by_default_even_to_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="pl">' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_turns_the_site_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_only_accepts_post(client):
    assert client.get("/i18n/setlang/?language=en").status_code == 405
