"""The page benchmark (``make bench``): every page under wrk on gunicorn + PostgreSQL, at
scale 1 and scale 100, against a floor page in the same run; writes docs/benchmarks.md.

    scripts/bench.sh                  # both scales, reusing archives generated earlier
    scripts/bench.sh --regenerate     # generate both archives again first

For each scale: a database of its own (``minutes_bench1``, ``minutes_bench100``), migrated,
with ``generate_archive --scale N --seed 42`` (kept between runs: an archive is generated again
only when its meeting count is not the one the scale gives, or with --regenerate). Then
``manage.py benchmark --plan`` lists the pages (with a logged-in session per role, each page's
query count and the EXPLAIN of every search), gunicorn starts with DEBUG off and DEVTOOLS on
(for the floor page, ``/devtools/hello/``), and wrk drives each page in turn with a few
connections for a few seconds. Only ever talks to 127.0.0.1; every wait is bounded.

Whether a page's size grows with the archive is judged against a middle scale (10, from its
own plan, without wrk): at scale 1 a principal sees fewer rows than a page of a list holds,
so a paged list is naturally bigger at scale 100 than at scale 1, but not than at scale 10.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import serve

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# One key for the run: the sessions made by `benchmark --plan` must be valid for gunicorn.
SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-" + secrets.token_urlsafe(40)
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
FLOOR = "floor (hello)"
# What must hold (docs/benchmarks.md says why).
FLOOR_SHARE = 0.20
SCALE_RATIO = 1.5
PEERS = {
    "action tracker, secretariat": "admin: action points (peer)",
    "meeting list": "admin: meetings (peer)",
}


def log(*args) -> None:
    print("[bench]", *args, flush=True)


def server_env(args, scale: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{args.database_prefix}{scale}",
        "DEBUG": "false",
        "DEVTOOLS": "true",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "GUNICORN_BIND": f"{HOST}:{args.port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        # No worker recycling in the middle of a measurement.
        "GUNICORN_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(Path(tempfile.gettempdir()) / f"minutes-bench-var-{scale}"),
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "minutes-bench-static"),
    }


def manage(args, scale: int, *command: str, timeout: int = 3600) -> None:
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=server_env(args, scale),
        check=True,
        timeout=timeout,
    )


def psql(url: str, sql: str) -> str | None:
    done = subprocess.run(  # noqa: S603
        ["psql", url, "-tAq", "-c", sql],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def prepare(args, scale: int) -> float | None:
    """Migrated database with the archive of this scale; returns generation seconds if made."""
    url = f"{args.database_prefix}{scale}"
    dbname = url.rsplit("/", 1)[-1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    wanted = max(1, round(240 * scale))
    found = psql(
        url,
        "SELECT count(*) FROM minutes_meeting m JOIN participants_body b ON b.id = m.body_id "
        "WHERE b.slug LIKE 'gen-%'",
    )
    if found == str(wanted) and not args.regenerate:
        log(f"scale {scale}: reusing {dbname} ({wanted:,} generated meetings)")
        manage(args, scale, "migrate", "--noinput", "-v", "0")
        return None
    log(f"scale {scale}: (re)creating {dbname}")
    for sql in (f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)', f'CREATE DATABASE "{dbname}"'):
        subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True, timeout=120)  # noqa: S603,S607
    manage(args, scale, "migrate", "--noinput", "-v", "0")
    began = time.monotonic()
    manage(args, scale, "generate_archive", "--scale", str(scale), "--seed", "42", "-v", "0")
    return time.monotonic() - began


def start_gunicorn(args, scale: int) -> subprocess.Popen:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{args.port}/healthz", timeout=2):  # noqa: S310
            raise SystemExit(f"port {args.port} already answers: stop that server or use --port")
    except urllib.error.HTTPError:
        raise SystemExit(
            f"port {args.port} already answers: stop that server or use --port"
        ) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        pass  # free, as it should be
    return serve.start(server_env(args, scale), args.port)


def wrk(args, url: str, cookie: str, seconds: int) -> dict:
    command = [
        "wrk",
        f"-t{min(args.threads, args.connections)}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-H",
        f"Cookie: {cookie}",
        "-s",
        str(ROOT / "scripts" / "wrk" / "report.lua"),
        f"http://{HOST}:{args.port}{url}",
    ]
    out = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 90, check=True
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("WRKJSON "))
    result = json.loads(line.removeprefix("WRKJSON "))
    result["wrk_bytes"] = result.pop("bytes")  # every response together; the page's size is apart
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def settle(args, cookie: str) -> None:
    """Wait (at most a minute) until the workers are free again: requests that wrk gave up on
    at the end of the previous page are still being served and would slow the next one."""
    request = urllib.request.Request(
        f"http://{HOST}:{args.port}/devtools/hello/", headers={"Cookie": cookie}
    )
    for _ in range(60):
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30):  # noqa: S310
                pass
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() - began < 0.5:
            return
        time.sleep(1)


def planned(args, scale: int) -> tuple[dict, float | None]:
    """The archive of this scale made ready, and its plan (`benchmark --plan`): the pages with
    their sizes, queries and cold times, the sessions, the row counts and the search plans."""
    generated = prepare(args, scale)
    with tempfile.TemporaryDirectory() as tmp:
        plan_file = Path(tmp) / "plan.json"
        manage(args, scale, "benchmark", "--plan", str(plan_file), timeout=1800)
        return json.loads(plan_file.read_text()), generated


def measure(args, scale: int) -> dict:
    plan, generated = planned(args, scale)
    server = start_gunicorn(args, scale)
    results = {}
    try:
        for page in plan["pages"]:
            if page["status"] != 200:
                log(f"scale {scale}: {page['name']} answers {page['status']}: left out")
                continue
            cookie = plan["cookies"][page["role"]]
            settle(args, plan["cookies"]["principal"])
            wrk(args, page["url"], cookie, 1)  # warm-up: every worker has run the page once
            # The warm-up's first requests fill the cache; the measurement starts once they are
            # done (what they cost is the page's cold time, reported apart).
            settle(args, plan["cookies"]["principal"])
            result = wrk(args, page["url"], cookie, args.seconds)
            results[page["name"]] = {**page, **result}
            log(
                f"scale {scale}: {page['name']}: {result['rps']:.1f} req/s, "
                f"p95 {result['p95_us'] / 1000:.0f} ms, {page['bytes']:,} bytes, "
                f"{page['queries']} queries, non-2xx {result['non2xx']}"
            )
    finally:
        serve.stop(server)
    return {
        "scale": scale,
        "pages": results,
        "counts": plan["counts"],
        "explains": plan["explains"],
        "generated_seconds": generated,
    }


def sizes(args, scale: int) -> dict:
    """Each page's size, queries and cold time at this scale, from its plan alone."""
    plan, generated = planned(args, scale)
    log(f"scale {scale}: sizes of {len(plan['pages'])} pages")
    return {
        "scale": scale,
        "pages": {page["name"]: page for page in plan["pages"]},
        "counts": plan["counts"],
        "generated_seconds": generated,
    }


def machine() -> dict:
    cpu = "unknown CPU"
    try:
        text = Path("/proc/cpuinfo").read_text()
        if found := re.search(r"model name\s*:\s*(.+)", text):
            cpu = found.group(1).strip()
    except OSError:
        pass
    memory = ""
    try:
        if found := re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()):
            memory = f"{int(found.group(1)) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
    }


# ---------------------------------------------------------------- the report


def _ms(us: float) -> str:
    return f"{us / 1000:,.0f}"


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def report(args, runs: list[dict], info: dict) -> str:
    small, big = runs[0], runs[-1]
    middle = info.get("sized") or small
    # The archives' row counts, every scale measured or sized, smallest first.
    tables = sorted((r for r in (*runs, info.get("sized")) if r), key=lambda r: r["scale"])
    floor = small["pages"].get(FLOOR)
    lines = [
        BEGIN,
        "## Pages at scale 1 and scale 100 (`make bench`)",
        "",
        f"Measured {info['date']} by `make bench` (`scripts/bench.py`) in one run: "
        f"{info['machine']['cpu']}, {info['machine']['cores']} cores, "
        f"{info['machine']['memory']}, PostgreSQL {info['postgres']}, "
        f"Python {info['machine']['python']}. **Load average** (1, 5, 15 min) "
        f"{info['load_before']} before and {info['load_after']} after: the machine is shared "
        "with other engineers' test runs, so absolute figures move from run to run; the ratios "
        "(each page against the floor, scale 100 against scale 1) are measured minutes apart "
        "on the same server and are what the targets judge.",
        "",
        f"gunicorn (`gunicorn.conf.py`, {args.workers} sync workers, DEBUG off, DEVTOOLS on for "
        f"the floor page), wrk with {args.connections} connections for {args.seconds} s per page "
        "after a 1 s warm-up, each page logged in as the role shown (sessions in the database, "
        "read through the cache, as served). The **floor** is `/devtools/hello/`: the same "
        "middleware, "
        "session and user look-up as every page, and nothing else.",
        "",
        "| | " + " | ".join(f"scale {r['scale']}" for r in tables) + " |",
        "|---|" + "---:|" * len(tables),
    ]
    for key in small["counts"]:
        lines.append(f"| {key} | " + " | ".join(f"{r['counts'][key]:,}" for r in tables) + " |")
    made = [r for r in tables if r["generated_seconds"]]
    if made:
        lines.append(
            "| archive generated in | "
            + " | ".join(
                f"{r['generated_seconds']:.0f} s" if r["generated_seconds"] else "(kept)"
                for r in tables
            )
            + " |"
        )
    lines += [
        "",
        f"Targets: every page at scale 1 serves at least {FLOOR_SHARE:.0%} of the floor's "
        f"requests per second; every page's p95 at scale 100 is within {SCALE_RATIO}x of its "
        f"p95 at scale 1, and its size at scale {big['scale']} is within {SCALE_RATIO}x of its "
        f"size at scale {middle['scale']} (a paged list, full at both, does not grow with the "
        "archive; at scale 1 a principal's lists are not full); the tracker and the meeting "
        "list are never slower than the Django admin's list of the same rows.",
        "",
        "wrk asks for the same page over and over, so after its first request a page's lists "
        "come from the cache (`cachedfragment`); **cold** is one request made with the cache "
        "emptied (as for the first reader after a write), timed alone in the Django test client "
        "before the server starts, and **queries** are that request's.",
        "",
        "| Page | role | queries s1 → s100 | req/s s1 | share of floor | p95 s1 (ms) "
        f"| p95 s100 (ms) | p95 ratio | cold s1 → s100 (ms) | size s1 | size s{middle['scale']} "
        "| size s100 | met |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    misses = []
    for name, page in small["pages"].items():
        other = big["pages"].get(name)
        share = page["rps"] / floor["rps"] if floor else 0
        finished = bool(other and other["requests"])
        ratio = other["p95_us"] / page["p95_us"] if finished and page["p95_us"] else 0
        peer = small["pages"].get(PEERS.get(name, ""))
        sized = middle["pages"].get(name)
        checks = []
        if name != FLOOR and not name.startswith("admin"):
            if share < FLOOR_SHARE:
                checks.append(f"share {share:.0%}")
            if other and not finished:
                checks.append(f"no request finished within {args.seconds} s at scale 100")
            elif other and ratio > SCALE_RATIO:
                checks.append(f"ratio {ratio:.1f}x")
            if other and sized and other["bytes"] > sized["bytes"] * SCALE_RATIO:
                checks.append(f"size grows from scale {middle['scale']}")
            if peer and page["rps"] < peer["rps"]:
                checks.append(f"slower than admin ({peer['rps']:.1f} req/s)")
        if checks:
            misses.append((name, checks))
        met = (
            "—"
            if name == FLOOR or name.startswith("admin")
            else ("yes" if not checks else "**no**: " + ", ".join(checks))
        )
        lines.append(
            f"| {name} | {page['role']} | {page['queries']} → "
            f"{other['queries'] if other else '?'} | {page['rps']:.1f} | {share:.0%} | "
            f"{_ms(page['p95_us'])} | {_ms(other['p95_us']) if finished else '> ' + str(args.seconds * 1000)} | "
            f"{f'{ratio:.2f}x' if finished else '—'} | {_cold(page)} → {_cold(other)} | "
            f"{_kb(page['bytes'])} | {_kb(sized['bytes']) if sized else '?'} | "
            f"{_kb(other['bytes']) if other else '?'} | {met} |"
        )
    errors = sum(p["non2xx"] + p["socket_errors"] for r in runs for p in r["pages"].values())
    lines += [
        "",
        f"Errors (non-2xx answers or socket errors) over every page of both scales: {errors}.",
        "",
    ]
    if misses:
        lines.append(
            "Missed in this run: " + "; ".join(f"{n} ({', '.join(c)})" for n, c in misses) + "."
        )
    else:
        lines.append("Every target was met in this run.")
    lines += [
        "",
        "### EXPLAIN of each search at scale " + str(big["scale"]),
        "",
        "The first page of results as a principal (`EXPLAIN (ANALYZE, COSTS OFF)` of the ranked "
        "query the search app builds; the search page's own entry points, as `manage.py "
        "benchmark` calls them).",
        "",
    ]
    for explain in big["explains"]:
        seq = "; ".join(explain["seq_scans"]) or "none"
        lines += [
            f"**{explain['name']}** (`{json.dumps(explain['query'], ensure_ascii=False)}`): "
            f"sequential scans: {seq}.",
            "",
            "```",
            explain["plan"],
            "```",
            "",
        ]
    lines += [
        "To rerun: `make bench` (about 10 minutes once the archives exist; generating scale 100 "
        "takes longer the first time). `scripts/bench.sh --regenerate` makes both archives "
        "again; `--seconds`, `--connections`, `--workers` and `--json FILE` (raw figures) are "
        "the other options.",
        END,
    ]
    return "\n".join(lines) + "\n"


def _cold(page: dict | None) -> str:
    return f"{page['cold_ms']:,.0f}" if page and "cold_ms" in page else "?"


def write_doc(path: Path, section: str) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        head, _, tail = text.partition("\n\n")
        text = f"{head}\n\n{section}\n{tail}"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,100")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument(
        "--size-scale",
        type=int,
        default=10,
        help="The scale sizes are judged against (0: scale 1).",
    )
    parser.add_argument(
        "--database-prefix", default="postgres://postgres@127.0.0.1:5432/minutes_bench"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--report-only", type=Path, help="Rewrite the doc from a --json file.")
    args = parser.parse_args()
    if args.report_only:
        saved = json.loads(args.report_only.read_text())
        for run in saved["runs"]:
            for page in run["pages"].values():
                page.setdefault("wrk_bytes", 0)
        write_doc(args.out, report(args, saved["runs"], saved["info"]))
        return
    if HOST not in args.database_prefix and "localhost" not in args.database_prefix:
        raise SystemExit("the benchmark only talks to a database on this machine")
    scales = [int(s) for s in args.scales.split(",")]
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    began = datetime.datetime.now(datetime.UTC)
    subprocess.run(  # noqa: S603 - DEBUG off serves hashed names from a manifest
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=server_env(args, scales[0]),
        check=True,
        timeout=300,
    )
    runs = [measure(args, scale) for scale in scales]
    load_after = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    # After the timed runs, so that generating this archive the first time disturbs none.
    sized = sizes(args, args.size_scale) if args.size_scale else None
    info = {
        "date": began.strftime("%d %b %Y, %H:%M UTC"),
        "machine": machine(),
        "postgres": psql(f"{args.database_prefix}{scales[0]}", "SHOW server_version") or "?",
        "load_before": load_before,
        "load_after": load_after,
        "sized": sized,
    }
    if args.json:
        args.json.write_text(json.dumps({"info": info, "runs": runs}, indent=1))
    write_doc(args.out, report(args, runs, info))
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
