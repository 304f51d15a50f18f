"""Extraction on a real dask.distributed LocalCluster (no mock) gives shards that load into the same store
as the serial path."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictkg import api, cli_scale, ingest
from conflictkg.distributed import extract

from .test_ingest import corpus, reference_dump  # noqa: F401  (fixtures)

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield str(c.scheduler_address)


def test_shards_from_a_cluster_load_into_the_serial_store(
    cluster: str,
    corpus: Path,  # noqa: F811
    reference_dump: list[str],  # noqa: F811
    tmp_path: Path,
) -> None:
    out = tmp_path / "shards"
    outcomes = list(extract([corpus], out, address=cluster, partition_size=5))
    assert sorted(o.status for o in outcomes) == ["loaded"] * 12
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.nq", "part-00001.nq", "part-00002.nq"]
    store = api.open_store()
    loaded = list(ingest.load_iter(store, [out]))
    assert [o.status for o in loaded] == ["loaded"] * 12
    assert list(store.dump_nquads()) == reference_dump
    again = list(extract([corpus], out, address=cluster, partition_size=5))
    assert again == []  # every shard exists: nothing to redo


def test_extract_command_starts_its_own_cluster(
    corpus: Path,  # noqa: F811
    reference_dump: list[str],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    cli_scale.register(sub, lambda p: p.add_argument("--store"))
    out = tmp_path / "shards"
    args = parser.parse_args(["extract", str(corpus), "-o", str(out), "--workers", "2", "--partition-size", "4"])
    assert args.func(args) == 0
    assert "12 extracted" in capsys.readouterr().err
    store = api.open_store()
    api.load(store, [out])
    assert list(store.dump_nquads()) == reference_dump
    bad = parser.parse_args(["extract", str(tmp_path / "missing"), "-o", str(out)])
    with pytest.raises(ValueError, match="no such file"):
        bad.func(bad)
