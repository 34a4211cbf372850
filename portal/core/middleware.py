"""Security headers Django 5.2 does not set by itself."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy from ``PORTAL_CSP`` to public responses.

    The Wagtail admin ships inline scripts and styles it controls; its pages get the policy
    without ``frame-ancestors`` tightening beyond 'self' (same string), which it satisfies."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PORTAL_CSP

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response
