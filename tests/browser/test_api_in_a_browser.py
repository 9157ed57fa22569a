"""In a real browser (Chromium): the docs page writes with the token; another site's page cannot write."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dancecard.portfolio.models import Partner

pytestmark = pytest.mark.django_db(transaction=True)


def test_try_it_out_in_the_docs_sends_the_token_and_creates_the_partner(page):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto("/api/docs")
    operation = page.locator(".opblock-post", has=page.locator('[data-path="/api/partners"]'))
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.locator("textarea.body-param__text").fill(json.dumps({"name": "From the docs"}))
    with page.expect_response(lambda r: r.url.endswith("/api/partners") and r.request.method == "POST") as sent:
        operation.get_by_role("button", name="Execute").click()
    response = sent.value
    assert response.request.headers.get("x-csrftoken"), response.request.headers
    assert response.status == 201, response.text()
    assert Partner.objects.filter(name="From the docs").exists()
    operation.locator(".live-responses-table .response-col_status", has_text="201").wait_for()
    assert not [p for p in problems if "Content Security Policy" in p and "script" in p], problems


@pytest.fixture
def attacker():
    """Another web site: its own server on another port, serving the page it is given."""
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield pages, server.server_address[1]
    server.shutdown()
    server.server_close()


# Another site's POST does not even carry the session (its cookie is SameSite=Lax): 401. A page on the same
# site (another port) does carry it, and the missing CSRF token stops it: 403.
@pytest.mark.parametrize("host, refused", [("127.0.0.1", 401), ("localhost", 403)],
                         ids=["another-site", "same-site-another-port"])
def test_another_sites_page_cannot_write_through_the_browser(page, live_server, attacker, host, refused):
    """The probe: a text/plain fetch and a text/plain form, both "simple" requests sent without preflight."""
    page.goto("/partners/new/")  # the user has Dancecard open: the browser holds its csrftoken cookie
    assert any(c["name"] == "csrftoken" for c in page.context.cookies())
    target = f"{live_server.url}/api/partners"
    pages, port = attacker
    pages["/prize"] = f"""<!doctype html><title>Win a prize</title>
        <form id="f" method="post" enctype="text/plain" action="{target}">
          <input name='{{"name": "Evil form", "notes": "' value='"}}'>
        </form>
        <script>
          fetch("{target}", {{method: "POST", mode: "no-cors", credentials: "include",
                              headers: {{"Content-Type": "text/plain"}}, body: JSON.stringify({{name: "Evil fetch"}})}})
            .finally(() => document.getElementById("f").submit());
        </script>"""
    sent = []
    page.on("request", lambda r: r.url == target and sent.append(r.resource_type))
    with page.expect_response(lambda r: r.url == target and r.request.resource_type == "document") as form:
        page.goto(f"http://{host}:{port}/prize")
    assert sent == ["fetch", "document"], sent
    assert form.value.status == refused
    assert ("X-CSRFToken" if refused == 403 else "Sign in") in form.value.json()["detail"]
    assert not Partner.objects.exists()
