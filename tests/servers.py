"""Real servers for the endpoint tests, each private: loopback only, free ports, a temp folder.

Fixtures (import them into a test module; their names have no ``_fixture`` suffix):

- ``oxigraph_server``: ``oxigraph serve`` from the PyPI package ``oxigraph`` (a test extra),
  with ``--union-default-graph`` so that the stored queries see every graph;
- ``virtuoso_server``: Debian's ``virtuoso-t`` with a virtuoso.ini written here, and
  ``GRANT SPARQL_UPDATE TO "SPARQL"`` so that the anonymous endpoints accept writes;
- ``chromedriver``: ChromeDriver (Debian's ``chromium-driver``) for headless Chromium.

The in-process stub server for error paths is in tests/stub_server.py (re-exported here).

Virtuoso and Chromium tests skip, saying why, only when their binaries are absent
(``tools/install-test-services.sh`` installs them). Every process is started in its own process
group and the whole group is stopped when the fixture ends.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conflictkg import api
from conflictkg.graph.normalise import concat_separators, result_doc
from conflictkg.graph.remote import Endpoint, run_remote_query
from conflictkg.graph.store import Store

from .stub_server import Reply as Reply
from .stub_server import Request as Request
from .stub_server import Responder as Responder
from .stub_server import StubServer as StubServer
from .stub_server import forward as forward

READY_ATTEMPTS = 600  # x 0.1 s: a bound on waiting for a server to start, not a performance check
VIRTUOSO = "/usr/bin/virtuoso-t"
ISQL = "/usr/bin/isql-vt"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@dataclass
class RunningServer:
    """A started server and the URLs the tests use."""

    name: str
    version: str
    process: subprocess.Popen[bytes]
    query: str
    update: str
    graph_store: str
    log: Path


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the OS picks it; a small race remains until the server binds)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start(args: list[str], log: Path, cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """Start a server in a new process group, its output going to ``log``."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=cwd, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the process group: SIGTERM, then SIGKILL if it is still there."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
    else:
        # the leader is gone; children in the group may not be
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, headers: dict[str, str] | None = None) -> None:
    """Poll ``url`` until it answers 2xx; fail with the server's log if the process dies or never answers."""
    for _ in range(READY_ATTEMPTS):
        if process.poll() is not None:
            pytest.fail(f"{url}: the server exited with {process.returncode}:\n{tail(log)}")
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2) as r:
                if 200 <= r.status < 300:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    stop(process)
    pytest.fail(f"{url}: the server did not become ready:\n{tail(log)}")


def ask_url(query_endpoint: str) -> str:
    return query_endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})


# ------------------------------------------------------------------ Oxigraph


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command of the PyPI package, next to this Python first."""
    here = str(Path(sys.executable).parent)
    return shutil.which("oxigraph", path=here + os.pathsep + os.environ.get("PATH", ""))


@pytest.fixture(scope="module", name="oxigraph_server")
def oxigraph_server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    binary = oxigraph_binary()
    if binary is None:
        pytest.fail("the 'oxigraph' command is missing: install the test extras (pip install '.[test]')")
    workdir = tmp_path_factory.mktemp("oxigraph")
    log = workdir / "server.log"
    port = free_port()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    process = start(
        [binary, "serve", "--location", str(workdir / "db"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(ask_url(base + "/query"), process, log, {"Accept": "application/sparql-results+json"})
        yield RunningServer(
            "Oxigraph server", version, process, base + "/query", base + "/update", base + "/store", log
        )
    finally:
        stop(process)


# ------------------------------------------------------------------ Virtuoso

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def virtuoso_version() -> str:
    out = subprocess.run([VIRTUOSO, "+version"], capture_output=True, text=True, check=False)
    for line in (out.stdout + out.stderr).splitlines():
        if line.startswith("Version"):
            return "Virtuoso Open Source " + line.split()[1]
    return "Virtuoso (version unknown)"


@pytest.fixture(scope="module", name="virtuoso_server")
def virtuoso_server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    for binary in (VIRTUOSO, ISQL):
        if not os.access(binary, os.X_OK):
            pytest.skip(
                f"{binary} is not installed (Debian package virtuoso-opensource-7-bin; tools/install-test-services.sh)"
            )
    workdir = tmp_path_factory.mktemp("virtuoso")
    (workdir / "db").mkdir()
    (workdir / "vsp").mkdir()
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(db=workdir / "db", vsp=workdir / "vsp", sql_port=sql_port, http_port=http_port),
        encoding="utf-8",
    )
    log = workdir / "stdout.log"
    process = start([VIRTUOSO, "+configfile", str(ini), "+foreground"], log, cwd=workdir)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_ready(ask_url(base + "/sparql"), process, log, {"Accept": "application/sparql-results+json"})
        grant = subprocess.run(
            [ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL"; checkpoint;'],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if grant.returncode != 0:
            pytest.fail(f"isql-vt GRANT failed ({grant.returncode}): {grant.stdout}{grant.stderr}")
        yield RunningServer(
            "Virtuoso",
            virtuoso_version(),
            process,
            base + "/sparql",
            base + "/sparql",
            base + "/sparql-graph-crud",
            log,
        )
    finally:
        stop(process)


# ------------------------------------------------------------------ ChromeDriver


@dataclass
class Driver:
    url: str
    process: subprocess.Popen[bytes]
    version: str


@pytest.fixture(scope="module", name="chromedriver")
def chromedriver_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    for binary, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(binary, os.X_OK):
            pytest.skip(f"{binary} is not installed (Debian package {package}; tools/install-test-services.sh)")
    workdir = tmp_path_factory.mktemp("chromedriver")
    log = workdir / "chromedriver.log"
    port = free_port()
    version = subprocess.run([CHROMEDRIVER, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    process = start([CHROMEDRIVER, f"--port={port}", "--allowed-ips=127.0.0.1"], log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url + "/status", process, log)
        yield Driver(url, process, version)
    finally:
        stop(process)


# ------------------------------------------------------------------ round trip


def local_and_remote(store: Store, endpoint: Endpoint, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A stored query's results on the embedded store and on the endpoint, examples as parameters."""
    query = next(q for q in api.queries() if q.name == name)
    params = {p.name: p.example for p in query.params}
    local = result_doc(api.query(store, name, params))
    remote = result_doc(run_remote_query(endpoint, name, params))
    return local, remote


def separators_of(name: str) -> dict[str, str]:
    """The GROUP_CONCAT variables of a stored query (their order inside the value is unspecified)."""
    return concat_separators(next(q for q in api.queries() if q.name == name).text)


# ------------------------------------------------------------------ conflictkg serve in a subprocess


def serve_command() -> list[str]:
    """``python -m conflictkg.cli serve``."""
    return [sys.executable, "-m", "conflictkg.cli", "serve"]


@dataclass
class Served:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_serve(store_dir: Path, workdir: Path, *extra: str) -> Served:
    """Start ``conflictkg serve`` on a free loopback port; its first log line says where it listens."""
    log = workdir / "serve.log"
    process = start([*serve_command(), "--store", str(store_dir), "--port", "0", "--quiet", *extra], log)
    pattern = re.compile(r"listening on (http://\S+/) ")
    for _ in range(READY_ATTEMPTS):
        match = pattern.search(log.read_text(errors="replace")) if log.exists() else None
        if match:
            url = match.group(1)
            wait_ready(url + "sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), process, log)
            return Served(url, process, log)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    stop(process)
    pytest.fail(f"conflictkg serve did not start:\n{tail(log)}")
