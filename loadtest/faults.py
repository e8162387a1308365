"""Fault runs: a worker killed, Redis stopped, PostgreSQL restarted or down, a full disk."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from loadtest import forms, result, servers, store
from loadtest.client import Visitor, parse_form
from loadtest.runs import Outcome, Target, drive, read, registration_work, tally

#: Visitors during a fault run, and how many jobs each fault run has at most.
THREADS = 32
JOBS = 300
SWEDISH_503 = "Tjänsten är tillfälligt otillgänglig"
OUTAGE_SECONDS = 30
#: Concurrent requests that warm every worker's caches before an outage.
WARM_THREADS = 16
WARM_SECONDS = 5.0


def under_load(work, fault, jobs: int = JOBS, after: float = 3.0, seconds: float = 120):
    """Run `work` on THREADS threads; call `fault()` `after` seconds in. Returns both results."""
    with ThreadPoolExecutor(1) as side:
        load = side.submit(drive, jobs, work, THREADS, seconds)
        time.sleep(after)
        done = fault()
        return load.result(timeout=seconds + 120), done


def mixed(base: str, event_id: int, tag: str):
    """Two reads (list, calendar) for each registration."""
    write = registration_work(base, event_id, tag)
    paths = ("/events/", "/calendar/")

    def work(i: int) -> Outcome:
        return write(i) if i % 3 == 0 else read(base, paths[i % 2], i)

    return work


def first_write_after(outcomes: list[Outcome], moment: float) -> float | None:
    """Seconds from `moment` to the start of the first write after it that was acknowledged."""
    starts = [o.started for o in outcomes if o.acknowledged and o.started >= moment]
    return round(min(starts) - moment, 2) if starts else None


def worker_kill(target: Target, size: int, tag: str) -> dict:
    """SIGKILL a worker under write load: writes go on, acknowledged ones are stored."""
    event_id, _capacity = store.breakfast(target.url)
    with target.serve() as server:
        work = registration_work(server.base, event_id, tag)

        def kill():
            killed_at = time.monotonic()
            return server.kill_worker(), killed_at

        outcomes, (_pid, killed_at) = under_load(work, kill, min(JOBS, size))
        time.sleep(2)
        workers = len(server.worker_pids())
    run = tally(result("worker-kill", target.database), outcomes,
                set(store.stored_registrations(target.url, tag)), min(JOBS, size))  # fmt: skip
    run["figures"]["writes_resumed_s"] = first_write_after(outcomes, killed_at)
    run["figures"]["workers_after"] = workers
    # The request the killed worker was serving gets no answer; nothing else may fail.
    run["rules"] = {
        "max_errors": 1,
        "bounds": {"writes_resumed_s": ("<=", 5.0), "workers_after": ("==", servers.WORKERS)},
    }
    return run


def redis_down(target: Target, size: int, tag: str) -> dict:
    """Stop the rate-limit storage under load: no request fails, the limits stay on."""
    event_id, _capacity = store.breakfast(target.url)
    redis = servers.PrivateRedis()
    try:
        with target.serve(RATELIMIT_STORAGE_URI=redis.url) as server:
            work = registration_work(server.base, event_id, tag)

            def stop():
                redis.stop()
                return time.monotonic()

            outcomes, stopped_at = under_load(work, stop, min(JOBS, size))
    finally:
        redis.stop()
    run = tally(result("redis-down", target.database), outcomes,
                set(store.stored_registrations(target.url, tag)), min(JOBS, size))  # fmt: skip
    after = [o for o in outcomes if o.posted and o.started > stopped_at + 0.5]
    run["figures"]["posts_after_stop"] = len(after)
    run["figures"]["no_limit_header_after"] = sum(
        "X-RateLimit-Limit" not in o.headers for o in after
    )
    run["rules"] = {
        "all_stored": True,
        "bounds": {"unsent": ("==", 0), "no_limit_header_after": ("==", 0)},
    }
    return run


def pg_restart(target: Target, size: int, tag: str) -> dict:
    """Restart PostgreSQL under reads and writes: never a 500; a 503 while it is down is fine."""
    event_id, _capacity = store.breakfast(target.url)
    with target.serve() as server:
        began = []

        def restart():
            began.append(time.monotonic())
            target.postgres.restart()
            return time.monotonic()

        jobs = min(JOBS, size) * 2
        outcomes, back_at = under_load(mixed(server.base, event_id, tag), restart, jobs)
    run = tally(result("pg-restart", target.database), outcomes,
                set(store.stored_registrations(target.url, tag)), jobs)  # fmt: skip
    run["figures"]["restart_s"] = round(back_at - began[0], 2)
    run["figures"]["status_503"] = sum(o.status == 503 for o in outcomes)
    run["figures"]["writes_resumed_s"] = first_write_after(outcomes, back_at)
    run["rules"] = {"max_5xx": jobs, "bounds": {"writes_resumed_s": ("<=", 5.0)}}
    return run


def typed_values_shown(body: str, fields: list[tuple[str, str]], names=("name", "email")) -> bool:
    """The values typed into the fields `names` appear in the page sent back."""
    typed = dict(fields)
    return all(typed[name] in body for name in names)


def pg_down(target: Target, size: int, tag: str) -> dict:
    """PostgreSQL down for 30 s: the Swedish 503 at once, feeds from cache, recovery."""
    event_id, _capacity = store.breakfast(target.url)
    with target.serve() as server:
        etag = warm(server.base)
        visitor = Visitor(server.base)
        page = visitor.get(f"/events/{event_id}")
        fields = forms.registration(parse_form(page.body, "/register"), tag, 0)
        target.postgres.stop()
        try:
            probes = outage_probes(server.base, etag, OUTAGE_SECONDS)
            posted = visitor.post(f"/events/{event_id}/register", fields)
        finally:
            target.postgres.start()
        started = time.monotonic()
        recovered = wait_for_200(server.base, "/feeds/", 30)
        recovery = round(time.monotonic() - started, 2) if recovered else None
        after = registration_work(server.base, event_id, tag)(1)
    outcomes = [Outcome(0, posted.status, True, False, seconds=posted.seconds), after]
    outcomes += [Outcome(100 + i, p[0], write=False) for i, p in enumerate(probes["strict"])]
    run = tally(result("pg-down", target.database), outcomes,
                set(store.stored_registrations(target.url, tag)), len(outcomes))  # fmt: skip
    run["figures"] |= outage_figures(probes, posted.status == 503 and typed_values_shown(
        posted.body, fields))  # fmt: skip
    run["figures"] |= {"recovery_s": recovery, "write_after_recovery": int(after.acknowledged)}
    run["rules"] = {
        "max_5xx": len(outcomes),
        "bounds": {
            "time_to_503_max_s": ("<=", 1.0), "not_swedish_503": ("==", 0),
            "listing_not_503_or_200": ("==", 0), "feed_not_served": ("==", 0),
            "recovery_s": ("<=", 10.0), "write_after_recovery": ("==", 1),
        },
    }  # fmt: skip
    return run


def outage_figures(probes: dict, typed_shown: bool) -> dict:
    """What the outage probes saw."""
    strict, listing = probes["strict"], probes["listing"]
    return {
        "time_to_503_max_s": round(max(seconds for _s, seconds, _sv in strict), 3),
        "not_swedish_503": sum(not (s == 503 and sv) for s, _t, sv in strict),
        # The public listing may come from the page cache (200) or be the Swedish 503.
        "listing_cached_200": sum(s == 200 for s, _t, _sv in listing),
        "listing_not_503_or_200": sum(not (s == 503 and sv or s == 200) for s, _t, sv in listing),
        "feed_probes": len(probes["feed"]),
        "feed_not_served": sum(s not in (200, 304) for s in probes["feed"]),
        "post_503_shows_typed": int(typed_shown),
    }


def warm(base: str, seconds: float = WARM_SECONDS) -> str:
    """Poll the feed, the listing and the feed list from many visitors for a few seconds, as
    calendar programs do, so that every worker has built the feed (each keeps its own cache,
    and a few busy workers can drain a short burst before an idle one wakes up)."""
    paths = ("/feeds/events.ics", "/events/", "/feeds/")
    stop = time.monotonic() + seconds

    def poll(i: int) -> str:
        etag, n = "", i
        while time.monotonic() < stop and n < i + 1000:
            answer = Visitor(base).get(paths[n % len(paths)])
            etag = answer.headers.get("ETag", etag) if n % len(paths) == 0 else etag
            n += 1
        return etag

    with ThreadPoolExecutor(WARM_THREADS) as pool:
        etags = [etag for etag in pool.map(poll, range(WARM_THREADS)) if etag]
    return etags[-1] if etags else ""


def outage_probes(base: str, etag: str, seconds: float) -> dict:
    """About once a second while the database is down: pages (status, time, Swedish 503?), feeds.

    `/feeds/` (the feed list) reads the database on every request: it must be the 503.
    """
    probes = {"strict": [], "listing": [], "feed": []}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        began = time.monotonic()
        for name, path in (("strict", "/feeds/"), ("listing", "/events/")):
            answer = Visitor(base).get(path)
            probes[name].append((answer.status, answer.seconds, SWEDISH_503 in answer.body))
        probes["feed"].append(Visitor(base).get("/feeds/events.ics").status)
        conditional = Visitor(base).get("/feeds/events.ics", {"If-None-Match": etag})
        probes["feed"].append(conditional.status)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - began)))
    return probes


def wait_for_200(base: str, path: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if Visitor(base).get(path).status == 200:
            return True
        time.sleep(0.2)
    return False
