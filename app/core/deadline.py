"""A hard ceiling on the wall-clock time of pure work that could run away.

`dateutil.rrule` looks for a rule's next date until it finds one or passes year 9999: a
rule whose dates never exist (30 February) costs half a minute of a worker. Static checks
in `app.events.recurrence` refuse the rules known to do that; this ceiling bounds whatever
they miss. The work runs in a helper thread; if it overruns, an exception is raised inside
that thread (CPython's `PyThreadState_SetAsyncExc`), which stops pure Python code at its
next instruction, and the caller gets `Overrun`. Only for pure code that holds no locks
and touches no database: it must be safe to stop anywhere.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Overrun(Exception):
    """The work took longer than its ceiling and was stopped."""


def within(seconds: float, work: Callable[..., T], *args) -> T:
    """`work(*args)`, or Overrun if it has not finished within `seconds`."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work(*args)
        except Overrun:
            outcome["overrun"] = True
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=run, name="torget-deadline", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        _raise_in(worker)
        worker.join(1.0)
        raise Overrun(f"stopped after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    if outcome.get("overrun"):
        raise Overrun(f"stopped after {seconds} s")
    return outcome["value"]


def _raise_in(thread: threading.Thread) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread.ident), ctypes.py_object(Overrun)
    )
