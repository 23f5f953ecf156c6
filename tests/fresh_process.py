"""Settings as a fresh process reads them from a given environment, without the variables the tests set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def clean_environment(**env):
    """This process's environment without the portal's variables (pytest-env sets some), plus `env`."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    full_env.update(env)
    return full_env


def settings_in_fresh_process(*names, **env):
    """The named settings, as repr() strings, read in a fresh process with the given environment."""
    code = "from django.conf import settings; " + "; ".join(f"print(repr(settings.{name}))" for name in names)
    result = subprocess.run(  # noqa: S603 (our own fixed command, no outside input)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_environment(DJANGO_SETTINGS_MODULE="portal.settings", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()
