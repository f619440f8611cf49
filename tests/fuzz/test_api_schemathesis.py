"""The JSON API against its own OpenAPI schema (schemathesis, in process, no server).

Every operation under /api/ gets generated requests — valid ones from the schema, invalid
ones that break it, and the edge values of its coverage phase — and then sequences that
follow the schema's links (add a case, show it, log an event, delete it). Every response
must be documented: no 5xx, a documented status code and content type, a body that
matches its schema, a schema-violating request refused, a 405 naming the allowed methods.

Left out, on purpose: ``positive_data_acceptance`` (a schema-valid request must succeed).
The case file has rules that JSON Schema cannot say — business hours that leave no call
window, a decline after `now`, a company named twice in a decline file, a withdrawal-only
document asked for a decline file — and those requests get the documented 422 naming the
field. Every rule that a schema can say is in the schema (naitei.case_schema), and
`test_every_operation_answered_2xx_and_no_5xx` makes sure the generated requests reach
past validation into the assessment, the plan, the documents and the store.

The app runs on a temporary SQLite database with the tests' fixed clock; requests carry
Host 127.0.0.1:8000 (the app's allowlist), the server's key as a Bearer token and no Origin,
like any script.
"""

from __future__ import annotations

import collections
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from naitei.web import Settings, create_app
from naitei.web.deps import StoreHolder
from tests.support.cases import NOW

pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 200  # Hypothesis examples of the fuzzing phase, per operation
STATEFUL_EXAMPLES = 150  # sequences of linked calls
STATEFUL_STEPS = 8  # calls per sequence at most
BASE = "http://127.0.0.1:8000"
EXCLUDED = [positive_data_acceptance]

# The app is built at import (schemathesis reads its schema to parametrize the tests) on an
# in-memory placeholder database; `private_database` swaps in a temporary file before use.
TOKEN = "fuzz-token"  # every request carries the server's key (naitei.web.auth)
HEADERS = {"Host": "127.0.0.1:8000", "Authorization": f"Bearer {TOKEN}"}
app = create_app(Settings(database_url="sqlite://", clock=lambda: NOW, token=TOKEN))
schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=HEADERS)
schema.config.update(base_url=BASE)
# The schema documents the key (securitySchemes): schemathesis would otherwise make one up.
schema.config.auth = type(schema.config.auth).from_dict({"openapi": {"bearer": {"bearer": TOKEN}}})

REQUESTS: collections.Counter[tuple[str, str, int]] = collections.Counter()  # per operation
SENT = collections.Counter[str]()  # every request the app received, the checks' own included


class Counting:
    """The app, counting the requests that reach it (schemathesis calls it in process)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            SENT[scope["method"]] += 1
        await self.inner(scope, receive, send)


schema.app = Counting(app)


def record(case: Any, status: int) -> None:
    REQUESTS[(case.method.upper(), case.path, status)] += 1


@pytest.fixture(scope="module", autouse=True)
def private_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    holder = StoreHolder(
        Settings(database_url=f"sqlite:///{folder / 'naitei.db'}", clock=lambda: NOW)
    )
    app.state.store = holder
    yield folder
    holder.close()


SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.include(path_regex="^/api/").parametrize()
@SETTINGS
def test_operation_conforms(case: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        response = case.call(base_url=BASE)
    record(case, response.status_code)
    case.validate_response(response, excluded_checks=EXCLUDED)


class Workflows(schema.as_state_machine()):  # type: ignore[misc]
    """Sequences along the schema's links: add a case, then show, log events, delete."""

    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        return {"base_url": BASE}

    def after_call(self, response: Any, case: Any) -> None:
        super().after_call(response, case)
        record(case, response.status_code)

    def validate_response(
        self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
    ) -> None:
        case.validate_response(
            response,
            excluded_checks=EXCLUDED,
            transport_kwargs=kwargs or None,
            recorder=getattr(self, "recorder", None),
        )


def test_linked_calls_conform() -> None:
    Workflows.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_every_operation_answered_2xx_and_no_5xx(capsys: pytest.CaptureFixture[str]) -> None:
    """Runs last: the generated requests reached every operation's success path."""
    if not REQUESTS:
        pytest.skip("run with the tests above (nothing was generated in this session)")
    total = sum(REQUESTS.values())
    by_operation: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    for (method, path, status), count in REQUESTS.items():
        by_operation[(method, path)][f"{status // 100}xx"] += count
    operations = {(op.method.upper(), op.path) for op in _api_operations()}
    with capsys.disabled():
        sent = sum(SENT.values())
        probes = total - sum(sum(c.values()) for k, c in by_operation.items() if k in operations)
        print(f"\nschemathesis: {sent} requests reached the app ({total} generated cases, of")
        print(f"which {probes} use a method the path does not have); per operation:")
        for key in sorted(operations):
            counts = by_operation.get(key, collections.Counter())
            shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print(f"  {key[0]:6} {key[1]:32} {shown}")
    assert not [key for key in REQUESTS if key[2] >= 500]
    missing = [key for key in sorted(operations) if not by_operation[key]["2xx"]]
    assert not missing, f"no successful request for {missing}"


def _api_operations() -> list[Any]:
    return [
        result.ok()
        for result in schema.get_all_operations()
        if result.ok().path.startswith("/api/")
    ]
