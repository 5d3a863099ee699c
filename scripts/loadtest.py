"""Load and faults: gunicorn on PostgreSQL with an archive, 50 clients for 60 s, then a
PostgreSQL restart in the middle of a second run. Prints figures for docs/benchmarks.md.

    scripts/loadtest.sh                    # the whole thing (prepare, load, restart)
    scripts/loadtest.sh --skip-prepare     # reuse the database prepared last time

Only ever talks to 127.0.0.1. Every wait is bounded in count and time.

The archive: ``manage.py generate_archive --scale 1`` when the search app provides it, else
the demo plus ``bulk_archive()`` below. The write step is pluggable: ``WRITE_STEPS`` lists
candidates in order of preference; the first whose URL resolves is used. Each write carries a
unique marker so the script can count, afterwards, what the clients sent against what the
database holds.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import serve

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else
PYTHON = str(ROOT / ".venv" / "bin" / "python")
MARKER = "LOADTEST"


def log(*args) -> None:
    print("[loadtest]", *args, flush=True)


# ---------------------------------------------------------------- environment


def server_env(args) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "loadtest-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "GUNICORN_BIND": f"{HOST}:{args.port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_ACCESS_LOG": "",  # 50 clients x 60 s would flood the terminal
        "AXES_FAILURE_LIMIT": "5",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(Path(tempfile.gettempdir()) / "minutes-loadtest-var"),
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "minutes-loadtest-static"),
    }


def django_setup(args) -> None:
    os.environ.update({k: v for k, v in server_env(args).items() if k != "DEBUG"})
    os.environ["DEBUG"] = "true"  # for the preparation only: no HTTPS settings needed
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def manage(args, *command: str, timeout: int = 1800) -> None:
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env={**server_env(args), "DEBUG": "true"},
        check=True,
        timeout=timeout,
    )


# ---------------------------------------------------------------- the archive


def prepare_database(args) -> None:
    dbname = args.database_url.rsplit("/", 1)[-1]
    admin_url = args.database_url.rsplit("/", 1)[0] + "/postgres"
    log(f"recreating database {dbname}")
    for sql in (f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)', f'CREATE DATABASE "{dbname}"'):
        subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True, timeout=120)  # noqa: S603,S607
    # What the cache kept was read from the database just dropped.
    shutil.rmtree(Path(server_env(args)["VAR_DIR"]) / "cache", ignore_errors=True)
    manage(args, "migrate", "--noinput", "-v", "0")
    subprocess.run(  # noqa: S603 - with DEBUG off, as served: hashed names and a manifest
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=server_env(args),
        check=True,
        timeout=300,
    )
    manage(args, "load_demo")
    django_setup(args)
    from django.core.management import get_commands

    if "generate_archive" in get_commands():
        log("generate_archive --scale 1")
        manage(args, "generate_archive", "--scale", "1")
    else:
        log("no generate_archive command yet: bulk_archive() instead")
        bulk_archive(meetings=args.meetings)


def bulk_archive(*, meetings: int) -> None:
    """Years of plausible meetings, bulk-inserted (no history rows: they are not read here)."""
    from django.db import transaction

    from minutes.models import ActionPoint, ActionUpdate, AgendaItem, Decision, Meeting
    from participants.models import Body, BodyTimeZone, Organization

    rng = random.Random(7)  # the same archive every time
    words = [
        "principals",
        "network",
        "migration",
        "regional",
        "review",
        "coordination",
        "framework",
        "members",
        "report",
        "labour",
        "mobility",
        "pathways",
        "protection",
        "funding",
        "strategy",
        "data",
        "returns",
        "reintegration",
        "climate",
        "displacement",
        "partners",
        "capacity",
        "development",
        "forum",
    ]

    def text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."

    with transaction.atomic():
        body, _ = Body.objects.get_or_create(
            slug="archive-committee",
            defaults={"name": "Archive Working Group", "short_name": "ARCH"},
        )
        BodyTimeZone.objects.get_or_create(
            body=body, position=0, defaults={"zone": "America/New_York", "label": "NY time"}
        )
        orgs = list(Organization.objects.all()[:12])
        start = datetime.datetime(2014, 1, 15, 10, 0, tzinfo=datetime.UTC)
        made = Meeting.objects.bulk_create(
            Meeting(
                body=body,
                title=f"Archive Working Group meeting {i + 1}",
                start=start + datetime.timedelta(days=21 * i),
                end=start + datetime.timedelta(days=21 * i, minutes=90),
                status=Meeting.Status.APPROVED,
                circulated_at=start + datetime.timedelta(days=21 * i + 2),
                review_deadline=start + datetime.timedelta(days=21 * i + 9),
                approved_at=start + datetime.timedelta(days=21 * i + 9),
                approval_method=Meeting.ApprovalMethod.SILENCE,
                opening_remarks=text(60),
            )
            for i in range(meetings)
        )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(meeting=m, position=p + 1, title=text(6), discussion=text(160))
            for m in made
            for p in range(6)
        )
        decisions = Decision.objects.bulk_create(
            Decision(
                agenda_item=item,
                position=k,
                text=text(30),
                kind=rng.choice(["endorsed", "agreed", "noted", "welcomed"]),
                reference=f"ARCH/{item.meeting.start:%Y/%m}/D{item.pk}-{k}",
            )
            for item in items
            for k in range(1 + item.pk % 2)
        )
        actions = []
        for item in items:
            for k in range(item.pk % 2 + 1):
                status = rng.choice(["open", "in_progress", "done", "open"])
                actions.append(
                    ActionPoint(
                        agenda_item=item,
                        text=text(20),
                        reference=f"ARCH/{item.meeting.start:%Y/%m}/A{item.pk}-{k}",
                        status=status,
                        closed_at=item.meeting.start + datetime.timedelta(days=40)
                        if status == "done"
                        else None,
                        due_date=(item.meeting.start + datetime.timedelta(days=60)).date(),
                        due_precision="day",
                    )
                )
        actions = ActionPoint.objects.bulk_create(actions)
        ActionUpdate.objects.bulk_create(
            ActionUpdate(action=a, text=text(25)) for a in actions for _ in range(2)
        )
        through = ActionPoint.owner_organizations.through
        if orgs:
            through.objects.bulk_create(
                through(actionpoint=a, organization=rng.choice(orgs)) for a in actions
            )
    log(
        f"archive: {len(made)} meetings, {len(items)} items, {len(decisions)} decisions,"
        f" {len(actions)} actions"
    )


# ---------------------------------------------------------------- sessions and the plan


@dataclass
class WriteStep:
    """POSTs the clients make. Each body holds ``{marker}-{n}`` in the field ``count_field`` of
    ``count_model``, so the rows they create can be counted afterwards."""

    name: str
    lines: list[tuple[str, str]]  # (path, urlencoded body with {n}); one object per line
    count_model: str
    count_field: str


def progress_form_step(marker: str) -> WriteStep | None:
    """Progress entries through the action page's form, one open action per line:
    the form carries the action's version, so no two writes may share an action."""
    from django.urls import NoReverseMatch, reverse

    from minutes.models import ActionPoint

    try:
        reverse("actions:action_update", args=[1])
    except NoReverseMatch:
        return None
    actions = ActionPoint.objects.filter(
        status__in=ActionPoint.OPEN_STATUSES,
        agenda_item__meeting__status__in=["circulated", "approved"],
    ).values_list("pk", "version")[:5000]
    lines = [
        (
            reverse("actions:action_update", args=[pk]),
            f"text={marker}-{{n}}&status=&due_date=&due_precision=&version={version}",
        )
        for pk, version in actions
    ]
    return WriteStep("progress form (actions:action_update)", lines, "minutes.ActionUpdate", "text")


def admin_action_update_step(marker: str) -> WriteStep | None:
    """Fallback until the progress form exists: add an action update through the admin."""
    from django.urls import reverse

    from minutes.models import ActionPoint

    action = ActionPoint.objects.order_by("pk").first()
    if action is None:
        return None
    fields = {
        "action": str(action.pk),
        "author": "",
        "created_at_0": datetime.date.today().isoformat(),
        "created_at_1": "12:00:00",
        "text": marker + "-{n}",
        "status_from": "",
        "status_to": "",
        "due_date_from": "",
        "due_date_to": "",
        "reviewed_at_meeting": "",
        "_save": "Save",
    }
    body = "&".join(f"{k}={v}" for k, v in fields.items())
    path = reverse("admin:minutes_actionupdate_add")
    return WriteStep("admin: add an action update", [(path, body)], "minutes.ActionUpdate", "text")


# Candidates in order of preference; the first that returns a step is used. Add the item
# editor's form here once it can take a write without a formset round trip.
WRITE_STEPS = [progress_form_step, admin_action_update_step]


def choose_write(marker: str) -> WriteStep | None:
    return next((s for make in WRITE_STEPS if (s := make(marker)) is not None), None)


def make_sessions() -> dict[str, str]:
    """A logged-in session cookie per role, made directly in the session store."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    cookies = {}
    for role, username in (("admin", "admin"), ("principal", "principal")):
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    return cookies


def make_plan(path: Path, write: WriteStep | None) -> dict:
    from django.urls import NoReverseMatch, reverse

    from minutes.models import Meeting

    meetings = list(
        Meeting.objects.filter(status__in=["approved", "circulated"])
        .order_by("?")
        .values_list("pk", flat=True)[:40]
    )
    lines = []
    reads = [("dashboard", 4), ("minutes:meeting_list", 3)]
    # Pages read under load, each used when its URL resolves: tracker, search, decisions, topics.
    optional = [("actions:tracker", 3), ("actions:action_list", 3), ("minutes:decision_list", 2)]
    for name, weight in reads + optional:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        for role in ("admin", "principal"):
            lines.append(f"{role} {weight} GET {url}")
    try:
        search = reverse("search:search")
    except NoReverseMatch:
        search = None
    if search:
        for q in ("migration", "regional+reviews", "labour+mobility", "roadmap"):
            for role in ("admin", "principal"):
                lines.append(f"{role} 1 GET {search}?q={q}")
    for pk in meetings:
        for role in ("admin", "principal"):
            lines.append(f"{role} 1 GET /meetings/{pk}/")
    if write is not None:
        lines += [f"admin 1 POST {p} {body}" for p, body in write.lines]
    path.write_text("\n".join(lines) + "\n")
    return {"lines": len(lines), "summaries": len(meetings), "search": bool(search)}


def count_marked(write: WriteStep, marker: str) -> int:
    from django.apps import apps
    from django.db import close_old_connections

    close_old_connections()
    model = apps.get_model(write.count_model)
    return model.objects.filter(**{f"{write.count_field}__startswith": marker}).count()


# ---------------------------------------------------------------- running


def start_gunicorn(args) -> subprocess.Popen:
    log(f"gunicorn on {HOST}:{args.port} with {args.workers} workers")
    return serve.start(server_env(args), args.port)


def wait_healthy(args, *, tries: int) -> int | None:
    """/healthz's status once the queue left by the clients has drained (bounded: tries x 2 s)."""
    status = None
    for _ in range(tries):
        try:
            with urllib.request.urlopen(f"http://{HOST}:{args.port}/healthz", timeout=5) as r:  # noqa: S310
                return r.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(2)
    return status


def run_wrk(args, plan: Path, cookies: dict[str, str], csrf: str, seconds: int) -> dict:
    env = {
        **os.environ,
        "LOAD_PLAN": str(plan),
        "LOAD_CSRF": csrf,
        "LOAD_ROLES": "admin,principal",
        "LOAD_THREADS": str(args.threads),
        "LOAD_WRITE_EVERY": str(args.write_every),
        **{f"LOAD_COOKIE_{r.upper()}": f"{c}; csrftoken={csrf}" for r, c in cookies.items()},
    }
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.clients}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "scripts" / "wrk" / "mix.lua"),
        f"http://{HOST}:{args.port}/",
    ]
    log(" ".join(command))
    out = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, timeout=seconds + 120, check=True
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("LOADJSON "))
    result = json.loads(line.removeprefix("LOADJSON "))
    result["seconds"] = result["duration_us"] / 1e6
    result["rps"] = result["requests"] / result["seconds"]
    return result


def restart_postgres(args, after: float) -> dict:
    """Restart the cluster `after` seconds from now; returns when it was down and up."""
    time.sleep(after)
    version, cluster = args.pg_cluster.split()
    began = time.time()
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],  # noqa: S607
        check=True,
        timeout=120,
    )
    return {"restart_began": began, "restart_done": time.time()}


def summarise_errors(result: dict, window: dict | None) -> dict:
    seconds = sorted((int(k), v) for k, v in result["per_second"].items())
    bad = [s for s, (ok, err) in seconds if err]
    summary = {"error_seconds": len(bad), "first_error": None, "last_error": None}
    if bad:
        summary["first_error"] = bad[0]
        summary["last_error"] = bad[-1]
        summary["error_span_s"] = bad[-1] - bad[0] + 1
    if window:
        summary["restart_took_s"] = round(window["restart_done"] - window["restart_began"], 2)
        after = [s for s, (ok, err) in seconds if s > window["restart_done"] + 1]
        summary["recovered"] = bool(after) and all(
            result["per_second"][str(s)][1] == 0 for s in after[1:]
        )
        if bad:
            summary["errors_after_restart_done_s"] = max(0, bad[-1] - int(window["restart_done"]))
    summary["timeline"] = [(s - seconds[0][0], ok, err) for s, (ok, err) in seconds]
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/minutes_load"
        ),
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", "8070")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "5")))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--restart-seconds", type=int, default=30)
    parser.add_argument("--meetings", type=int, default=250, help="bulk archive size")
    parser.add_argument(
        "--write-every", type=int, default=8, help="every Nth request of a writing client"
    )
    parser.add_argument("--pg-cluster", default=os.environ.get("LOAD_PG_CLUSTER", "15 main"))
    parser.add_argument("--skip-prepare", action="store_true")
    parser.add_argument("--skip-restart", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON too")
    args = parser.parse_args()
    if "@127.0.0.1" not in args.database_url and "@localhost" not in args.database_url:
        raise SystemExit("the load test only runs against a local database")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    args.clients = min(args.clients, 500)
    args.seconds = min(args.seconds, 600)

    if not args.skip_prepare:
        prepare_database(args)
    django_setup(args)
    from minutes.models import Meeting

    figures: dict = {"meetings": Meeting.objects.count()}
    cookies = make_sessions()
    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret
    with tempfile.TemporaryDirectory() as tmp:
        server = start_gunicorn(args)
        try:
            for phase in ("load", "restart"):
                if phase == "restart" and args.skip_restart:
                    break
                marker = f"{MARKER}-{phase}-{int(time.time())}"
                write = choose_write(marker)  # fresh: versioned forms need current versions
                figures["write_step"] = write and write.name
                plan = Path(tmp) / f"plan-{phase}.txt"
                figures[f"plan_{phase}"] = make_plan(plan, write)
                seconds = args.seconds if phase == "load" else args.restart_seconds
                holder: dict = {}
                if phase == "restart":
                    restarter = threading.Thread(
                        target=lambda out, after: out.update(restart_postgres(args, after)),
                        args=(holder, seconds / 3),
                    )
                    restarter.start()
                load_before = os.getloadavg()[0]
                result = run_wrk(args, plan, cookies, csrf, seconds)
                result["loadavg_before_after"] = [
                    round(load_before, 1),
                    round(os.getloadavg()[0], 1),
                ]
                if phase == "restart":
                    restarter.join(timeout=180)
                # Right away, then once the requests still queued in gunicorn when wrk
                # stopped have finished: a write is lost when it was acknowledged and is
                # not in the database at the end.
                result["stored_at_stop"] = count_marked(write, marker) if write else None
                wait_healthy(args, tries=30)
                time.sleep(2)
                stored = count_marked(write, marker) if write else None
                result["stored_writes"] = stored
                result["lost_acknowledged"] = (
                    max(0, result["acked_writes"] - stored) if stored is not None else None
                )
                result["stored_beyond_sent"] = (
                    max(0, stored - result["sent_writes"]) if stored is not None else None
                )
                result.update(summarise_errors(result, holder or None))
                result.pop("per_second")
                figures[phase] = result
                log(phase, json.dumps({k: v for k, v in result.items() if k != "timeline"}))
            figures["healthz_after"] = wait_healthy(args, tries=30)
        finally:
            serve.stop(server)
    figures["cpus"] = os.cpu_count()
    figures["workers"] = args.workers
    figures["clients"] = args.clients
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    lost = [figures[p]["lost_acknowledged"] for p in ("load", "restart") if p in figures]
    if any(lost):
        raise SystemExit(f"acknowledged writes lost: {lost}")


if __name__ == "__main__":
    main()
