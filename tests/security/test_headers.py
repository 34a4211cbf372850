"""Security headers (issue #13, finding 2): a per-request CSP nonce and no 'unsafe-inline'
for scripts on public pages, including pages served from the page cache; the admin's
scoped exception; Permissions-Policy, nosniff, Referrer-Policy and frame options."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict:
    parts = (p.split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def _nonce_attrs(content: bytes) -> set:
    return set(re.findall(rb'<script[^>]*\snonce="([^"]+)"', content))


def _assert_public_policy(response):
    script = _directives(response["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    nonces = [s for s in script if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    assert len(nonce) >= 22  # 128 random bits, base64
    # Every script in the page carries the header's nonce.
    assert _nonce_attrs(response.content) == {nonce.encode()}
    return nonce


def test_public_pages_use_a_nonce_and_no_unsafe_inline(client, site):
    first = client.get("/about/")
    second = client.get("/about/", {"x": "1"})  # another URL: rendered, not cached
    assert first.status_code == second.status_code == 200
    assert _assert_public_policy(first) != _assert_public_policy(second)


def test_cached_pages_get_a_fresh_nonce_matching_their_header(client, site):
    nonces = set()
    for expected in ("miss", "hit", "hit"):
        response = client.get("/about/")
        assert response["X-Page-Cache"] == expected
        nonces.add(_assert_public_policy(response))
    assert len(nonces) == 3
    # The browser's copy stays valid: a 304 carries no body and no new policy.
    etag = response["ETag"]
    assert client.get("/about/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_no_inline_script_in_public_templates():
    """Public templates may only have scripts with src= or a nonce (the admin's own are
    covered by the admin policy below)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        if "/admin/" in str(template) or "/reports/" in template.relative_to(root).as_posix():
            continue
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag and "application/json" not in tag:
                offenders.append(f"{template.relative_to(root)}: {tag}")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{template.relative_to(root)}: inline event handler")
    assert offenders == []


def test_admin_policy_allows_wagtails_inline_scripts_without_a_nonce(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert not any(v.startswith("'nonce-") for v in policy["script-src"])
    # The rest of the policy is the public one.
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("path", ["/about/", "/admin/login/", "/api/v2/pages/", "/search/"])
def test_other_security_headers(client, site, path):
    response = client.get(path)
    assert response.status_code == 200
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "payment=()"):
        assert feature in permissions
    # The nearest-shelter finder may ask for the position on the portal's own pages, and
    # no embedded frame may.
    assert "geolocation=(self)" in [item.strip() for item in permissions.split(",")]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_portal_csp_environment_variable_replaces_the_policy():
    from csp.constants import NONCE

    from portal.settings.env import parse_policy

    policy = parse_policy(
        "default-src 'none'; script-src 'self' 'nonce'; upgrade-insecure-requests"
    )
    assert policy == {
        "default-src": ["'none'"],
        "script-src": ["'self'", NONCE],
        "upgrade-insecure-requests": True,
    }
