"""Loaded by every Python process of a test run whose clock libfaketime moves (tests/conftest.py
puts this directory on PYTHONPATH then): the servers and workers the tests start as well.

Debian's libfaketime 0.9.10, with its monotonic clock excluded (the way docs/testing.md moves the
machine clock), makes `time.sleep` fail with EINVAL: it shifts the absolute monotonic deadline
Python passes to clock_nanosleep by the wall-clock offset. select() takes a relative timeout and
is unaffected, so these processes sleep through it.
"""
import os
import select
import time


def _select_sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    select.select([], [], [], seconds)


if "faketime" in os.environ.get("LD_PRELOAD", "") and os.environ.get("FAKETIME_DONT_FAKE_MONOTONIC") == "1":
    time.sleep = _select_sleep
