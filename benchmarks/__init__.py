"""Benchmarks of the explorer at scale: a synthetic corpus generator and a harness that measures every
figure against a reference taken in the same run (``python -m benchmarks.run``)."""
