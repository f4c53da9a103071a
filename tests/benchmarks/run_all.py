"""Run every benchmark and write ``bench-results/results.json`` and ``docs/benchmarks.md``.

``python -m tests.benchmarks.run_all [--only translation proofread diff memory startup]``
"""

from __future__ import annotations

import argparse
import importlib
import traceback

from tests.benchmarks.common import REPO, Result, write_reports

SUITES = ("translation", "proofread", "diff", "memory", "startup")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", choices=SUITES, default=list(SUITES))
    args = parser.parse_args()
    results: list[Result] = []
    failed = []
    for suite in args.only:
        print(f"== {suite}", flush=True)
        try:
            suite_results = importlib.import_module(f"tests.benchmarks.bench_{suite}").run()
        except Exception:
            traceback.print_exc()
            failed.append(suite)
            continue
        for result in suite_results:
            print(f"   {result.name}: {result.value:,.4g} {result.unit}"
                  + (f" (peer {result.peer}: {result.peer_value:,.4g}, ratio {result.ratio})" if result.peer else ""),
                  flush=True)
        results += suite_results
    write_reports(results, REPO / "bench-results", REPO / "docs" / "benchmarks.md")
    print(f"wrote {REPO / 'bench-results' / 'results.json'} and {REPO / 'docs' / 'benchmarks.md'}")
    if failed:
        print(f"failed suites: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
