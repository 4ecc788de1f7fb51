"""The throughput benchmark's quick run measures every contender and prints a row for each."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.throughput.__main__ import main
from benchmarks.throughput.contenders import CONTENDERS


def _table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the first table under ``heading``, as lists of cells."""
    blocks = markdown.split(f"{heading}\n\n", 1)[1].split("\n\n")
    table = next(block for block in blocks if block.startswith("|")).splitlines()
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table[2:]]


def _quick(storage: str, out: Path, *extra: str) -> str:
    report = main(["--quick", "--storages", storage, "--out", str(out), *extra])
    return report.markdown()


@pytest.mark.slow
def test_a_quick_sqlite_run_has_a_row_per_contender_and_loses_no_trial(tmp_path: Path) -> None:
    markdown = _quick("sqlite", tmp_path)

    rows = _table_rows(markdown, "### Trials per second")
    assert [row[0] for row in rows] == list(CONTENDERS)
    for row in rows:
        # A rate alone: the note "(k complete of n ...)" would say trials were lost.
        assert float(row[1]) > 0, row
    assert [row[0] for row in _table_rows(markdown, "### ask + tell at 20 trials")] == list(
        CONTENDERS
    )
    written = (tmp_path / "throughput.md").read_text(encoding="utf-8")
    assert "### Trials per second" in written
    csv_lines = (tmp_path / "throughput.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == 1 + 2 * len(CONTENDERS)


@pytest.mark.slow
@pytest.mark.postgres
def test_a_quick_postgresql_run_makes_and_drops_its_own_databases(
    postgres_server_url: str, tmp_path: Path
) -> None:
    import sqlalchemy as sa

    prefix = "tunesmith_throughput_smoke_"
    markdown = _quick(
        "postgresql",
        tmp_path,
        "--postgres-url",
        postgres_server_url,
        "--database-prefix",
        prefix,
        "--contenders",
        "tunesmith-tpe",
        "optuna-tpe",
        "--measure",
        "throughput",
    )

    rows = _table_rows(markdown, "### Trials per second")
    assert [row[0] for row in rows] == ["tunesmith-tpe", "optuna-tpe"]
    assert all(float(row[1]) > 0 for row in rows)
    engine = sa.create_engine(sa.make_url(postgres_server_url))
    with engine.connect() as connection:
        left = connection.execute(
            sa.text("SELECT count(*) FROM pg_database WHERE datname LIKE :prefix"),
            {"prefix": f"{prefix}%"},
        ).scalar_one()
    engine.dispose()
    assert left == 0
