#!/usr/bin/env python
# ruff: noqa: S603, S607, S310 - fixed commands and loopback URLs only
"""Benchmark the key pages under production settings: ``python bench/run.py``.

Starts gunicorn (production settings, DEBUG off) on PostgreSQL (the scale database) and Redis,
loads each key page with wrk from a second process, counts queries with the Django test client,
weighs each page (gzip of HTML + CSS + JS), times every PDF report type and writes
bench/results.md. Measures; asserts nothing. Loopback addresses only.

Environment (defaults in brackets):
  BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/portal_scale]
  BENCH_REDIS_URL    [redis://127.0.0.1:6379/14]
  BENCH_PORT [8199]  BENCH_WORKERS [cores*2+1]  BENCH_SECONDS [10]  BENCH_CONNECTIONS [4]
  BENCH_OUT [bench/results.md]
"""

import datetime
import gzip
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
HOST = "127.0.0.1"


def env_for_server(static_root: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-" + os.urandom(24).hex(),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_scale"
        ),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
    )
    return env


def need_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    print("wrk not found: installing it from Debian (apt-get install -y wrk)")
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=False)
    wrk = shutil.which("wrk")
    if not wrk:
        subprocess.run(["apt-get", "update"], check=False)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)
        wrk = shutil.which("wrk")
    return wrk


def fetch(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "portal.wsgi:application", "--bind", f"{HOST}:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning",
         "--timeout", "60"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    for _ in range(120):
        time.sleep(0.5)
        try:
            status, _body = fetch(f"http://{HOST}:{port}/healthz")
            if status in (200, 503):
                return server
        except OSError:
            continue
    stop_server(server)
    raise SystemExit("gunicorn did not come up")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def wrk_run(wrk: str, url: str, seconds: int, connections: int, threads: int = 2) -> dict:
    out = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
         "-s", str(BENCH / "latency.lua"), url],
        capture_output=True, text=True, check=False,
    ).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("JSON ")), None)
    if line is None:
        return {"error": out[-300:]}
    data = json.loads(line[5:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


ASSET = re.compile(
    r'<(?:link[^>]+rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"', re.IGNORECASE
)


def page_weight(base: str, html: bytes) -> tuple[int, int]:
    """Gzip bytes of the HTML and of the HTML + CSS + JS it links (images excluded)."""
    html_gz = len(gzip.compress(html, 6))
    total = html_gz
    for asset in sorted(set(ASSET.findall(html.decode("utf-8", "replace")))):
        if asset.startswith("http") and not asset.startswith(base):
            continue
        status, body = fetch(asset if asset.startswith("http") else base + asset)
        if status == 200:
            total += len(gzip.compress(body, 6))
    return html_gz, total


def load_pages(wrk: str, base: str, pages: list[dict], seconds: int, connections: int,
               label: str) -> list[dict]:
    """wrk on each page in turn; the ceiling (/ping) both first and last, its best counted."""
    rows = []
    for page in pages + [p for p in pages if p["name"].startswith("ceiling")]:
        url = base + page["path"]
        wrk_run(wrk, url, 2, connections)  # warm every worker
        result = wrk_run(wrk, url, seconds, connections)
        print(label, page["name"], result)
        if result.get("p95", 0) > 1_000_000 or not result.get("requests"):
            # let slow requests still running on the server finish before the next page
            time.sleep(min(30, result.get("p95", 30e6) / 1e6 * 2) or 30)
        rows.append({**page, **result})
    ceilings = [r for r in rows if r["name"].startswith("ceiling")]
    if len(ceilings) == 2:
        best = max(ceilings, key=lambda r: r.get("rps", 0))
        best["ceiling_runs"] = [round(r.get("rps", 0)) for r in ceilings]
        rows = [r for r in rows if not r["name"].startswith("ceiling")]
        rows.insert(0, best)
    return rows


def main() -> None:
    port = int(os.environ.get("BENCH_PORT", "8199"))
    workers = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) * 2 + 1)))
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "4"))
    out_path = Path(os.environ.get("BENCH_OUT", BENCH / "results.md"))
    wrk = need_wrk()
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = env_for_server(static_root)
    base = f"http://{HOST}:{port}"
    print("collectstatic into", static_root)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env, check=True)
    print("counting queries with the test client")
    # The whole-page cache is off for this pass: it counts what a cache miss costs.
    measured = json.loads(subprocess.run(
        [PYTHON, str(BENCH / "measure.py")], cwd=ROOT, env={**env, "PAGE_CACHE_SECONDS": "0"},
        capture_output=True,
        text=True, check=True).stdout.strip().splitlines()[-1])
    # Pass 1, as deployed: the anonymous page cache on. Pass 2: the cache off, every request
    # a miss: what the first visitor after a change waits for.
    server = start_server(env, port, workers)
    try:
        for page in measured:
            try:
                page["http"], html = fetch(base + page["path"])
            except OSError as error:
                page["http"], html = error.__class__.__name__, b""
            page["html_gz"], page["total_gz"] = page_weight(base, html)
        cached = load_pages(wrk, base, measured, seconds, connections, "cached")
    finally:
        stop_server(server)
    server = start_server({**env, "PAGE_CACHE_SECONDS": "0"}, port, workers)
    try:
        uncached = load_pages(wrk, base, measured, seconds, connections, "uncached")
    finally:
        stop_server(server)
    print("timing the PDF reports")
    # bench_reports lives in the development app (devtools/), which production settings do
    # not install: the local settings do, with DEBUG still off from the environment.
    reports = subprocess.run([PYTHON, "manage.py", "bench_reports", "--repeat", "3"], cwd=ROOT,
                             env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.local"},
                             capture_output=True, text=True, check=False)
    shutil.rmtree(static_root, ignore_errors=True)
    write_results(out_path, cached, uncached, reports.stdout + reports.stderr[-2000:], env,
                  workers, seconds, connections)
    print("wrote", out_path)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        mem = 0
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    busy = (" (more than the cores: other work was running on the machine)"
            if load[2] > (os.cpu_count() or 1) + 1 else "")
    return (f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, {pg}; load average "
            f"at the end of the run {', '.join(f'{x:.1f}' for x in load)}{busy}")


def counts(env: dict) -> str:
    sql = ("SELECT (SELECT count(*) FROM participation_event), "
           "(SELECT count(*) FROM participation_comment), (SELECT count(*) FROM portal_user), "
           "(SELECT count(*) FROM monitoring_evaluation), "
           "(SELECT count(*) FROM budgets_budgetyear),"
           " (SELECT count(*) FROM practices_practice) + (SELECT count(*) FROM practices_story),"
           " (SELECT count(*) FROM practices_question),"
           " (SELECT count(*) FROM participation_draft)")
    out = subprocess.run(["psql", env["DATABASE_URL"], "-At", "-c", sql], capture_output=True,
                         text=True).stdout.strip()
    names = ["events", "comments", "users", "evaluations", "budget years",
             "practices + stories", "questions", "draft acts"]
    return ", ".join(f"{n} {v}" for n, v in zip(names, out.split("|"), strict=False)) or out


def _ms(row: dict, key: str) -> str:
    return f"{row[key] / 1000:.1f}" if row.get("requests") else "–"


def write_results(path, cached, uncached, reports, env, workers, seconds, connections) -> None:
    ceiling = next((r for r in cached if r["name"].startswith("ceiling")), None)
    ceiling_rps = ceiling.get("rps") if ceiling else None
    misses = {r["path"]: r for r in uncached}
    runs = ceiling.get("ceiling_runs") if ceiling else None
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC by `python bench/run.py`.",
        "Generated: edit `bench/run.py`, not this file; what the numbers mean is in "
        "`bench/findings.md`.",
        "",
        f"- Machine: {machine()}",
        f"- Server: gunicorn, {workers} sync workers, `portal.settings.production`, DEBUG off, "
        "PostgreSQL and Redis on the same machine; wrk on the same machine (it competes for "
        "the same two cores).",
        f"- Load: wrk, {connections} connections, 2 threads, {seconds} s per page after a 2 s "
        "warm-up; latency includes queueing at that concurrency.",
        f"- Data: {counts(env)}.",
        "- **Cached**, as deployed: the anonymous whole-page cache (Redis, `PAGE_CACHE_SECONDS` "
        f"{env.get('PAGE_CACHE_SECONDS') or 'default 60'}); after the first miss these are "
        "cache hits. **Uncached**: a second server with `PAGE_CACHE_SECONDS=0`, every request "
        "renders the page.",
        "- Ceiling: the trivial view `/ping` on the same server, loaded first and again last; "
        f"the better run counts{f' (req/s: {runs[0]} first, {runs[1]} last)' if runs else ''}. "
        "× ceiling = the page's cached req/s ÷ the ceiling's.",
        "- Queries, slowest query and one request: one warm request through the Django test "
        "client with the page cache off (CaptureQueriesContext).",
        "- Weight: gzip (level 6) of the HTML plus every CSS and JS file it links; images "
        "excluded.",
        "- Targets (issue 10): p95 < 50 ms, ≥ 0.5 × the ceiling's throughput, < 60 KB.",
        "",
        "| page | HTTP | cached median ms | cached p95 ms | cached req/s | × ceiling "
        "| uncached median ms | uncached p95 ms | uncached req/s | queries | slowest query ms "
        "| one request ms | HTML gz KB | page gz KB | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in cached:
        miss = misses.get(r["path"], {})
        ratio = f"{r['rps'] / ceiling_rps:.2f}" if ceiling_rps and r.get("requests") else "–"
        errors = sum(x.get("errors", 0) + x.get("non2xx", 0) for x in (r, miss))
        lines.append(
            f"| {r['name']} (`{r['path']}`) | {r['http']} | {_ms(r, 'p50')} | {_ms(r, 'p95')} "
            f"| {r.get('rps', 0):.0f} | {ratio} | {_ms(miss, 'p50')} | {_ms(miss, 'p95')} "
            f"| {miss.get('rps', 0):.0f} | {r['queries']} | {r['slowest_query_ms']:.0f} "
            f"| {r['single_ms']:.0f} | {r['html_gz'] / 1024:.1f} | {r['total_gz'] / 1024:.1f} "
            f"| {errors} |"
        )
    lines += ["", "## PDF reports (`manage.py bench_reports --repeat 3`)", "", reports.strip(),
              ""]
    # bench/faults.py writes its own section; a new page run keeps the last one.
    previous = path.read_text() if path.exists() else ""
    if "\n## Load and faults" in previous:
        lines += ["## Load and faults" + previous.split("\n## Load and faults", 1)[1].rstrip(),
                  ""]
    path.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
