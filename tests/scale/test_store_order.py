"""``Store.optimize``: events re-sorted by date for fast range reads; what the store returns is unchanged, and
stores written before it existed (no ``sorted_events`` mark) keep working."""

from __future__ import annotations

from eventwire.store import Store


def test_optimize_keeps_every_event_and_every_answer(tmp_path, sample_results):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(sample_results[:6])
        store.regroup()
        assert store.unsorted_share() == 1.0  # never sorted, as any store written before this existed
        before = list(store.events())
        by_type = store.counts_by_type()
        store.optimize()
        assert store.unsorted_share() == 0.0
        assert list(store.events()) == before
        assert store.counts_by_type() == by_type
        dates = [r[0] for r in store.con.execute("SELECT date FROM events").fetchall()]
        assert dates == sorted(dates, key=lambda d: (d is None, d))

        store.write(sample_results[6:])  # later batches append; the share says how much is unsorted
        share = store.unsorted_share()
        assert 0.0 < share < 1.0
        store.optimize()
        assert len(list(store.events())) == sum(len(r.events) for r in sample_results)
