"""Usage errors of ``workbench``: one line on stderr and exit status 2, never a traceback.

A plain-http server address that is not this machine is refused before anything connects
(tokens would cross the network in clear), so these tests send no traffic anywhere.
"""

from __future__ import annotations

import pytest

from workbench.cli import EXIT_USAGE, main

REMOTE = "http://192.0.2.10:8765"  # TEST-NET-1: never routed; refused before connecting anyway


@pytest.mark.parametrize(
    "argv",
    [
        ["sync", "--server", REMOTE, "--account", "creator_demo"],
        ["status", "--server", REMOTE, "--account", "creator_demo"],
        ["--server", REMOTE],
        ["sync", "--server", "ftp://example.com", "--account", "creator_demo"],
        ["sync", "--server", "https://", "--account", "creator_demo"],
    ],
    ids=["sync", "status", "app", "not-http", "no-host"],
)
def test_a_bad_server_address_is_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_USAGE == 2  # argparse's status for a usage error
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: error: "), err
    if REMOTE in argv:
        assert "https://192.0.2.10:8765" in lines[0]
