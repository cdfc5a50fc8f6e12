"""What Python's line_profiler costs on the reference workloads, for comparison with LineProf's figures.

Times each workload plain and under line_profiler, alternating, and prints the medians and their ratio.
Usage: python3 bench/reference/measure_line_profiler.py [runs]   (Debian: apt-get install python3-line-profiler)
"""
import statistics
import sys
import time

from line_profiler import LineProfiler

import workloads

ORDER_COUNT = 20_000
PRIME_LIMIT = 300_000


def timed(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def compare(name, function, *args, runs):
    profiler = LineProfiler()
    profiled = profiler(function)
    plain_times, profiled_times = [], []
    for _ in range(runs):
        plain_times.append(timed(function, *args))
        profiled_times.append(timed(profiled, *args))
    plain, traced = statistics.median(plain_times), statistics.median(profiled_times)
    print(f"| {name} | {plain * 1000:.1f} | {traced * 1000:.1f} | {traced / plain:.2f}x |")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    orders = workloads.make_orders(ORDER_COUNT)
    print(f"Python {sys.version.split()[0]}, line_profiler; median of {runs} runs each")
    print("| workload | plain (ms) | line_profiler (ms) | overhead |")
    print("|---|---:|---:|---:|")
    compare(f"render {ORDER_COUNT:,} rows", workloads.render_orders, orders, runs=runs)
    compare(f"sieve below {PRIME_LIMIT:,}", workloads.count_primes, PRIME_LIMIT, runs=runs)


if __name__ == "__main__":
    main()
