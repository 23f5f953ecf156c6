"""Security from the start: headers, POST-only sign-out, secure cookies in production and the security log."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.accounts.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]


def _directives(response):
    csp = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/privacy/", "/accessibility/"])
def test_account_and_public_pages_forbid_inline_script_and_style(client, path):
    directives = _directives(client.get(path))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]


@pytest.mark.django_db
def test_account_pages_send_the_permissions_policy(client):
    policy = client.get("/accounts/login/").headers["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy


@pytest.mark.django_db
def test_opening_the_sign_out_address_does_not_sign_out(client_for, newcomer):
    client = client_for(newcomer)
    response = client.get("/accounts/logout/")
    assert response.status_code == 200
    assert client.session.get("_auth_user_id") == str(newcomer.pk)


@pytest.mark.django_db
def test_signing_out_by_post_signs_out(client_for, newcomer):
    client = client_for(newcomer)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def _settings_in_fresh_process(**env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    full_env.update(env)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(  # noqa: S603 (our own fixed command, no outside input)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**full_env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_cookies_are_secure_when_debug_is_off():
    flags = _settings_in_fresh_process(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 60, DJANGO_ALLOWED_HOSTS="klimat.example.org"
    )
    assert flags == ["True", "True", "True", "True"]


def test_cookies_are_not_marked_secure_for_local_http_development():
    flags = _settings_in_fresh_process(DJANGO_DEBUG="1")
    assert flags[:3] == ["False", "False", "False"]


@pytest.mark.django_db
def test_a_sign_in_is_logged_with_e_mail_ip_and_path_but_no_password(client, newcomer, caplog):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        sign_in(client, newcomer.email, REMOTE_ADDR="203.0.113.7")
    line = next(r.getMessage() for r in caplog.records if "sign-in" in r.getMessage())
    assert "newcomer@example.com" in line
    assert "203.0.113.7" in line
    assert "/accounts/login/" in line
    assert "correct-horse-battery" not in caplog.text


@pytest.mark.django_db
def test_a_failed_sign_in_is_logged_without_the_password(client, newcomer, caplog):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        sign_in(client, newcomer.email, "my-secret-guess", REMOTE_ADDR="203.0.113.8")
    line = next(r.getMessage() for r in caplog.records if "failed sign-in" in r.getMessage())
    assert "newcomer@example.com" in line
    assert "203.0.113.8" in line
    assert "my-secret-guess" not in caplog.text


@pytest.mark.django_db
def test_refused_access_is_logged_with_who_and_where(client_for, newcomer, caplog):
    client = client_for(newcomer)
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = client.get("/admin/login/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 403
    line = next(r.getMessage() for r in caplog.records if "access refused" in r.getMessage())
    assert "newcomer@example.com" in line
    assert "/admin/login/" in line
    assert "203.0.113.9" in line


@pytest.mark.django_db
def test_the_403_page_is_in_the_sites_layout(client_for, newcomer):
    html = client_for(newcomer).get("/admin/login/").content.decode()
    assert "<h1>" in html
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_sign_in_for_the_admin():
    response = Client().get("/admin/")
    assert response.status_code == 302
