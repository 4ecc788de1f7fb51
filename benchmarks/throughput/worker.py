"""One worker process: ``python -m benchmarks.throughput.worker CONTENDER URL STUDY N SEED``.

It loads its library and the study and prints ``ready``, waits for a line on
stdin (so that every worker starts at once, its imports done), runs ``N``
trials, prints the CPU seconds they took (all its threads), and exits.
"""

from __future__ import annotations

import sys
import time

from benchmarks.throughput.contenders import CONTENDERS

__all__ = ["main"]


def main(argv: list[str]) -> None:
    contender_name, url, study_name, n_trials, seed = argv
    run = CONTENDERS[contender_name].open_worker(url, study_name, int(seed))
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.process_time()
    run(int(n_trials))
    print(time.process_time() - start, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
