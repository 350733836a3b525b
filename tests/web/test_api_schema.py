"""The JSON API against its own OpenAPI schema, with requests that schemathesis makes from it
(issue 12, item 18: 15,000 such requests found 500s). No generated request may get a 500 or an
answer its schema does not describe; an editor's token is sent, so that writes run too.

Bounded: a few examples per operation, on both databases (about :data:`EXAMPLES` each).
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from chiso.services.users import accounts as users
from chiso.store.db import Database
from tests.web.helpers import add

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

#: What is checked of every answer: no server error, and status, content type, headers and body as
#: the schema documents them. (Whether a schema-valid request is accepted is the business of the
#: use case: accepting a mention twice is a documented 409, not a schema break.)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

#: Examples per operation (about twenty operations): a few hundred requests per database.
EXAMPLES = 15


@pytest.fixture
def editor_token(database: Database) -> str:
    users.add_user(database, "biên-tập", "editor", "mật khẩu đủ dài", actor="test")
    return users.create_token(database, "biên-tập", actor="test").token


def test_no_request_gets_a_500_or_breaks_the_schema(app: Any, database: Database, editor_token: str) -> None:
    add(database)  # a report with mentions, so that small ids name something
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {editor_token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
        )
        def check(case: Any) -> None:
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}")
                return
            try:
                case.validate_response(response, checks=CHECKS)
            except BaseException as exc:  # schemathesis raises a group of its checks' failures
                if isinstance(exc, KeyboardInterrupt | SystemExit):
                    raise
                text = str(exc)
                failures.append(f"{case.method} {case.formatted_path}: {' '.join(text.split())[:300]}")

        check()
    assert failures == []


def test_the_schema_is_served(client: TestClient) -> None:
    assert client.get("/api/openapi.json").json()["paths"]
