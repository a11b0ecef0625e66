#!/usr/bin/env python
# ruff: noqa: S603, S607 - fixed commands only
"""Load and faults against a production-settings server: ``python bench/faults.py``.

1. 50 concurrent users (wrk, 50 connections) for 60 s over the public key pages: count errors.
2. PostgreSQL restarted under load (``pg_ctlcluster --skip-systemctl-redirect 15 main restart``):
   the same gunicorn must serve again afterwards, without being restarted.
3. Redis stopped (``redis-cli shutdown nosave``): public pages must still be served; Redis is
   started again afterwards whatever happens.

CAUTION: PostgreSQL and Redis are shared with everyone on the machine. Run this once, the
outages are kept to seconds, and both services are always restarted. Appends the outcome to
bench/results.md (section "Load and faults"). Measures and reports; asserts nothing.
Environment as for bench/run.py, plus FAULTS_SECONDS [60], FAULTS_USERS [50].
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run

REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
    "--logfile", "/var/log/redis/ci.log",
]
PG_RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]


def wrk_mix(wrk: str, base: str, paths: list[str], seconds: int, users: int):
    env = dict(os.environ, BENCH_PATHS=" ".join(paths))
    return subprocess.Popen(
        [wrk, "-t2", f"-c{users}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(run.BENCH / "mix.lua"), base],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def wrk_result(process: subprocess.Popen) -> dict:
    out, _ = process.communicate()
    line = next((ln for ln in out.splitlines() if ln.startswith("JSON ")), None)
    if line is None:
        return {"error": out[-300:]}
    data = json.loads(line[5:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def statuses(base: str, paths: list[str]) -> dict[str, int | str]:
    result = {}
    for path in paths:
        try:
            result[path] = run.fetch(base + path)[0]
        except OSError as error:
            result[path] = f"error: {error.__class__.__name__}"
    return result


def redis_up() -> bool:
    return subprocess.run(["redis-cli", "ping"], capture_output=True, text=True).stdout.strip() \
        == "PONG"


def main() -> None:
    seconds = int(os.environ.get("FAULTS_SECONDS", "60"))
    users = int(os.environ.get("FAULTS_USERS", "50"))
    port = int(os.environ.get("BENCH_PORT", "8199"))
    workers = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) * 2 + 1)))
    wrk = run.need_wrk()
    static_root = tempfile.mkdtemp(prefix="faults-static-")
    env = run.env_for_server(static_root)
    subprocess.run([run.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=run.ROOT,
                   env=env, check=True)
    measured = json.loads(subprocess.run(
        [run.PYTHON, str(run.BENCH / "measure.py"), "--pick-only"], cwd=run.ROOT, env=env,
        capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    paths = [p["path"] for p in measured if p["path"] not in ("/ping", "/healthz")]
    base = f"http://{run.HOST}:{port}"
    server = run.start_server(env, port, workers)
    report = [f"- Server: gunicorn, {workers} sync workers, production settings; pages: "
              + ", ".join(f"`{p}`" for p in paths)]
    try:
        # 1. sustained load
        print(f"1. {users} users for {seconds} s")
        load = wrk_result(wrk_mix(wrk, base, paths, seconds, users))
        print(load)
        report.append(
            f"- **{users} concurrent users for {seconds} s**: {load.get('requests')} requests, "
            f"{load.get('rps', 0):.0f} req/s, median {load.get('p50', 0) / 1000:.0f} ms, "
            f"p95 {load.get('p95', 0) / 1000:.0f} ms, socket errors {load.get('errors')}, "
            f"HTTP errors (≥ 400) {load.get('non2xx')}."
        )
        # 2. PostgreSQL restarted under load
        print("2. PostgreSQL restart under load")
        under = wrk_mix(wrk, base, paths, 20, 10)
        time.sleep(5)
        started = time.monotonic()
        restart = subprocess.run(PG_RESTART, capture_output=True, text=True)
        pg_seconds = time.monotonic() - started
        during = wrk_result(under)
        # /healthz is never cached and queries the database: it proves the reconnection,
        # where a cached page could be answered from Redis alone.
        recovered_after = None
        for attempt in range(30):
            if all(s == 200 for s in statuses(base, ["/healthz", *paths[:3]]).values()):
                recovered_after = attempt
                break
            time.sleep(1)
        after = statuses(base, ["/healthz", *paths])
        print(restart.returncode, during, after)
        report.append(
            f"- **PostgreSQL restarted under load** (10 connections, 20 s; restart took "
            f"{pg_seconds:.1f} s, exit {restart.returncode}): {during.get('requests')} requests, "
            f"HTTP errors {during.get('non2xx')}, socket errors {during.get('errors')} during "
            f"the outage; afterwards the same gunicorn (pid {server.pid}, not restarted) served "
            + ("all pages again " + f"after {recovered_after} s: "
               if recovered_after is not None else "NOT all pages within 30 s: ")
            + ", ".join(f"`{p}` {s}" for p, s in after.items()) + "."
        )
        # 3. Redis stopped
        print("3. Redis stopped")
        subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True)
        time.sleep(1)
        down = redis_up()
        started = time.monotonic()
        without = statuses(base, paths)
        took = time.monotonic() - started
        without["/healthz"] = statuses(base, ["/healthz"])["/healthz"]  # 503: says Redis is down
        print(without)
        report.append(
            f"- **Redis stopped** (ping after shutdown: {'PONG' if down else 'no answer'}): "
            f"public pages answered in {took:.1f} s for {len(paths)} pages (and /healthz, "
            "which reports the cache and broker): "
            + ", ".join(f"`{p}` {s}" for p, s in without.items()) + "."
        )
    finally:
        if not redis_up():
            subprocess.run(REDIS_START, capture_output=True)
            time.sleep(1)
        report.append(f"- Redis restarted afterwards: {'yes' if redis_up() else 'NO'}.")
        pg = subprocess.run(["pg_lsclusters"], capture_output=True, text=True).stdout
        if "online" not in pg:
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"])
        report.append("- After the run: `pg_lsclusters` says "
                      + ("online" if "online" in subprocess.run(
                          ["pg_lsclusters"], capture_output=True, text=True).stdout else "DOWN")
                      + "; Redis "
                      + ("answers" if redis_up() else "DOWN") + ".")
        run.stop_server(server)
    write(report)


def write(report: list[str]) -> None:
    path = Path(os.environ.get("BENCH_OUT", run.BENCH / "results.md"))
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    text = text.split("\n## Load and faults")[0].rstrip() + "\n"
    text += "\n## Load and faults (`python bench/faults.py`)\n\n" + "\n".join(report) + "\n"
    path.write_text(text)
    print("\n".join(report))


if __name__ == "__main__":
    main()
