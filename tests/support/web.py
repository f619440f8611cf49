"""The web tests' helpers: the app on a temporary SQLite database with a fixed clock, driven
by FastAPI's TestClient as a client on 127.0.0.1:8000, and the wizard's forms."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from naitei.web import Settings, create_app
from tests.support.cases import NOW
from tests.support.cases import example as example
from tests.support.flows import PAYLOAD as PAYLOAD
from tests.support.flows import WIZARD_FORM as WIZARD_FORM

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette: "use httpx2" (a UserWarning); httpx works
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8000"
ORIGIN = {"Origin": BASE, "Sec-Fetch-Site": "same-origin"}
# Every field that takes free text (the XSS payload goes into each).
WIZARD_FREE_TEXT = [
    "applicant.name",
    "applicant.kana",
    "applicant.school",
    "applicant.faculty",
    "applicant.address",
    "company.name",
    "company.department",
    "company.contact_title",
    "company.contact_name",
    "decline.reason_detail",
    "withdrawal.why_detail",
    "withdrawal.strengths",
]


def decline_form(count: int = 3) -> dict[str, str]:
    """examples/decline-three.toml as the decline form's fields."""
    data = example("decline-three.toml")
    form = {f"applicant.{k}": v for k, v in data["applicant"].items()}
    form |= {f"decline.{k}": v for k, v in data["decline"].items()}
    for index, company in enumerate(data["companies"][:count]):
        for key, value in company.items():
            if key in ("reason", "reason_detail"):
                continue
            text = ("yes" if value else "no") if isinstance(value, bool) else str(value)
            form[f"companies.{index}.{key}"] = text
    return form | {"count": str(count), "action": "make"}


TOKEN = "test-token-of-the-web-suite"  # the key of the server (naitei.web.auth)
AUTH = {"Authorization": f"Bearer {TOKEN}"}


FLOWS = ("/withdraw", "/decline")  # forms answered with 303 See Other (Post/Redirect/Get)


class BrowserClient(TestClient):
    """A TestClient that, like a browser, follows the redirect after sending a wizard's form
    (other redirects stay visible to the tests, as before)."""

    def post(self, url: Any, *args: Any, **kwargs: Any) -> Any:
        if str(url) in FLOWS:
            kwargs.setdefault("follow_redirects", True)
        return super().post(url, *args, **kwargs)

    def get(self, url: Any, *args: Any, **kwargs: Any) -> Any:
        if str(url) in FLOWS:
            kwargs.setdefault("follow_redirects", True)
        return super().get(url, *args, **kwargs)


def make_client(folder: Path, *, keyless: bool = False, **settings: Any) -> TestClient:
    """The app on a database in `folder`, as a script holding its key (`keyless`: as anyone)."""
    url = f"sqlite:///{folder / 'naitei.db'}"
    settings.setdefault("token", TOKEN)
    app = create_app(Settings(database_url=url, clock=lambda: NOW, **settings))
    headers = {} if keyless else AUTH
    return BrowserClient(app, base_url=BASE, follow_redirects=False, headers=headers)


def post_wizard(client: TestClient, form: dict[str, str], step: int = 4) -> Any:
    return client.post("/withdraw", data={**form, "step": str(step), "action": "next"})


def hidden_case(html: str) -> str:
    """The case JSON a result page carries in its hidden field."""
    import html as html_module
    import re

    match = re.search(r'name="case" value="([^"]*)"', html)
    assert match, "no hidden case field"
    return html_module.unescape(match[1])


def problem_fields(response: Any) -> list[str | None]:
    assert response.status_code == 422, response.text
    return [item["field"] for item in response.json()["detail"]]


def saved_case(client: Any) -> str:
    case = hidden_case(post_wizard(client, WIZARD_FORM).text)
    location = client.post("/cases", data={"case": case}).headers["location"]
    assert location.endswith("?saved")
    return str(location.split("/")[2].split("?")[0])


def multipart(fields: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body of text fields, as a browser sends a form with
    ``enctype="multipart/form-data"`` (httpx makes one only when there are files), and its
    Content-Type header."""
    boundary = "naitei-test-boundary-7MA4YWxkTrZu0gW"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
