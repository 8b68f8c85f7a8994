"""The benchmark, kept out of the app package: the dashboard never imports it.

- bench/__main__.py: `python -m bench` (also reached as `python -m dashboard bench`, which
  starts it as its own process): the command line;
- bench/timing.py: the timing workers and the report (data/README.md, "Benchmark output");
- bench/budget.py: `--budget`, the budget selection and frontier on 200 initiatives;
- bench/pages.py: what each page runs (its named queries) and the pandas baseline the
  DuckDB times are compared with (also the test oracle of tests/bench/test_bench.py).
"""
