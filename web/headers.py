"""Security headers on every response, pages, API and static files alike.

The CSP allows no inline script or style, so an injected `<script>` or `style=""` does
nothing even if escaping is ever missed; the templates keep all CSS in static/css.
"""

from flask import Flask, Response, g, request, session

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Nothing in the service uses these browser features; deny them to embedded content too.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# includeSubDomains: a sibling host (a test or admin subdomain) must not be a plain-http way to
# plant cookies for this one. Not `preload`: that is a decision for whoever owns the domain.
HSTS = "max-age=31536000; includeSubDomains"

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    # Over plain http a browser ignores HSTS anyway; sending it only over https keeps local
    # http use possible. Behind a proxy, request.is_secure needs JOBBRIDGE_PROXY_HOPS.
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if _personal():
        response.headers["Cache-Control"] = "no-store"
    return response


def _personal() -> bool:
    """A logged-in answer (cookie or token) or one that writes the session cookie may hold
    personal data or a CSRF token: no shared or back-button cache may keep it."""
    return g.get("user") is not None or session.modified
