"""A circuit breaker for a remote search engine.

A hanging engine (it accepts connections and never answers) would otherwise make every
uncached search wait the full read timeout. After ``failures`` consecutive failures the
breaker *opens*: for ``cooldown`` seconds calls fail at once (the caller answers from the
embedded index) without touching the network. Then one call is let through (*half-open*):
if it succeeds the breaker closes, if it fails it opens for another cool-down. So a
hanging engine costs one slow request per process per cool-down, not one per search.

The state is per process (each web worker finds out for itself, at the cost of one slow
request); it needs no shared cache, which may itself be what is failing."""

from __future__ import annotations

import threading
import time


class BreakerOpen(Exception):
    """The engine failed recently; it is not asked again before the cool-down ends."""


class CircuitBreaker:
    def __init__(self, failures: int = 1, cooldown: float = 30.0, clock=time.monotonic):
        self.threshold = max(1, failures)
        self.cooldown = cooldown
        self.clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until = 0.0
        self._probing = False

    @property
    def is_open(self) -> bool:
        return self._failures >= self.threshold and self.clock() < self._open_until

    def before(self) -> None:
        """Raise :class:`BreakerOpen` unless a call may go to the engine now."""
        with self._lock:
            if self._failures < self.threshold:
                return
            if self.clock() < self._open_until or self._probing:
                raise BreakerOpen(
                    f"skipped for {max(0, self._open_until - self.clock()):.0f} s more after "
                    f"{self._failures} failure(s)"
                )
            self._probing = True  # half-open: this call is the probe, others still skip

    def success(self) -> None:
        with self._lock:
            self._failures = 0
            self._probing = False

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            self._probing = False
            if self._failures >= self.threshold:
                self._open_until = self.clock() + self.cooldown

    def call(self, func, *args, **kwargs):
        self.before()
        try:
            result = func(*args, **kwargs)
        except BaseException:
            self.failure()
            raise
        self.success()
        return result
