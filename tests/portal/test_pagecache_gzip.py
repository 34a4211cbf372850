"""The page cache answers first and compresses: a hit runs no other middleware yet keeps
the security headers, cached and uncached public pages are sent gzipped to clients that
accept it (each answer with its own CSP nonce), and pages that show a CSRF token or belong
to staff are never compressed (BREACH)."""

import gzip
import re

import pytest
from django.middleware.security import SecurityMiddleware

from portal.core import compression, pagecache
from portal.core.pagecache_entries import EntryMemory

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def site(db):
    import io

    from demo import home as demo

    demo.load(io.StringIO())
    demo.finish(io.StringIO())


def _nonce_in_page(content: bytes) -> str:
    return re.search(rb'nonce="([^"]+)"', content).group(1).decode()


def _nonce_in_header(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_hit_runs_no_other_middleware_and_keeps_the_security_headers(client, site, monkeypatch):
    calls = []
    original = SecurityMiddleware.process_request

    def counted(self, request):
        calls.append(request.path)
        return original(self, request)

    monkeypatch.setattr(SecurityMiddleware, "process_request", counted)
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert calls == ["/about/"]
    hit = client.get("/about/")
    assert hit["X-Page-Cache"] == "hit"
    assert calls == ["/about/"], "a hit went through the middleware stack"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Referrer-Policy"] and hit["Permissions-Policy"]
    assert _nonce_in_header(hit) == _nonce_in_page(hit.content)


def test_cached_page_is_sent_gzipped_with_a_fresh_nonce(client, site):
    plain = client.get("/about/")
    first = client.get("/about/", **GZIP)
    second = client.get("/about/", **GZIP)
    for response in (first, second):
        assert response["X-Page-Cache"] == "hit"
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"] and "Cookie" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) < len(plain.content) / 2
        page = gzip.decompress(response.content)
        assert _nonce_in_page(page) == _nonce_in_header(response)
        assert page.replace(_nonce_in_page(page).encode(), b"") == plain.content.replace(
            _nonce_in_page(plain.content).encode(), b""
        )
    assert _nonce_in_header(first) != _nonce_in_header(second)
    assert "Content-Encoding" not in plain
    assert first["ETag"] != plain["ETag"]
    assert client.get("/about/", HTTP_IF_NONE_MATCH=first["ETag"], **GZIP).status_code == 304


def test_the_miss_itself_is_gzipped(client, site):
    miss = client.get("/about/", **GZIP)
    assert miss["X-Page-Cache"] == "miss" and miss["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(miss.content)


def test_head_gets_the_headers_without_a_body(client, site):
    client.get("/about/")
    head = client.head("/about/", **GZIP)
    assert head["X-Page-Cache"] == "hit" and head["Content-Encoding"] == "gzip"
    assert head.content == b"" and int(head["Content-Length"]) > 0


def test_uncached_anonymous_pages_are_gzipped_too(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    response = client.get("/about/", **GZIP)
    assert "X-Page-Cache" not in response
    assert response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)


def test_no_gzip_when_the_client_refuses_it(client, site):
    client.get("/about/")
    refused = client.get("/about/", HTTP_ACCEPT_ENCODING="gzip;q=0, br")
    assert "Content-Encoding" not in refused and b"</html>" in refused.content


def test_pages_with_a_csrf_token_are_never_compressed(client, site):
    login = client.get("/admin/login/", **GZIP)
    assert login.status_code == 200 and b"csrfmiddlewaretoken" in login.content
    assert "Content-Encoding" not in login


def test_staff_pages_are_never_compressed(client, site, admin_user):
    client.force_login(admin_user)
    staff = client.get("/about/", **GZIP)
    assert staff.status_code == 200 and "Content-Encoding" not in staff
    assert b"</html>" in staff.content


@pytest.mark.parametrize(
    "header, accepted",
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("GZIP", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, br", False),
        ("deflate, br", False),
        ("x-gzipped", False),
        ("", False),
    ],
)
def test_accept_encoding(rf, header, accepted):
    assert compression.accepts_gzip(rf.get("/", HTTP_ACCEPT_ENCODING=header)) is accepted


def test_gzip_stream_takes_any_nonce_of_the_same_length():
    token = b'nonce="' + b"A" * 24 + b'"'
    page = (
        b"<html>" + b"<p>\xe5\xba\x94\xe6\x80\xa5</p>" * 400 + token + b"<b>x</b>" + token + b"end"
    )
    parts = page.split(token)
    pieces = compression.gzip_pieces(parts, token)
    new = b'nonce="' + b"z9+/" * 6 + b'"'
    assert gzip.decompress(compression.gzip_body(pieces, parts, new)) == new.join(parts)
    plain = [b"no nonce here " * 50]
    assert gzip.decompress(compression.gzip_body(compression.gzip_pieces(plain, b""), plain, b""))


def test_memory_copy_keeps_the_most_served_entries_within_its_size():
    memory = EntryMemory(max_bytes=100)
    memory.put("a", {"n": 1}, 40)
    memory.put("b", {"n": 2}, 40)
    assert memory.get("a") == {"n": 1}  # "b" is now the least recently served
    memory.put("c", {"n": 3}, 40)
    assert memory.get("b") is None and memory.get("a") and memory.get("c")
    assert memory.used == 80
    memory.put("huge", {}, 500)
    assert memory.get("huge") is None


def test_memory_copy_never_outlives_a_publication(client, site):
    from portal.home.models import StandardPage

    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    page = StandardPage.objects.get(slug="about")
    page.title = "关于我们（新）"
    page.save_revision().publish()
    fresh = client.get("/about/")
    assert fresh["X-Page-Cache"] == "miss" and "关于我们（新）" in fresh.content.decode()
    assert len(pagecache._memory()) >= 1


def _wsgi(app, path="/about/", **extra):
    from django.test import RequestFactory

    environ = RequestFactory().get(path, **extra).environ
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


def test_wsgi_front_answers_hits_before_django(client, site, settings):
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_started

    from portal.core.pagecache_wsgi import PageCacheApplication

    app = PageCacheApplication(WSGIHandler())
    started = []

    def count(**kwargs):
        started.append(1)

    request_started.connect(count)
    try:
        status, headers, body = _wsgi(app)
        assert status.startswith("200") and headers["X-Page-Cache"] == "miss"
        assert len(started) == 1
        status, headers, body = _wsgi(app, **GZIP)
        assert len(started) == 1, "a hit went through Django's request handling"
        assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
        assert headers["Content-Encoding"] == "gzip" and headers["X-Frame-Options"] == "DENY"
        page = gzip.decompress(body)
        assert _nonce_in_page(page) in headers["Content-Security-Policy"]
        # Conditional requests and visitors with a session are Django's.
        status, _headers, _body = _wsgi(app, HTTP_IF_NONE_MATCH=headers["ETag"], **GZIP)
        assert status.startswith("304") and len(started) == 2
        _wsgi(app, HTTP_COOKIE="sessionid=x")
        assert len(started) == 3
        settings.ALLOWED_HOSTS = ["testserver"]
        status, headers, body = _wsgi(app, HTTP_HOST="evil.example")
        assert headers.get("X-Page-Cache") != "hit" and len(started) == 4  # Django refuses it
    finally:
        request_started.disconnect(count)
