import pytest

PASSWORD = "correct-horse-battery"  # the password tests.factories.UserFactory sets


def sign_in(client, email, password=PASSWORD, **extra):
    """Sign in through the real login form, as a person would (so allauth records how they authenticated)."""
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


@pytest.fixture
def signed_in(client, newcomer):
    response = sign_in(client, newcomer.email)
    assert response.status_code == 302
    return client


@pytest.fixture
def reauthenticated(signed_in):
    """Signed in and just confirmed the password again, as allauth asks before changing two-factor settings."""
    response = signed_in.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    return signed_in
