"""Small readers for configuration from environment variables.

Each refuses a value it cannot understand with ImproperlyConfigured naming the variable, so a typo stops start-up
instead of silently running with a default.
"""

import datetime
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_float(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number; got {raw!r}.") from None


def env_date(name, default):
    """A calendar date written as YYYY-MM-DD."""
    raw = os.environ.get(name, "").strip() or default
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date written as YYYY-MM-DD; got {raw!r}.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name, default):
    import dj_database_url

    raw = os.environ.get(name, "").strip() or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for a malformed URL
        raise ImproperlyConfigured(f"{name} is not a database URL this portal understands: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name} names an unknown database scheme: {raw!r}.")
    return config


def env_redis_url(name):
    raw = os.environ.get(name, "").strip()
    if raw and not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name} must start with redis://, rediss:// or unix://; got {raw!r}.")
    return raw


# What DJANGO_STORAGE_URL may say after "?": S3Storage's option each one sets, and how its value is read.
_STORAGE_OPTIONS = {
    "endpoint_url": "endpoint_url",
    "region": "region_name",
    "custom_domain": "custom_domain",
    "signed": "querystring_auth",
    "expire": "querystring_expire",
}


def env_storage(name):
    """Where uploads go: None for the local folder (MEDIA_ROOT), or the settings of an S3-compatible bucket.

    `s3://bucket[/prefix]?endpoint_url=https://s3.example.org&region=pl-1[&custom_domain=media.example.org]
    [&signed=1&expire=3600]`. The result is {"options": S3Storage's OPTIONS, "origin": the scheme and host the
    browser loads the files from}, for the Content-Security-Policy. Credentials are not part of the URL: boto3 reads
    AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role).
    """
    from urllib.parse import parse_qsl, urlsplit

    raw = os.environ.get(name, "").strip()
    if not raw:
        return None

    def refuse(reason):
        raise ImproperlyConfigured(f"{name} {reason}; got {raw!r}.")

    parts = urlsplit(raw)
    if parts.scheme != "s3" or not parts.hostname:
        refuse("must look like s3://bucket?endpoint_url=https://…&region=…")
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(query) - set(_STORAGE_OPTIONS))
    if unknown:
        refuse(f"has unknown options {', '.join(unknown)} (known: {', '.join(_STORAGE_OPTIONS)})")
    options = {
        "bucket_name": parts.hostname,
        "location": parts.path.strip("/"),
        # Two companies' logo.png must not overwrite each other: a taken name gets a suffix, as on disk.
        "file_overwrite": False,
        "querystring_auth": False,
    }
    for key, value in query.items():
        options[_STORAGE_OPTIONS[key]] = value
    if "signed" in query:
        signed = query["signed"].lower()
        if signed not in _TRUE | _FALSE:
            refuse("option signed must be 1 or 0")
        options["querystring_auth"] = signed in _TRUE
    if "expire" in query:
        if not query["expire"].isdigit() or int(query["expire"]) <= 0:
            refuse("option expire must be a number of seconds")
        options["querystring_expire"] = int(query["expire"])
    endpoint = options.get("endpoint_url")
    if endpoint is not None:
        endpoint_parts = urlsplit(endpoint)
        if endpoint_parts.scheme not in ("http", "https") or not endpoint_parts.netloc:
            refuse("option endpoint_url must be an http:// or https:// address")
        options["endpoint_url"] = endpoint.rstrip("/")
    # The browser's origin for the files, so that the page's policy allows exactly that one: the custom domain
    # (a CDN), else the endpoint with the bucket in the path, else Amazon's own name of the bucket.
    if options.get("custom_domain"):
        origin = f"https://{options['custom_domain']}"
    elif endpoint is not None:
        options["addressing_style"] = "path"
        origin = f"{endpoint_parts.scheme}://{endpoint_parts.netloc}"
    else:
        if not options.get("region_name"):
            refuse("needs region=… when it names no endpoint_url (Amazon S3 itself)")
        options["addressing_style"] = "virtual"
        origin = f"https://{options['bucket_name']}.s3.{options['region_name']}.amazonaws.com"
    access_key, secret_key = os.environ.get("AWS_ACCESS_KEY_ID", ""), os.environ.get("AWS_SECRET_ACCESS_KEY", "")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            f"{name} is set, and AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or neither, "
            "for an instance role)."
        )
    return {"options": options, "origin": origin}
