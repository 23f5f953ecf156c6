"""What the scripts that run the portal under gunicorn share: a database of their own, an S3 server (moto's), the
gunicorn processes, and a small HTTP client that keeps cookies and posts forms.

The servers speak plain HTTP on 127.0.0.1 with debug off, as production does behind its proxy. Debug off marks the
cookies Secure, which a browser would not send over plain HTTP; this client sends them anyway, as the proxy's
HTTPS would carry them.
"""

import glob
import http.client
import json
import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery"  # the password tests.factories.UserFactory gives


def database_url(name):
    """DATABASE_URL's server (default: the local PostgreSQL) with the database `name`."""
    server = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    return urlunparse(server._replace(path=f"/{name}"))


def recreate_database(url, create=True):
    """Drop the database of `url` if it exists, then create it empty (unless `create` is false)."""
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"Refusing a database name that is not a plain identifier: {name!r}")
    admin = psycopg2.connect(
        host=parts.hostname or "127.0.0.1", port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password or None, dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            cursor.execute(f"CREATE DATABASE {name}")
    admin.close()


def drop_database(url):
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"Refusing a database name that is not a plain identifier: {name!r}")
    admin = psycopg2.connect(
        host=parts.hostname or "127.0.0.1", port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password or None, dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def start_s3():
    """A moto S3 server on 127.0.0.1 with a bucket anybody may read; returns (server, DJANGO_STORAGE_URL)."""
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    bucket = f"portal-{uuid.uuid4().hex[:8]}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1",
                          aws_access_key_id="bench", aws_secret_access_key="bench")  # noqa: S106
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*",
    }]}))
    return server, f"s3://{bucket}/media?endpoint_url={endpoint}&region=eu-central-1"


def portal_environment(**extra):
    """The environment of a production-like portal on 127.0.0.1 (debug off, a fresh secret key)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_STAFF_REQUIRE_2FA="0",
        DJANGO_MANIFEST_STATIC="0",  # no collectstatic needed: WhiteNoise serves the source folders
        DJANGO_LOG_LEVEL="WARNING",
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",  # noqa: S105 (moto's, accepted as any)
    )
    env.update(extra)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def migrate(env):
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True,
                   timeout=300)


def start_gunicorn(env, port, workers=2, log=None):
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log or subprocess.DEVNULL,  # noqa: S603
                            stderr=subprocess.STDOUT if log else subprocess.DEVNULL)


def wait_until_up(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            if Browser(f"http://127.0.0.1:{port}").get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn on port {port} did not answer /healthz within {seconds} s")


def stop(processes):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class Browser:
    """One visitor: cookies kept across requests (and across servers: `base` can change), forms posted with the CSRF
    token of the page they came from."""

    def __init__(self, base, timeout=30, headers=None):
        self.base, self.timeout, self.cookies, self.headers = base, timeout, {}, headers or {}

    def request(self, method, url, body=None, content_type=None):
        parts = urlparse(url if "://" in url else self.base + url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        headers = {"Host": f"{parts.hostname}:{parts.port}", **self.headers}
        if self.cookies:  # one site on 127.0.0.1: cookies are the host's, whatever the port (as in a browser)
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Origin"] = f"{parts.scheme}://{parts.netloc}"
            headers["Referer"] = f"{parts.scheme}://{parts.netloc}{parts.path}"
        try:
            connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers)
            raw = connection.getresponse()
            response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
        finally:
            connection.close()
        return response

    def get(self, url):
        return self.request("GET", url)

    def csrf(self, page):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def post(self, url, data, files=None, form_page=None):
        """POST `data` (and `files`: {field: (file name, bytes, content type)}) with the CSRF token of `form_page`
        (default: GET `url` first)."""
        page = form_page or self.get(url)
        data = {"csrfmiddlewaretoken": self.csrf(page), **data}
        if not files:
            return self.request("POST", url, urlencode(data).encode(), "application/x-www-form-urlencoded")
        boundary = uuid.uuid4().hex
        chunks = []
        for name, value in data.items():
            chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content, kind) in files.items():
            chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                          f"Content-Type: {kind}\r\n\r\n".encode() + content + b"\r\n")
        chunks.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", url, b"".join(chunks), f"multipart/form-data; boundary={boundary}")

    def sign_in(self, email, password=PASSWORD):
        return self.post("/accounts/login/", {"login": email, "password": password})


def fetch(url, timeout=30):
    """A file as anybody gets it (no cookies): status and body."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (our own 127.0.0.1 server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def image_sources(html):
    return [unescape(src) for src in re.findall(r'<img[^>]* src="([^"]+)"', html)]


class PrivatePostgres:
    """A throw-away PostgreSQL cluster of the script's own (initdb into a temporary folder, on a free port of
    127.0.0.1, trust authentication), which the script may stop and start as it likes without touching any other
    server. PostgreSQL refuses to run as root: under root the cluster belongs to the `postgres` system user, and its
    commands run as that user (runuser). `close()` stops it and removes the folder; call it in a `finally`."""

    def __init__(self, user="postgres"):
        self.bindir = self._bindir()
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="portal-private-pg-")
        self.data = os.path.join(self.folder, "data")
        self.logfile = os.path.join(self.folder, "postgres.log")
        self.as_user = []
        if os.geteuid() == 0:
            import pwd

            owner = pwd.getpwnam(user)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", user, "--"]
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self.start()

    @staticmethod
    def _bindir():
        candidates = []
        try:
            candidates.append(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                                             check=True).stdout.strip())
        except (OSError, subprocess.CalledProcessError):
            pass
        candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
        for folder in candidates:
            if all(os.access(os.path.join(folder, program), os.X_OK) for program in ("initdb", "pg_ctl")):
                return folder
        raise SystemExit("No PostgreSQL server programs (initdb, pg_ctl) found: install the PostgreSQL server.")

    def _run(self, program, *args, check=True):
        return subprocess.run([*self.as_user, os.path.join(self.bindir, program), *args], cwd=self.folder,  # noqa: S603
                              capture_output=True, text=True, check=check, timeout=120)

    def database_url(self, name):
        return urlunparse(urlparse(self.url)._replace(path=f"/{name}"))

    def start(self):
        options = f"-p {self.port} -h 127.0.0.1 -k {self.folder} -c fsync=on"
        self._run("pg_ctl", "-D", self.data, "-l", self.logfile, "-o", options, "-w", "-t", "60", "start")

    def stop(self, mode="fast"):
        """`fast` (what a restart of the service does): open sessions are ended at once, the server shuts down
        cleanly. `immediate`: as a crash."""
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop", check=False)

    def running(self):
        return self._run("pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def close(self):
        if os.path.isdir(self.data) and self.running():
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
