import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_database, env_int, env_redis_url
from tests.fresh_process import clean_environment, settings_in_fresh_process

ROOT = Path(__file__).resolve().parents[2]


def _django_check(**env):
    """Run `manage.py check` in a fresh process with the given environment."""
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


SECRET_KEY = "x8Jq2-vN0pLr7sT4wYz1bC6dF9gH3kM5nP8qR2tU4vW7xZ0aB3cD6eF9gH2jK5mN8"


def test_a_boolean_that_is_not_one_names_the_variable(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG")


def test_a_number_that_is_not_one_names_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 587)


def test_a_bad_database_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "nonsense://what")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:///x")


def test_a_bad_redis_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "localhost:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env_redis_url("REDIS_URL")


def test_without_database_url_the_portal_uses_sqlite_in_the_project_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env_database("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]) == ROOT / "db.sqlite3"


def test_start_up_stops_with_a_message_naming_a_wrong_variable():
    result = _django_check(DJANGO_DEBUG="perhaps")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_debug_is_off_unless_the_environment_turns_it_on():
    assert settings_in_fresh_process("DEBUG", DJANGO_SECRET_KEY=SECRET_KEY) == ["False"]
    assert settings_in_fresh_process("DEBUG", DJANGO_DEBUG="1") == ["True"]


def test_without_a_secret_key_and_without_debug_start_up_refuses_naming_the_variable():
    result = _django_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_the_tests_run_with_a_developers_settings():
    # pyproject.toml's [tool.pytest_env] turns debug on before the settings load (pytest-django then runs each test
    # with DEBUG = False, as Django's test runner does, but what was derived from it stays: no HTTPS redirect), and
    # the staff two-factor requirement off (its own tests turn it on).
    from django.conf import settings

    assert os.environ["DJANGO_DEBUG"] == "1"
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.STAFF_REQUIRE_2FA is False


def test_production_refuses_to_start_without_a_secret_key():
    result = _django_check(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="klimat.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_deployment_check_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_",))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x8Jq2-vN0pLr7sT4wYz1bC6dF9gH3kM5nP8qR2tU4vW7xZ0aB3cD6eF9gH2jK5mN8",
        DJANGO_ALLOWED_HOSTS="klimat.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_migrations_check_runs_without_any_setting():
    # Release tooling runs `manage.py makemigrations --check` in a bare environment: no key is needed to read models.
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
