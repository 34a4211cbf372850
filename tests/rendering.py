"""Template rendering without the test client's recording, for request sweeps.

Django's test set-up replaces ``Template._render`` with a version that sends a signal on
every render; while a test client request runs, the client answers it by storing the
template and a copy of its context (``response.templates``, ``response.context``). On an
admin page, with hundreds of template renders each copying a deep context, that costs
about 30 % of the request (the admin crawl of the city supervisor: 16.0 s → 11.4 s CPU).

Tests that make hundreds of requests and read only the status and the HTML render with
Django's own ``Template._render`` inside ``templates_not_recorded()``: the pages are
rendered by exactly the code production runs; only ``response.context`` and
``response.templates`` stay empty.
"""

import contextlib


@contextlib.contextmanager
def templates_not_recorded():
    from django.template.base import Template
    from django.test.utils import _TestState

    original = getattr(getattr(_TestState, "saved_data", None), "template_render", None)
    if original is None:  # the test environment is not set up: nothing is recorded anyway
        yield
        return
    instrumented = Template._render
    Template._render = original
    try:
        yield
    finally:
        Template._render = instrumented
