"""Response headers every page and API answer carries."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def init_app(app) -> None:
    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # Pages, JSON and every export (CSV or JSON attachments hold contact details and notes)
        # are never kept by a browser or proxy; only answers that set their own caching (static
        # files, the picture bundle) may be.
        response.headers.setdefault("Cache-Control", "no-store")
        return response
