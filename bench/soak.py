"""A soak test: many company members using the portal at once for a while, against gunicorn on PostgreSQL.

Usage: `make soak` (or `.venv/bin/python bench/soak.py [--users 50] [--duration 120] [--database NAME]`). The
database (`climate_portal_soak` on the server DATABASE_URL names) is dropped and created anew and migrated; each
simulated user owns a verified company made straight in the database (signing up needs the mail flow) and signs in
through the login page (arriving over `--ramp-up` seconds; the load's `--duration` begins once all are signed
in). Then, until the time is up, each one does in
turn one thing that writes (applies to a cooperation form, joins a city initiative, lets a newcomer sign up from
the same address, asks for a password reset, submits a good practice) and then browses three pages.

Every user speaks through the one proxy the portal trusts (DJANGO_BEHIND_PROXY=1) with an address of its own in
X-Forwarded-For, as visitors do in production, so that the per-address sign-in limit counts each of them.

It prints the requests made, the answers by status, the server errors (5xx: must be 0), requests left without an
answer for 60 seconds, users whose sign-in failed, and checks that every submission the portal acknowledged (a
redirect to the page of what was saved) is in the database. It exits 1 if any of those is not nil.

Sign-ups (a confirmation e-mail each), password resets and applications (announced to two moderators) queue
e-mails; the database must hold every acknowledged sign-up too. A visitor given a 503 waits a second before the
next click, and tries to sign in again.

Two failures can be staged in the middle of the run (`make soak-failures` runs both, one after the other):

--restart-db      The portal runs on a PostgreSQL cluster of the script's own (initdb into a temporary folder, a free
                  port; never the shared server), which is stopped (`pg_ctl stop -m fast`, as a restart of the service
                  does: open connections are cut, mid-request ones too) for `--down` seconds (default 10) and started
                  again. It prints the answers 500 and 503 apart (500 must be 0; 503 only while the database is
                  away), the seconds down, whether the requests after the restart succeed, and the lines of gunicorn's
                  log: tracebacks (must be 0) and outage notices (one per worker and outage).
--stop-mail SECS  An SMTP server of the script's own (aiosmtpd) records every message the mail workers
                  (`manage.py deliver_mail --every 2`, two of them, as on two servers) deliver; it is stopped for SECS
                  seconds in the middle and started again. After the load the script waits until the queue is empty
                  and checks that each queued e-mail (matched by its Message-ID, given once when it is queued) arrived
                  exactly once: it prints queued, delivered, duplicates and missing (both must be 0) and the seconds
                  the queue took to drain after the server came back. The workers retry a failed message after
                  PORTAL_MAIL_RETRY_MINUTES (1 here, 5 by default), the waits doubling: a message waits at most about
                  the outage's length plus that interval after the server is back.
"""

import argparse
import collections
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="No directory at")

from bench import harness  # noqa: E402

PRACTICE = {
    "summary": "Wymieniliśmy oświetlenie.", "body": "Nowe lampy zużywają mniej prądu.",
    "category": "energy_efficiency", "year_started": "2023", "place": "Hala B", "district": "14",
    "what_was_done": "", "results": "", "challenges": "", "links": "", "co2_tonnes_per_year": "12.5",
    "mwh_saved": "", "trees_planted": "", "people_involved": "", "consent": "on",
    "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
    "photos-MAX_NUM_FORMS": "10",
}
COOPERATION_FORMS = 5
MODERATORS = ("moderator0@example.com", "moderator1@example.com")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", "--seconds", type=float, default=120, help="seconds of load")
    parser.add_argument("--database", default="climate_portal_soak")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--keep-log", type=Path, metavar="FILE", help="copy gunicorn's log to FILE at the end")
    parser.add_argument("--ramp-up", type=float, default=30,
                        help="seconds over which the users arrive and sign in, before the load begins")
    parser.add_argument("--restart-db", action="store_true",
                        help="run on a PostgreSQL cluster of the script's own and restart it in the middle")
    parser.add_argument("--down", type=float, default=10, help="seconds the database stays stopped (--restart-db)")
    parser.add_argument("--stop-mail", type=float, metavar="SECONDS",
                        help="deliver to an SMTP server of the script's own, stopped SECONDS in the middle")
    parser.add_argument("--drain-timeout", type=float, default=600,
                        help="seconds to wait for the mail queue to empty after the load (--stop-mail)")
    args = parser.parse_args()

    # Ctrl-C or a kill ends the run through the finally clauses below, which stop every process and cluster.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"Stopped by signal {signum}."))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background of a script
    work = tempfile.TemporaryDirectory(prefix="portal-soak-")
    cluster = sink = None
    processes, workers = [], []
    log_path = Path(work.name) / "gunicorn.log"
    try:
        if args.restart_db:
            cluster = harness.PrivatePostgres()
            database_url = cluster.database_url(args.database)
        else:
            database_url = harness.database_url(args.database)
        env = harness.portal_environment(
            DATABASE_URL=database_url,
            DJANGO_BEHIND_PROXY="1",
            DJANGO_MEDIA_ROOT=str(Path(work.name) / "media"),
        )
        env.pop("DJANGO_STORAGE_URL", None)
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        print(f"Database {args.database}{' on a private cluster' if cluster else ''}, "
              f"cache {env.get('REDIS_URL') or 'the database'}, {args.users} users, {args.duration:g} s", flush=True)
        harness.recreate_database(env["DATABASE_URL"])
        harness.migrate(env)
        os.environ.update(env)
        port = harness.free_port()
        log = open(log_path, "wb")  # noqa: SIM115 - closed below
        processes.append(harness.start_gunicorn(env, port, workers=args.workers, log=log))
        world = setup(args.users)
        harness.wait_until_up(port, processes[0])
        if args.stop_mail is not None:
            sink = SmtpSink()
            workers = start_mail_workers(env, sink.port, Path(work.name))
        stats = Stats()
        # The users sign in first (a password check is the slowest request there is), arriving over --ramp-up
        # seconds; the --duration seconds of load, and the failure in their middle, start once all of them are in.
        clock = {}

        def start_the_clock():
            clock["started"] = time.monotonic()
            clock["deadline"] = clock["started"] + args.duration
            print(f"{clock['started'] - warm_up:.0f} s to sign the users in; {args.duration:g} s of load begin",
                  flush=True)

        everyone_in = threading.Barrier(len(world["emails"]) + 1, action=start_the_clock)
        threads = [
            threading.Thread(target=simulate, daemon=True,  # a Ctrl-C does not wait for them
                             args=(f"http://127.0.0.1:{port}", i, email, world, clock, everyone_in, stats,
                                   args.ramp_up))
            for i, email in enumerate(world["emails"])
        ]
        warm_up = time.monotonic()
        for thread in threads:
            thread.start()
        everyone_in.wait(timeout=args.ramp_up + 600)
        if cluster:
            threads.append(threading.Thread(target=restart_database, daemon=True,
                                            args=(cluster, clock["started"], args, stats)))
            threads[-1].start()
        if sink:
            threads.append(threading.Thread(target=stop_mail, daemon=True,
                                            args=(sink, clock["started"], args, stats)))
            threads[-1].start()
        for thread in threads:
            thread.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - clock["started"]
        drained = wait_for_the_queue(args.drain_timeout, stats) if sink else None
        harness.stop(processes)
        log.close()
        return report(stats, elapsed, log_path, sink, drained)
    finally:
        harness.stop(workers + processes)
        if args.keep_log and log_path.exists():
            shutil.copyfile(log_path, args.keep_log)
        if sink:
            sink.stop()
        if cluster:
            cluster.close()
        work.cleanup()


def setup(users):
    import django

    django.setup()
    from partnerships.models import Membership
    from practices.models import GoodPractice
    from tests.cooperation.factories import CooperationFormFactory
    from tests.factories import MembershipFactory, StaffFactory
    from tests.initiatives.factories import InitiativeFactory
    from tests.practices.factories import PublishedPracticeFactory

    emails = []
    for i in range(users):
        membership = MembershipFactory(role=Membership.Role.OWNER, user__email=f"soak{i}@example.com")
        emails.append(membership.user.email)
        if i < 20:
            PublishedPracticeFactory(company=membership.company, title=f"Opublikowana praktyka {i}")
    forms = [CooperationFormFactory(slug=f"soak-forma-{i}").slug for i in range(COOPERATION_FORMS)]
    initiatives = [InitiativeFactory(capacity=100_000).slug for _ in range(5)]
    practices = [practice.get_absolute_url() for practice in GoodPractice.objects.all()]
    for address in MODERATORS:  # the Moderators group hears of each application submitted
        StaffFactory(email=address)
    # Addresses of a network of this run's own, so that sign-in counters an earlier run left in REDIS_URL don't count.
    network = random.randrange(1, 255)
    return {"network": network, "emails": emails, "forms": forms, "initiatives": initiatives, "practices": practices}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.answers = []  # (time.monotonic() the request was sent, and answered; status or "no answer")
        self.errors = []  # (method, url, status or exception)
        self.acknowledged = collections.defaultdict(list)  # kind -> [(email, what)]
        self.refused = collections.Counter()
        self.not_signed_in = []  # (email, status)
        self.outages = {}  # "database" / "mail" -> (stopped at, back at), time.monotonic()

    def record(self, method, url, response, sent_at):
        with self.lock:
            self.statuses[response.status] += 1
            self.answers.append((sent_at, time.monotonic(), response.status))
            if response.status >= 500:
                self.errors.append((method, url, response.status))

    def failure(self, method, url, error, sent_at):
        with self.lock:
            self.statuses["no answer"] += 1
            self.answers.append((sent_at, time.monotonic(), "no answer"))
            self.errors.append((method, url, repr(error)))


def simulate(base, i, email, world, clock, everyone_in, stats, ramp_up):
    address = f"10.{world['network']}.{i // 250}.{i % 250 + 1}"
    visitor = harness.Browser(base, timeout=60, headers={"X-Forwarded-For": address})
    rng = random.Random(i)
    time.sleep(i * ramp_up / max(1, len(world["emails"])))  # arrivals spread out, not 50 password checks at once

    def call(method, url, data=None, form_url=None, by=visitor):
        if method == "POST":
            form_page = call("GET", form_url or url, by=by)
            if form_page.status != 200:
                return form_page  # no form to send (a 503 while the database is away): not sent
        sent_at = time.monotonic()
        try:
            response = by.get(url) if method == "GET" else by.post(url, data, form_page=form_page)
        except OSError as error:
            stats.failure(method, url, error, sent_at)
            return harness.Response(0, {}, b"")
        stats.record(method, url, response, sent_at)
        if response.status == 503:
            time.sleep(1)  # "back in a moment": the visitor waits a little before the next click
        return response

    signed_in = call("POST", "/accounts/login/", {"login": email, "password": harness.PASSWORD})
    for _attempt in range(30):  # the database is away: try again
        if signed_in.status != 503:
            break
        signed_in = call("POST", "/accounts/login/", {"login": email, "password": harness.PASSWORD})
    everyone_in.wait()
    if signed_in.status != 302:
        with stats.lock:
            stats.not_signed_in.append((email, signed_in.status))
        return
    deadline = clock["deadline"]
    n = rng.randrange(5)  # where in the round of actions this user begins: not all 50 sign up in the same second
    forms = list(world["forms"])
    rng.shuffle(forms)
    initiatives = list(world["initiatives"])
    rng.shuffle(initiatives)
    while time.monotonic() < deadline:
        n += 1
        action = n % 5
        if action == 0:
            title = f"Praktyka {email} nr {n}"
            response = call("POST", "/practices/new/", {**PRACTICE, "title": title})
            _acknowledge(stats, "practice", email, title, response, r"^/practices/edit/\d+/$")
        elif action == 1 and forms:
            slug = forms.pop()
            data = {"topic": f"Warsztaty {n}", "details": "Dla 20 osób.", "submit": ""}
            response = call("POST", f"/cooperation/{slug}/apply/", data)
            match = _acknowledge(stats, "application", email, slug, response, r"^/cooperation/applications/(\d+)/$")
            if match:
                call("GET", response.location)
            elif response.status == 503:
                forms.append(slug)  # not sent: again in a later round
        elif action == 2 and initiatives:
            slug = initiatives.pop()
            data = {"participants": "2", "contact_name": "Anna Nowak", "contact_email": email, "contact_phone": ""}
            response = call("POST", f"/initiatives/{slug}/participate/", data, form_url=f"/initiatives/{slug}/")
            if not _acknowledge(stats, "participation", email, slug, response, rf"^/initiatives/{re.escape(slug)}/$"):
                if response.status == 503:
                    initiatives.append(slug)
        elif action == 3:
            # A newcomer from the same address signs up (allauth's confirmation e-mail).
            newcomer = f"nowy{world['network']}-{i}-{n}@example.com"
            anonymous = harness.Browser(base, timeout=60, headers={"X-Forwarded-For": address})
            data = {"email": newcomer, "password1": harness.PASSWORD, "password2": harness.PASSWORD,
                    "privacy_consent": "on"}
            response = call("POST", "/accounts/signup/", data, by=anonymous)
            _acknowledge(stats, "sign-up", newcomer, newcomer, response, r"^/accounts/confirm-email/$")
        elif action == 4:
            anonymous = harness.Browser(base, timeout=60, headers={"X-Forwarded-For": address})
            response = call("POST", "/accounts/password/reset/", {"email": email}, by=anonymous)
            _acknowledge(stats, "password reset", email, email, response, r"^/accounts/password/reset/done/$")
        # Then the visitor looks around: three of the public pages or the company's dashboard.
        for url in rng.sample(["/", "/practices/", rng.choice(world["practices"]), "/initiatives/", "/partners/",
                               "/cooperation/", "/company/"], 3):
            call("GET", url)


def _acknowledge(stats, kind, email, what, response, success):
    match = response.status == 302 and re.match(success, response.location)
    with stats.lock:
        if match:
            stats.acknowledged[kind].append((email, what))
        else:
            stats.refused[(kind, response.status)] += 1
    return match


def restart_database(cluster, started, args, stats):
    """In the middle of the run: the database stopped as a restart of the service stops it, `--down` s, started."""
    time.sleep(max(0.0, started + (args.duration - args.down) / 2 - time.monotonic()))
    stopped_at = time.monotonic()
    print(f"{stopped_at - started:.0f} s: stopping PostgreSQL (pg_ctl stop -m fast)", flush=True)
    cluster.stop("fast")
    time.sleep(max(0.0, stopped_at + args.down - time.monotonic()))
    cluster.start()
    back_at = time.monotonic()
    print(f"{back_at - started:.0f} s: PostgreSQL started again", flush=True)
    stats.outages["database"] = (stopped_at, back_at)


def stop_mail(sink, started, args, stats):
    time.sleep(max(0.0, started + (args.duration - args.stop_mail) / 2 - time.monotonic()))
    stopped_at = time.monotonic()
    print(f"{stopped_at - started:.0f} s: stopping the SMTP server ({len(sink.received)} messages received so far)",
          flush=True)
    sink.stop()
    time.sleep(max(0.0, stopped_at + args.stop_mail - time.monotonic()))
    sink.start()
    back_at = time.monotonic()
    print(f"{back_at - started:.0f} s: the SMTP server is back", flush=True)
    stats.outages["mail"] = (stopped_at, back_at)


class SmtpSink:
    """An SMTP server on 127.0.0.1 (aiosmtpd) that writes down every message it accepts: (Message-ID, envelope
    recipients, subject). `stop()` and `start()` take it away and bring it back on the same port."""

    def __init__(self):
        self.received, self.lock = [], threading.Lock()
        self.port = harness.free_port()
        self.controller = None
        self.start()

    def start(self):
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                message = message_from_bytes(envelope.content)
                with sink.lock:
                    sink.received.append((message["Message-ID"], tuple(envelope.rcpt_tos), message["Subject"]))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def start_mail_workers(env, smtp_port, folder, count=2):
    """`count` mail workers, each with a lock file of its own as on `count` machines, delivering to the sink."""
    workers = []
    for n in range(count):
        worker_env = {**env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port), "EMAIL_USE_TLS": "0",
                      "EMAIL_TIMEOUT": "5", "PORTAL_MAIL_RETRY_MINUTES": "1",
                      "PORTAL_MAIL_LOCK_FILE": str(folder / f"mail-queue-{n}")}
        log = open(folder / f"mail-worker-{n}.log", "wb")  # noqa: SIM115 - the child keeps it; closed at exit
        workers.append(subprocess.Popen([sys.executable, "manage.py", "deliver_mail", "--every", "2"],  # noqa: S603
                                        cwd=harness.ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT))
        log.close()
    return workers


def wait_for_the_queue(timeout, stats):
    """Wait until no e-mail is waiting for a (further) try; return the seconds it took after the SMTP server came
    back, or None if the queue was not empty after `timeout` seconds."""
    from django.db import connections
    from post_office.models import STATUS, Email

    connections.close_all()
    deadline = time.monotonic() + timeout
    print("waiting for the mail queue to drain…", flush=True)
    while Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).exists():
        if time.monotonic() > deadline:
            return None
        time.sleep(1)
    return time.monotonic() - stats.outages["mail"][1]


def report(stats, elapsed, log_path, sink, drained):
    from django.db import connections

    connections.close_all()  # the restarted database cut this process's connection too
    total = sum(stats.statuses.values())
    server_errors = sum(count for status, count in stats.statuses.items() if status != "no answer" and status >= 500)
    errors_500 = stats.statuses[500]
    errors_503 = stats.statuses[503]
    other_5xx = server_errors - errors_500 - errors_503
    unanswered = stats.statuses["no answer"]
    print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f} a second)")
    latencies = sorted(answered - sent for sent, answered, status in stats.answers if status != "no answer")
    if latencies:
        print(f"time to answer: median {latencies[len(latencies) // 2]:.2f} s, 95th percentile "
              f"{latencies[int(len(latencies) * 0.95)]:.2f} s, longest {latencies[-1]:.2f} s")
    print("answers: " + ", ".join(f"{status}: {count}" for status, count in sorted(stats.statuses.items(), key=str)))
    print(f"server errors (5xx): {server_errors} (500: {errors_500}, 503: {errors_503}, other: {other_5xx}); "
          f"no answer within 60 s: {unanswered}; users not signed in: {len(stats.not_signed_in)} "
          f"{stats.not_signed_in[:5]}")
    for method, url, what in [error for error in stats.errors if error[2] != 503][:10]:
        print(f"  {method} {url}: {what}")
    if stats.refused:
        print("not acknowledged: " + ", ".join(f"{kind} {status}: {n}" for (kind, status), n in stats.refused.items()))
    failures = []
    if not total:
        failures.append("no request made")
    if errors_500 or other_5xx:
        failures.append("server errors")
    if unanswered:
        failures.append("requests without an answer within 60 s")
    if stats.not_signed_in:
        failures.append("users not signed in")

    log = log_path.read_text(errors="replace")
    tracebacks = log.count("Traceback (most recent call last)")
    outage_lines = log.count("The database is unreachable")
    if "database" in stats.outages:
        stopped_at, back_at = stats.outages["database"]
        # A request meets the outage if it was under way at some moment between the stop and the start.
        during = [status for sent, answered, status in stats.answers if answered >= stopped_at and sent < back_at]
        outside = sum(1 for sent, answered, status in stats.answers
                      if status == 503 and not (answered >= stopped_at and sent < back_at))
        after = [status for sent, _answered, status in stats.answers if sent >= back_at]
        failed_after = sum(1 for status in after if status == "no answer" or status >= 500)
        print(f"database down {back_at - stopped_at:.1f} s: {len(during)} requests under way meanwhile, "
              f"{during.count(503)} answered 503, {during.count(500)} answered 500; 503 outside the outage: "
              f"{outside}")
        print(f"after the restart: {len(after)} requests, {failed_after} of them failed")
        if outside:
            failures.append("503 outside the outage")
        if not after or failed_after:
            failures.append("the portal did not recover after the restart")
    elif errors_503:
        failures.append("503 without an outage")
    print(f"gunicorn's log: {tracebacks} traceback(s), {outage_lines} outage line(s), {len(log.splitlines())} "
          f"lines in all")
    if tracebacks:
        failures.append("tracebacks in gunicorn's log")

    missing = missing_writes(stats.acknowledged)
    for kind in ("practice", "application", "participation", "sign-up", "password reset"):
        print(f"{kind}s acknowledged: {len(stats.acknowledged[kind])}")
    print(f"acknowledged but missing from the database: {len(missing)}")
    for item in missing[:10]:
        print("  ", *item)
    if missing:
        failures.append("acknowledged writes missing")

    if sink is not None:
        failures += report_mail(stats, sink, drained)

    if failures or server_errors - errors_503:
        print("the end of gunicorn's log:")
        print(log[-4000:])
    print(f"\nsoak: {'ok' if not failures else 'FAILED: ' + '; '.join(failures)}")
    return 0 if not failures else 1


def missing_writes(acknowledged):
    """What the portal acknowledged and the database does not have: [(kind, e-mail, what)]."""
    from django.contrib.auth import get_user_model

    from initiatives.models import Participation
    from partnerships.cooperation.models import Application
    from practices.models import GoodPractice

    missing = []
    for email, title in acknowledged["practice"]:
        if not GoodPractice.objects.filter(title=title, author__email=email).exists():
            missing.append(("practice", email, title))
    for email, slug in acknowledged["application"]:
        if not Application.objects.filter(form__slug=slug, company__memberships__user__email=email).exists():
            missing.append(("application", email, slug))
    for email, slug in acknowledged["participation"]:
        if not Participation.objects.filter(initiative__slug=slug, company__memberships__user__email=email).exists():
            missing.append(("participation", email, slug))
    for email, _email in acknowledged["sign-up"]:
        if not get_user_model().objects.filter(email=email).exists():
            missing.append(("sign-up", email, ""))
    return missing


def report_mail(stats, sink, drained):
    from post_office.models import STATUS, Email

    stopped_at, back_at = stats.outages["mail"]
    queued = dict(Email.objects.values_list("message_id", "status"))
    with sink.lock:
        arrived = collections.Counter(message_id for message_id, _rcpt, _subject in sink.received)
    duplicates = sum(count - 1 for message_id, count in arrived.items() if count > 1)
    missing = [message_id for message_id in queued if not arrived[message_id]]
    unknown = [message_id for message_id in arrived if message_id not in queued]
    statuses = collections.Counter(status for status in queued.values())
    retried = Email.objects.filter(logs__status=STATUS.failed).distinct().count()
    # Each acknowledged action queued its e-mails: a confirmation for each sign-up, a link for each password reset,
    # a message to each moderator for each application submitted.
    to = collections.Counter(address for addresses in Email.objects.values_list("to", flat=True)
                             for address in addresses)
    expected = collections.Counter()
    for kind in ("sign-up", "password reset"):
        expected.update(address for address, _what in stats.acknowledged[kind])
    expected.update({address: len(stats.acknowledged["application"]) for address in MODERATORS})
    unannounced = sum(max(0, count - to[address]) for address, count in expected.items())
    print(f"SMTP server stopped {back_at - stopped_at:.0f} s; e-mails queued: {len(queued)}, delivered: "
          f"{sum(arrived.values())}, duplicates: {duplicates}, missing: {len(missing)}, not from the queue: "
          f"{len(unknown)}; tried again after a failure: {retried}; acknowledged actions whose e-mail is not in "
          f"the queue: {unannounced}; by status in the queue: "
          + ", ".join(f"{STATUS._fields[status]}: {count}" for status, count in sorted(statuses.items())))
    print("the queue drained " + (f"{drained:.0f} s after the SMTP server came back" if drained is not None
                                  else "NOT within --drain-timeout"))
    failures = []
    if unannounced:
        failures.append("acknowledged actions without their e-mail")
    if None in queued:
        failures.append("queued e-mails without a Message-ID")
    if duplicates or missing or unknown or drained is None or not queued:
        failures.append("e-mails not delivered exactly once")
    if not retried:
        failures.append("no delivery failed while the SMTP server was away: the outage proved nothing")
    return failures


if __name__ == "__main__":
    sys.exit(main())
