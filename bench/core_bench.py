"""Benchmarks of the core and the CLI. Prints figures; asserts nothing.

    .venv/bin/python bench/core_bench.py [--runs 30] [--assessments 100000]

1. Start-up: wall time of a non-interactive quick assessment through the
   installed `dancecard` command, against a bare `python -c pass`, same run.
2. Throughput: scoring N full assessments (factor scores, ranges, market gate
   and verdict), and building the full explained result for a sample.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dancecard.core.answers import DONT_KNOW, parse_answers
from dancecard.core.evaluation import evaluate
from dancecard.core.instruments import AnswerKind, get_instrument
from dancecard.core.result import build_result

ROOT = Path(__file__).resolve().parents[1]


# As on a user's machine: byte-code caching on (some sandboxes switch it off for every process).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)  # warm the byte-code cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def random_answers(instrument, rng: random.Random) -> dict:
    answers = {}
    for item in instrument.items:
        if rng.random() < 0.15:
            answers[item.id] = DONT_KNOW
        elif item.kind == AnswerKind.LIKERT:
            answers[item.id] = rng.randint(1, 5)
        elif item.kind == AnswerKind.YES_NO:
            answers[item.id] = rng.random() < 0.5
        elif item.kind == AnswerKind.SINGLE:
            answers[item.id] = rng.choice(item.options).value
        elif item.kind == AnswerKind.MULTIPLE:
            answers[item.id] = [o.value for o in item.options if rng.random() < 0.4]
        else:
            answers[item.id] = rng.uniform(item.scale[0].at, item.scale[-1].at)
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--assessments", type=int, default=100_000)
    args = parser.parse_args()

    quick = get_instrument("quick")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"instrument": "quick", "answers": random_answers(quick, random.Random(1))}, handle)
    dancecard = str(Path(sys.executable).with_name("dancecard"))
    bare = wall([sys.executable, "-c", "pass"], args.runs)
    cli_json = wall([dancecard, "assess", "--answers", handle.name, "--format", "json"], args.runs)
    cli_text = wall([dancecard, "assess", "--answers", handle.name], args.runs)
    print(f"start-up (median of {args.runs}):")
    print(f"  python -c pass                          {bare * 1000:7.1f} ms")
    print(f"  dancecard assess --answers F -f json    {cli_json * 1000:7.1f} ms  ({cli_json / bare:.1f}x bare)")
    print(f"  dancecard assess --answers F (rich)     {cli_text * 1000:7.1f} ms  ({cli_text / bare:.1f}x bare)")

    full = get_instrument("full")
    rng = random.Random(42)
    pool = [parse_answers(full, random_answers(full, rng)) for _ in range(1000)]
    start = time.perf_counter()
    for n in range(args.assessments):
        evaluate(full, pool[n % len(pool)])
    scored = time.perf_counter() - start
    print(f"throughput ({len(full.items)}-item full instrument):")
    print(f"  {args.assessments:,} scorings (factors, ranges, gate, verdict): {scored:.2f} s "
          f"({args.assessments / scored:,.0f}/s)")
    sample = 2000
    start = time.perf_counter()
    for n in range(sample):
        build_result(full, pool[n % len(pool)])
    explained = time.perf_counter() - start
    print(f"  {sample:,} full explained results (reasons, risks, safeguards, next steps, diagnoses): {explained:.2f} s "
          f"({sample / explained:,.0f}/s)")


if __name__ == "__main__":
    main()
