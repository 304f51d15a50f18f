"""Bulk ingest: tolerant reading, batches, resuming an interrupted load, parallel workers, shards, CLI."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conflictkg import api, ingest, sources
from conflictkg.cli import main
from conflictkg.graph import validate as v
from conflictkg.loaders import Article, ArticleError, RuleExtractor, graph_iri
from conflictkg.loaders.facts import Extraction
from conflictkg.progress import Progress
from conflictkg.worker import Options, process, shard_text

from .conftest import DEMO_ARTICLE, ROOT


def _corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


CORPUS = _corpus_module()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve synthetic articles (benchmarks/corpus.py) as .jsonl."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        CORPUS.write(12, out, seed=7)
    return path


@pytest.fixture(scope="module")
def reference_dump(corpus: Path) -> list[str]:
    """The store after a plain serial load of the corpus, as sorted N-Quads."""
    store = api.open_store()
    outcomes = api.load(store, [corpus], validator="fast")
    assert {o.status for o in outcomes} == {"loaded"}
    return list(store.dump_nquads())


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n")
    return path


# ------------------------------------------------------------------ reading


def test_a_bad_record_is_reported_with_file_and_line_and_the_rest_is_read(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "language": "en", "text": "Shelling hit Kharkiv."})
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        (good + "\n{not json\n\n" + json.dumps({"id": "b"}) + "\n").encode()
        + b'{"id": "c", "text": "\xff"}\n'
        + json.dumps({"id": "d", "text": "Kyiv."}).encode()
    )
    items = list(sources.read_items([path]))
    kinds = [(type(i).__name__, i.source) for i in items]
    assert kinds == [
        ("Article", f"{path}:1"),
        ("BadRecord", f"{path}:2"),
        ("BadRecord", f"{path}:4"),
        ("BadRecord", f"{path}:5"),
        ("Article", f"{path}:6"),
    ]
    bad = [i for i in items if isinstance(i, sources.BadRecord)]
    assert "invalid JSON" in bad[0].message and "field 'text'" in bad[1].message and "UTF-8" in bad[2].message
    assert sources.count_items([path]) == 6


def test_folders_hold_articles_and_shards_and_counts_are_cheap(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(corpus.read_bytes())
    (tmp_path / "b.txt").write_text("Shelling hit Kharkiv.", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    assert [p.name for p in sources.expand([tmp_path])] == ["a.jsonl", "b.txt"]
    assert sources.count_items([tmp_path]) == 13
    assert sources.missing([tmp_path, tmp_path / "nope"]) == [str(tmp_path / "nope")]


def test_the_graph_name_is_known_before_extraction() -> None:
    (article,) = [a for a in sources.read_items([DEMO_ARTICLE]) if isinstance(a, Article)]
    assert sources.graph_name_for(article) == str(graph_iri(RuleExtractor().extract(article)))


# ------------------------------------------------------------------ loading


def test_the_fast_validator_stores_what_pyshacl_stores(corpus: Path, reference_dump: list[str]) -> None:
    store = api.open_store()
    lines = corpus.read_text(encoding="utf-8").splitlines()[:3]
    small = write_jsonl(corpus.with_name("three.jsonl"), lines)
    api.load(store, [small], validator="pyshacl")
    fast = api.open_store()
    api.load(fast, [small], validator="fast")
    assert list(store.dump_nquads()) == list(fast.dump_nquads())


def test_an_interrupted_load_finishes_on_a_second_run_without_duplicates(
    corpus: Path, reference_dump: list[str]
) -> None:
    store = api.open_store()
    run = ingest.load_iter(store, [corpus], batch_size=2)
    first = [next(run) for _ in range(3)]
    run.close()  # as if interrupted (Ctrl-C): complete batches are committed, the rest is not
    assert all(o.status == "loaded" for o in first)
    committed = len(store.article_graphs())
    assert 3 <= committed <= 8
    second = [o.status for o in ingest.load_iter(store, [corpus], batch_size=5)]
    assert second.count("unchanged") == committed and second.count("loaded") == 12 - committed
    assert list(store.dump_nquads()) == reference_dump


def test_duplicates_in_the_input_are_loaded_once(corpus: Path, reference_dump: list[str]) -> None:
    store = api.open_store()
    outcomes = list(ingest.load_iter(store, [corpus, corpus], batch_size=64))
    assert [o.status for o in outcomes].count("unchanged") == 12
    assert list(store.dump_nquads()) == reference_dump


class FailingExtractor(RuleExtractor):
    name = "failing-on-purpose"

    def extract(self, article: Article) -> Extraction:
        if article.id.endswith("3"):
            raise RuntimeError("boom")
        return super().extract(article)


def test_an_article_that_raises_or_is_rejected_is_left_out_of_its_batch(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = v.validate_graph
    rejected: list[str] = []

    def picky(data: object, name: str = "", *args: object, **kwargs: object) -> v.Report:
        report = real(data, name, *args, **kwargs)  # type: ignore[arg-type]
        if not rejected:
            rejected.append(name)
            report.findings.append(v.Finding(name, "f", "", "", "s", "MinCountConstraintComponent", "Violation", "x"))
        return report

    monkeypatch.setattr(v, "validate_graph", picky)
    lines = corpus.read_text(encoding="utf-8").splitlines()[:5]
    small = write_jsonl(corpus.with_name("five.jsonl"), lines)
    store = api.open_store()
    opts = Options(validator="pyshacl", extractor=FailingExtractor())
    outcomes = {o.source.rsplit(":", 1)[-1]: o for o in ingest.load_iter(store, [small], options=opts)}
    assert outcomes["4"].status == "failed" and "RuntimeError: boom" in outcomes["4"].messages[0]
    assert outcomes["1"].status == "rejected"
    assert {outcomes[k].status for k in "235"} == {"loaded"}
    assert set(store.article_graphs()) == {outcomes[k].graph for k in "235"}


def test_strict_stops_at_the_first_bad_record_after_committing_the_rest(tmp_path: Path, corpus: Path) -> None:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    path = write_jsonl(tmp_path / "bad.jsonl", [*lines[:2], "{oops", *lines[2:4]])
    store = api.open_store()
    with pytest.raises(ArticleError, match=r"bad\.jsonl:3"):
        list(ingest.load_iter(store, [path], strict=True))
    assert len(store.article_graphs()) == 2


def test_two_worker_processes_give_the_same_store(corpus: Path, reference_dump: list[str]) -> None:
    store = api.open_store()
    outcomes = list(ingest.load_iter(store, [corpus], workers=2, batch_size=5))
    assert sorted(o.status for o in outcomes) == ["loaded"] * 12
    assert list(store.dump_nquads()) == reference_dump


def test_shards_load_to_the_same_store(tmp_path: Path, corpus: Path, reference_dump: list[str]) -> None:
    articles = [a for a in sources.read_items([corpus]) if isinstance(a, Article)]
    opts = Options()
    (tmp_path / "part-0.nq").write_text(shard_text([process(a, opts) for a in articles[:7]]), encoding="utf-8")
    (tmp_path / "part-1.nq").write_text(shard_text([process(a, opts) for a in articles[7:]]), encoding="utf-8")
    assert sources.count_items([tmp_path]) == 12
    store = api.open_store()
    outcomes = list(ingest.load_iter(store, [tmp_path]))
    assert [o.status for o in outcomes] == ["loaded"] * 12 and all(o.triples > 0 and o.inferred > 0 for o in outcomes)
    assert list(store.dump_nquads()) == reference_dump
    again = list(ingest.load_iter(store, [tmp_path]))
    assert {o.status for o in again} == {"unchanged"}


# ------------------------------------------------------------------ the command


def test_cli_reports_bad_records_and_exits_1(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    path = write_jsonl(tmp_path / "in.jsonl", [lines[0], '{"id": "x"}', lines[1]])
    code = main(["load", "--store", str(tmp_path / "s"), "--workers", "1", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}:2: field 'text'" in err and "2 loaded" in err and "1 bad input" in err
    assert main(["load", "--store", str(tmp_path / "s"), "--strict", "-q", str(path)]) == 2
    assert main(["load", "--store", str(tmp_path / "s"), str(tmp_path / "missing.jsonl")]) == 2
    assert main(["load", "--store", str(tmp_path / "s"), "--workers", "0", str(path)]) == 2


def test_progress_line_shows_count_rate_and_eta() -> None:
    class Tty:
        def __init__(self) -> None:
            self.text = ""

        def write(self, s: str) -> None:
            self.text += s

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = Progress(10, stream, enabled=None)  # type: ignore[arg-type]
    for status in ("loaded", "loaded", "rejected"):
        bar.update(status)
    line = bar.line()
    assert "3/10 articles" in line and "/s" in line and "ETA" in line and "rejected 1" in line
    bar.note("a problem")
    bar.close()
    assert "a problem\n" in stream.text and stream.text.endswith("\n")
    quiet = Progress(None, stream, enabled=False)
    quiet.update("loaded")
    assert quiet.line().startswith("1 articles")
