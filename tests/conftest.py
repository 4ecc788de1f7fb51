"""Settings and fixtures every test run shares.

The PostgreSQL server is named by ``TUNESMITH_TEST_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1/test``). When none answers, its tests
are skipped, except on CI with the variable set, where they fail. Each test
session works in a PostgreSQL schema of its own, so that two sessions against
one server do not see each other's tables.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tunesmith.storage.sql.urls import masked, parse_url

# Keras 3 runs on PyTorch in tunesmith's tests (TensorFlow is not installed); Keras reads the
# backend once, when first imported, so it is set before any test module imports keras.
os.environ.setdefault("KERAS_BACKEND", "torch")


POSTGRES_URL_VARIABLE = "TUNESMITH_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1/test"


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The URL of a PostgreSQL server that answered within 2 s; skips (or fails on CI)."""
    url = os.environ.get(POSTGRES_URL_VARIABLE, DEFAULT_POSTGRES_URL)
    engine = sa.create_engine(parse_url(url), connect_args={"connect_timeout": 2})
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as error:
        message = f"No PostgreSQL server answered at {masked(url)!r} within 2 s: {error.orig}"
        if os.environ.get("CI") and POSTGRES_URL_VARIABLE in os.environ:
            pytest.fail(message)
        pytest.skip(f"{message}. Set {POSTGRES_URL_VARIABLE} to run the PostgreSQL tests.")
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A URL whose tables live in a PostgreSQL schema made for this session only."""
    schema = f"tunesmith_test_{os.getpid()}_{secrets.token_hex(4)}"
    server = parse_url(postgres_server_url)
    engine = sa.create_engine(server)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    # The tests need no durability against a server crash; not waiting for it is faster.
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    url = server.update_query_dict({"options": options})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
