"""Two app servers, one database: what one gunicorn does, the other knows.

Usage: `make two-servers` (or `.venv/bin/python bench/two_servers.py [--database NAME]`). It starts two gunicorn
instances on 127.0.0.1 (debug off, a generated secret key) on one PostgreSQL database of their own (`--database`,
default `climate_portal_two_servers` on the server DATABASE_URL names; dropped and created anew, then migrated), one
Redis (REDIS_URL, default redis://127.0.0.1:6379/0) and S3 storage on a moto server the script starts, and checks:

- a visitor signed in on one server is signed in on the other (the session is in the database), and signing out on
  one signs out on both;
- the problem-report limit (5 an hour for a visitor) counts across both servers (the counter is in Redis);
- a logo uploaded through one server is shown by the other, and its URL in the bucket answers 200 with the file;
- a job queued by one is done once: password-reset e-mails asked for through A are delivered once each while the
  mail workers of A's and B's environments (`manage.py deliver_mail`, each with its own lock file, as on two
  machines) run at the same time, counted by an SMTP sink (aiosmtpd) the script starts.

It prints each check and exits 1 if any fails. It ends its processes on every way out, and gives up after
`--timeout` seconds (default 240).
"""

import argparse
import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="No directory at")

from bench import harness  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="climate_portal_two_servers")
    parser.add_argument("--timeout", type=int, default=240, help="seconds before the script gives up")
    args = parser.parse_args()

    def give_up(signum, frame):
        raise SystemExit(f"Gave up after {args.timeout} s.")

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(args.timeout)

    s3_server, storage_url = harness.start_s3()
    sink = SmtpSink()
    processes = []
    try:
        env = harness.portal_environment(
            DATABASE_URL=harness.database_url(args.database),
            REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            DJANGO_STORAGE_URL=storage_url,
        )
        print(f"Database {args.database}, Redis {env['REDIS_URL']}, storage {storage_url}", flush=True)
        harness.recreate_database(env["DATABASE_URL"])
        harness.migrate(env)
        os.environ.update(env)
        ports = harness.free_port(), harness.free_port()
        for port in ports:
            processes.append(harness.start_gunicorn(env, port))
        people = setup()
        for port, process in zip(ports, processes, strict=True):
            harness.wait_until_up(port, process)
        print(f"Two servers: http://127.0.0.1:{ports[0]} (A) and http://127.0.0.1:{ports[1]} (B)", flush=True)
        readers = people.pop("readers")
        results = run_checks(*(f"http://127.0.0.1:{port}" for port in ports), **people)
        results += check_mail_done_once(f"http://127.0.0.1:{ports[0]}", env, sink, readers)
    finally:
        signal.alarm(0)
        harness.stop(processes)
        s3_server.stop()
        sink.stop()
    failed = [name for name, ok, _detail in results if not ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def setup():
    """An owner of a verified company with a published practice, made straight in the database."""
    import django

    django.setup()
    from django.core.cache import cache

    from partnerships.models import Membership
    from tests.factories import MembershipFactory
    from tests.practices.factories import PublishedPracticeFactory

    membership = MembershipFactory(role=Membership.Role.OWNER, user__email="owner@example.com")
    owner, company = membership.user, membership.company
    practice = PublishedPracticeFactory(company=company, title="Dach zielony na hali")
    readers = [MembershipFactory(user__email=f"reader{n}@example.com").user for n in range(MAIL_JOBS)]
    # Counters an earlier run left in Redis.
    cache.delete_many([f"ratelimit:{scope}:127.0.0.1" for scope in ("practices:report", "practices:catalogue")])
    return {"owner": owner, "company": company, "practice": practice, "readers": readers}


def run_checks(a, b, owner, company, practice):
    from django.core.files.storage import default_storage

    from practices.models import ProblemReport
    from tests.factories import png_bytes

    results = []

    def check(name, ok, detail=""):
        results.append((name, bool(ok), detail))
        print(f"{'ok  ' if ok else 'FAIL'} {name}{f' ({detail})' if detail else ''}", flush=True)

    # 1. The session: signed in on A, signed in on B; signed out on B, signed out on A.
    visitor = harness.Browser(a)
    signed_in = visitor.sign_in(owner.email)
    check("sign in on A", signed_in.status == 302 and "/company/" in signed_in.location,
          f"{signed_in.status} → {signed_in.location}")
    dashboard = visitor.get(f"{b}/company/")
    check("the dashboard on B knows the visitor signed in on A",
          dashboard.status == 200 and company.name in dashboard.text, f"{dashboard.status}")
    visitor.post(f"{b}/accounts/logout/", {}, form_page=visitor.get(f"{b}/accounts/logout/"))
    after = visitor.get(f"{a}/company/")
    check("signed out on B, signed out on A", after.status == 302 and "/accounts/login/" in after.location,
          f"{after.status} → {after.location}")

    # 2. The rate limit: five reports a visitor an hour, counted across both servers.
    reporter = harness.Browser(a)
    page = practice.get_absolute_url()
    statuses = []
    for i in range(7):
        server = (a, b)[i % 2]
        response = reporter.post(f"{server}{page}report/", {"message": f"Zgłoszenie {i}", "email": "", "website": ""},
                                 form_page=reporter.get(f"{server}{page}"))
        statuses.append(response.status)
    stored = ProblemReport.objects.filter(practice=practice).count()
    check("seven reports sent to A and B in turn: five stored, the rest refused by the shared limit", stored == 5,
          f"stored {stored}, answers {statuses}")

    # 3. The storage: a logo uploaded through A is shown by B, from the bucket.
    editor = harness.Browser(a)
    editor.sign_in(owner.email)
    logo = png_bytes((640, 320), colour=(30, 140, 70))
    fields = {name: getattr(company, name) for name in
              ("name", "regon", "krs", "sector", "size", "street", "postal_code", "city", "district", "website",
               "description")}
    saved = editor.post(f"{a}/company/edit/", fields, files={"logo": ("logo.png", logo, "image/png")})
    check("a logo uploaded through A", saved.status == 302, f"{saved.status}")
    # A verified company's new logo waits for staff (CompanyRevision); a moderator accepts it, as in the admin.
    revision = company.revisions.open().first()
    check("the new logo waits for staff's review", revision is not None and revision.changes_logo, f"{revision}")
    if revision is not None:
        revision.transition("approve", by=_moderator())
    company.refresh_from_db()
    stored_ok = bool(company.logo) and default_storage.exists(company.logo.name)
    check("the logo and its thumbnail are in the bucket",
          stored_ok and default_storage.exists(company.logo_thumbnail.name), company.logo.name)
    partner_page = harness.Browser(b).get(f"{b}{company.get_absolute_url()}")
    sources = [src for src in harness.image_sources(partner_page.text) if "/logos/" in src]
    if sources:
        status, body = harness.fetch(sources[0])
        with default_storage.open(company.logo.name, "rb") as file:
            same = body == file.read()
        check("B's partner page shows the logo's URL in the bucket, which answers 200 with the file",
              status == 200 and same, f"{sources[0]} → {status}")
    else:
        check("B's partner page shows the logo", False, f"{partner_page.status}, no logo in the page")
    started = time.perf_counter()
    thumbnails = [src for src in harness.image_sources(editor.get(f"{b}/company/").text) if "/thumbs/" in src]
    status = harness.fetch(thumbnails[0])[0] if thumbnails else None
    check("B's dashboard shows the thumbnail, which answers 200", status == 200,
          f"{thumbnails[:1]} → {status} in {(time.perf_counter() - started) * 1000:.0f} ms")
    return results


def _moderator():
    from partnerships.review.permissions import MODERATORS_GROUP
    from tests.factories import StaffFactory

    staff = StaffFactory(email="moderator@example.com")
    assert staff.groups.filter(name=MODERATORS_GROUP).exists(), "StaffFactory puts staff in the Moderators group"
    return staff


MAIL_JOBS = 12  # password resets asked for through A: more than one worker claims at a time (10), under allauth's 20/m


class SmtpSink:
    """An SMTP server on 127.0.0.1 that takes its time (50 ms a message, so that the workers overlap) and writes down
    each message it receives: (envelope recipients, subject)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received, self.lock = [], threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                await asyncio.sleep(0.05)
                subject = re.search(rb"^Subject: (.*)$", envelope.content, re.MULTILINE)
                with sink.lock:
                    sink.received.append((tuple(envelope.rcpt_tos), subject.group(1).decode() if subject else ""))
                return "250 OK"

        self.port = harness.free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()


def check_mail_done_once(a, env, sink, readers):
    """Password resets asked for through A, then the workers of A and B started at the same moment."""
    from post_office.models import STATUS, Email

    results = []

    def check(name, ok, detail=""):
        results.append((name, bool(ok), detail))
        print(f"{'ok  ' if ok else 'FAIL'} {name}{f' ({detail})' if detail else ''}", flush=True)

    Email.objects.all().delete()  # only what this check queues
    visitor = harness.Browser(a)
    statuses = [visitor.post(f"{a}/accounts/password/reset/", {"email": reader.email}).status for reader in readers]
    queued = Email.objects.filter(status=STATUS.queued).count()
    check(f"{len(readers)} password resets asked for through A, each queued", queued == len(readers),
          f"answers {sorted(set(statuses))}, {queued} queued")

    workers = []
    with tempfile.TemporaryDirectory() as machines:
        for machine in ("A", "B"):
            os.mkdir(os.path.join(machines, machine))
            worker_env = {**env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink.port), "EMAIL_USE_TLS": "0",
                          "DJANGO_LOG_LEVEL": "INFO",
                          "PORTAL_MAIL_LOCK_FILE": os.path.join(machines, machine, "mail-queue")}
            workers.append(subprocess.Popen([sys.executable, "manage.py", "deliver_mail"], cwd=ROOT, env=worker_env,
                                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        outputs = [worker.communicate(timeout=120)[0] for worker in workers]
    sent_by = [sum(int(n) for n in re.findall(r"Mail queue: (\d+) sent", output)) for output in outputs]
    check("the workers of A and B ran at the same time, each with its own lock file",
          all(worker.returncode == 0 for worker in workers) and "nothing done" not in "".join(outputs),
          f"exit codes {[worker.returncode for worker in workers]}, sent by A's {sent_by[0]}, by B's {sent_by[1]}")
    per_address = {reader.email: sum(reader.email in rcpt for rcpt, _subject in sink.received) for reader in readers}
    check("a job queued by one is done once: each e-mail reached the SMTP server once",
          len(sink.received) == len(readers) and set(per_address.values()) == {1},
          f"{len(sink.received)} received for {len(readers)} queued; "
          f"per address {sorted(set(per_address.values()))}")
    left = Email.objects.exclude(status=STATUS.sent).count()
    check("every queued e-mail is marked sent", left == 0 and Email.objects.count() == len(readers), f"{left} not sent")
    return results


if __name__ == "__main__":
    sys.exit(main())
