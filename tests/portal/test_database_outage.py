"""With the database unreachable, a page is a short 503 in the visitor's language with Retry-After, the outage is
logged once rather than a traceback per request, and the portal is back by itself when the database answers."""

import logging

import pytest
from django.db import InterfaceError, OperationalError, connection

from portal import middleware


@pytest.fixture(autouse=True)
def _no_outage_yet():
    middleware._Outage.logged_at = None
    yield
    middleware._Outage.logged_at = None


def _refuse(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def _go_down(monkeypatch):
    """The database server refuses connections: opening the connection fails, and so does every query."""
    monkeypatch.setattr(connection, "ensure_connection", _refuse)
    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", _refuse)


@pytest.fixture
def database_down(monkeypatch):
    _go_down(monkeypatch)
    return monkeypatch


def _warnings_and_errors(caplog):
    return [(record.name, record.getMessage()) for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_page_answers_503_in_polish_with_retry_after(client, database_down):
    response = client.get("/practices/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Content-Language"] == "pl"
    html = response.content.decode()
    assert 'lang="pl"' in html
    assert "Portal jest przez chwilę niedostępny" in html
    assert 'href="/practices/"' in html


def test_the_page_is_in_english_for_a_visitor_who_chose_english(client, database_down):
    client.cookies["django_language"] = "en"
    response = client.get("/")
    assert response.status_code == 503
    assert "The portal is unavailable for a moment" in response.content.decode()


def test_a_signed_in_visitor_gets_the_page_too(client_for, owner, monkeypatch):
    client = client_for(owner)
    _go_down(monkeypatch)
    response = client.get("/company/")
    assert response.status_code == 503


def test_an_outage_is_logged_once_and_without_a_traceback(client, database_down, caplog):
    caplog.set_level(logging.INFO)
    assert client.get("/").status_code == 503
    assert client.get("/practices/").status_code == 503
    logged = _warnings_and_errors(caplog)
    assert len(logged) == 1
    assert logged[0][0] == "portal.outage" and "Connection refused" in logged[0][1]
    assert not any(record.exc_info for record in caplog.records)


def test_the_outage_is_one_line_in_the_log_even_when_the_driver_says_it_in_several(client, monkeypatch, caplog):
    def cut(*args, **kwargs):
        raise OperationalError(
            "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n"
        )

    monkeypatch.setattr(connection, "ensure_connection", cut)
    caplog.set_level(logging.INFO)
    assert client.get("/").status_code == 503
    [(name, message)] = _warnings_and_errors(caplog)
    assert name == "portal.outage" and "\n" not in message
    assert "server closed the connection unexpectedly This probably means" in message


def test_the_outage_is_logged_again_after_the_cool_down(client, database_down, caplog):
    client.get("/")
    middleware._Outage.logged_at -= middleware.OUTAGE_LOG_COOL_DOWN
    caplog.clear()
    client.get("/")
    assert [name for name, _message in _warnings_and_errors(caplog)] == ["portal.outage"]


def test_a_connection_lost_during_the_view_answers_503(client, monkeypatch, caplog):
    # Connecting works, then the query fails: the server went away in the middle of the request.
    def lost(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", lost)
    caplog.set_level(logging.INFO)
    response = client.get("/")
    assert response.status_code == 503
    assert [name for name, _message in _warnings_and_errors(caplog)] == ["portal.outage"]


def test_a_connection_cut_after_it_opened_before_the_view_answers_503(client_for, owner, monkeypatch, caplog):
    # The connection opens, then the server cuts it (a restart): the first query of the request fails, and that is
    # the signed-in visitor's session, read by a middleware, not by a view.
    client = client_for(owner)
    def cut(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", cut)
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    response = client.get("/company/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Portal jest przez chwilę niedostępny" in response.content.decode()
    assert [name for name, _message in _warnings_and_errors(caplog)] == ["portal.outage"]
    assert not any(record.exc_info for record in caplog.records)


def test_a_connection_cut_while_the_answer_is_finished_answers_503(client, monkeypatch, caplog):
    # The view is done; a database error raised on the way out (here by a middleware after the view) is an outage
    # too, with no traceback in the log.
    def cut(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("portal.middleware.PermissionsPolicyMiddleware.__call__", cut)
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    response = client.get("/")
    assert response.status_code == 503
    assert [name for name, _message in _warnings_and_errors(caplog)] == ["portal.outage"]
    assert not any(record.exc_info for record in caplog.records)


def test_the_portal_is_back_by_itself_when_the_database_answers(client, database_down, caplog):
    assert client.get("/").status_code == 503
    database_down.undo()
    caplog.clear()
    assert client.get("/").status_code == 200
    assert _warnings_and_errors(caplog) == [("portal.outage", "The database answers again.")]
    assert client.get("/").status_code == 200
    assert len(_warnings_and_errors(caplog)) == 1  # said once


def test_healthz_still_answers_503_in_json(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


def test_other_errors_are_not_taken_for_an_outage(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("portal.views.Company.objects.verified", broken)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500
