"""The disk-full run: Torget's SQLite database on a small tmpfs that is then filled up.

Mounting a tmpfs needs root (CAP_SYS_ADMIN); the run says so in its crash message when
the mount is refused rather than using a substitute.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from loadtest import forms, result, servers, store
from loadtest.client import Visitor, parse_form
from loadtest.faults import SWEDISH_503, typed_values_shown
from loadtest.runs import Outcome, Target, read, registration_work, tally

#: Submissions tried while the disk is full (one at a time).
ATTEMPTS = 20
#: How many nominations among them.
NOMINATIONS = 5
#: A 503 is clear when it says, in Swedish, that the service is down or nothing was saved.
CLEAR_503 = (SWEDISH_503, "Inget sparades")


def disk_full(target: Target, size: int, tag: str) -> dict:
    """The SQLite database on a full tmpfs: a clear 503, reads go on, nothing half-written."""
    source = Path(target.url.removeprefix("sqlite:///"))
    megabytes = int(source.stat().st_size / 1_048_576) + 8
    with servers.small_filesystem(target.workdir, megabytes) as mount:
        path = mount / "torget.sqlite"
        copy_database(source, path)
        full = Target("sqlite", f"sqlite:///{path}", target.workdir, logs=target.logs)
        return on_full_disk(full, path, mount, tag)


def copy_database(source: Path, destination: Path) -> None:
    """SQLite's online backup, then no WAL left over: the copy starts small."""
    old, new = sqlite3.connect(source), sqlite3.connect(destination)
    try:
        old.backup(new)
        new.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        old.close()
        new.close()
    shutil.copymode(source, destination)


def attempt(base: str, page: str, action: str | None, fill, names, i: int):
    """One submission on the full disk: its outcome, and whether a 503 was clear in Swedish
    and showed what was typed."""
    visitor = Visitor(base)
    form_page = visitor.get(page)
    if form_page.status != 200:
        return Outcome(i, form_page.status), (True, True)
    fields = fill(parse_form(form_page.body, action), i)
    began = time.monotonic()
    answer = visitor.post(action or page, fields)
    acknowledged = answer.status == 302
    shown = answer.status != 503 or typed_values_shown(answer.body, fields, names)
    clear = answer.status != 503 or any(text in answer.body for text in CLEAR_503)
    outcome = Outcome(i, answer.status, True, acknowledged, True, began, answer.seconds)
    return outcome, (shown, clear)


def on_full_disk(full: Target, path: Path, mount: Path, tag: str) -> dict:
    event_id, _capacity = store.breakfast(full.url)
    nominate = store.nomination_path(full.url)
    with full.serve() as server:
        base = server.base
        before = [registration_work(base, event_id, tag)(i) for i in range(3)]
        filler = servers.fill(mount)
        tries = []
        for i in range(3, 3 + ATTEMPTS):
            if i < 3 + NOMINATIONS:
                fill = lambda form, n: forms.nomination(form, tag, n)  # noqa: E731
                tries.append(attempt(base, nominate, None, fill, ("company_name",), i))
            else:
                fill = lambda form, n: forms.registration(form, tag, n)  # noqa: E731
                tries.append(
                    attempt(
                        base,
                        f"/events/{event_id}",
                        f"/events/{event_id}/register",
                        fill,
                        ("name", "email"),
                        i,
                    )
                )
        reads = [read(base, p, 0) for p in ("/events/", f"/events/{event_id}", "/feeds/events.ics")]
        (mount / "filler").unlink()
        after = registration_work(base, event_id, tag)(999)
    outcomes = before + [o for o, _shown in tries] + [after] + reads
    stored = set(store.stored_registrations(full.url, tag)) | store.stored_nominations(
        full.url, tag
    )
    run = tally(result("disk-full", "sqlite"), outcomes, stored, len(outcomes))
    figures = run["figures"]
    figures["filler_mb"] = round(filler / 1_048_576, 1)
    figures["status_503"] = sum(o.status == 503 for o, _shown in tries)
    figures["typed_not_shown"] = sum(not shown for _o, (shown, _clear) in tries)
    figures["unclear_503"] = sum(not clear for _o, (_shown, clear) in tries)
    figures["reads_failed"] = sum(o.status != 200 for o in reads)
    figures["integrity_ok"] = int(store.integrity(str(path)) == "ok")
    figures["half_written"] = store.partial_registrations(full.url)
    figures["write_after_free"] = int(after.acknowledged)
    run["rules"] = {
        "max_5xx": ATTEMPTS,
        "bounds": {
            "status_503": (">=", 1), "typed_not_shown": ("==", 0), "unclear_503": ("==", 0),
            "reads_failed": ("==", 0),
            "integrity_ok": ("==", 1), "half_written": ("==", 0), "write_after_free": ("==", 1),
        },
    }  # fmt: skip
    return run
