"""Logging helpers for commands."""

import logging
from contextlib import contextmanager

QUEUE_LOGGER = "django-q"


@contextmanager
def quiet_queue():
    """Hide django-q's INFO lines ("Enqueued [portal] 1", one per published page) while a
    bulk command runs; its warnings and errors still show. The level is restored after."""
    logger = logging.getLogger(QUEUE_LOGGER)
    previous = logger.level
    if logger.getEffectiveLevel() < logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)
