"""Batch benchmark: files/s and MB/s of `reportparse DIR --jsonl` with -j 1 and -j 2, and peak memory.

Generates a tree of invented reports (about 10 000 files, 100 MB by default) from the samples with a
fixed seed, then runs the installed command on it.  Peak memory is the largest resident set of the
command and its worker processes, read with getrusage in a fresh wrapper process per run, at 1 000
and at 10 000 files: a batch streams its results, so it must not grow with the file count.

    python benchmarks/batch_bench.py            # 10 000 files (~100 MB), best of 2
    python benchmarks/batch_bench.py --quick    # 2 000 files, one run each
    python benchmarks/batch_bench.py --json     # one JSON object on stdout
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_WRAPPER = (
    "import resource, subprocess, sys\n"
    "proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def command() -> str:
    beside = Path(sys.executable).with_name("reportparse")
    found = str(beside) if beside.exists() else shutil.which("reportparse")
    if not found:
        sys.exit("reportparse is not installed in this environment (pip install .)")
    return found


def generate(root: Path, count: int, target_bytes: int, seed: int = 1) -> int:
    """``count`` reports under nested folders, about ``target_bytes`` in all; returns the bytes written."""
    rng = random.Random(seed)
    pieces = []
    for p in sorted(SAMPLES.iterdir()):
        if p.suffix != ".txt":
            continue
        data = p.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # the GBK and Big5 samples: mixed into UTF-8 they would be undecodable
        pieces.append(data.removeprefix(b"\xef\xbb\xbf"))
    per_file = max(1, target_bytes // count)
    total = 0
    for i in range(count):
        body = bytearray()
        while len(body) < per_file:
            body += rng.choice(pieces)
        folder = root / f"province{i % 10:02d}" / f"city{(i // 10) % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"report{i:05d}.txt").write_bytes(bytes(body))
        total += len(body)
    return total


def timed(cmd: list[str]) -> tuple[float, int, int]:
    """Wall time, exit code and peak RSS (KiB) of ``cmd`` and its children, from a fresh wrapper."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    code, rss = out.stdout.split()
    return elapsed, int(code), int(rss)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 000 files, one run each")
    parser.add_argument("--files", type=int, default=None, help="number of files [10000, or 2000 with --quick]")
    parser.add_argument("--megabytes", type=float, default=None, help="total size [100, or 20 with --quick]")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--dask", action="store_true", help="also time --engine dask on a 2-worker local cluster")
    args = parser.parse_args()
    files = args.files or (2000 if args.quick else 10000)
    megabytes = args.megabytes or (20.0 if args.quick else 100.0)
    repeat = 1 if args.quick else 2
    exe = command()
    results: dict[str, object] = {"files": files, "cpus": len(os.sched_getaffinity(0))}
    with tempfile.TemporaryDirectory(prefix="reportparse-batch-") as tmp:
        big = Path(tmp) / "big"
        small = Path(tmp) / "small"
        print(f"… generating {files} files ({megabytes:.0f} MB)", file=sys.stderr)
        size = generate(big, files, int(megabytes * 1e6))
        small_count = max(1, files // 10)
        small_size = generate(small, small_count, int(size * small_count / files))
        results["bytes"] = size
        speeds: dict[int, float] = {}
        for jobs in (1, 2):
            best = float("inf")
            rss = 0
            for _ in range(repeat):
                print(f"… {files} files with -j {jobs}", file=sys.stderr)
                elapsed, code, peak = timed([exe, str(big), "--jsonl", "-j", str(jobs)])
                if code != 0:
                    print(f"reportparse exited {code}", file=sys.stderr)
                best = min(best, elapsed)
                rss = max(rss, peak)
            speeds[jobs] = best
            results[f"j{jobs}"] = {
                "seconds": best,
                "files_per_s": files / best,
                "mb_per_s": size / 1e6 / best,
                "peak_rss_mb": rss / 1024,
            }
        results["speedup"] = speeds[1] / speeds[2]
        if args.dask:
            print(f"… {files} files with --engine dask -j 2", file=sys.stderr)
            elapsed, code, peak = timed([exe, str(big), "--jsonl", "--engine", "dask", "-j", "2"])
            results["dask_j2"] = {"seconds": elapsed, "files_per_s": files / elapsed, "mb_per_s": size / 1e6 / elapsed,
                                  "peak_rss_mb": peak / 1024, "exit": code}
        print(f"… peak memory at {small_count} files", file=sys.stderr)
        _, _, small_rss = timed([exe, str(small), "--jsonl", "-j", "2"])
        results["peak_rss_mb_small"] = {"files": small_count, "bytes": small_size, "mb": small_rss / 1024}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"reportparse batch benchmark  ({files} files, {size / 1e6:.1f} MB, {results['cpus']} cpus)")
    for jobs in (1, 2):
        r = results[f"j{jobs}"]
        assert isinstance(r, dict)
        print(f"  -j {jobs}: {r['files_per_s']:8.0f} files/s  {r['mb_per_s']:6.2f} MB/s  "
              f"{r['seconds']:6.2f} s  peak {r['peak_rss_mb']:.0f} MB")
    print(f"  speed-up -j 2 / -j 1: {results['speedup']:.2f}x")
    if "dask_j2" in results:
        d = results["dask_j2"]
        assert isinstance(d, dict)
        print(f"  dask, 2 workers: {d['files_per_s']:8.0f} files/s  {d['mb_per_s']:6.2f} MB/s  {d['seconds']:6.2f} s")
    small_info = results["peak_rss_mb_small"]
    assert isinstance(small_info, dict)
    print(f"  peak memory: {small_info['mb']:.0f} MB at {small_info['files']} files, "
          f"{results['j2']['peak_rss_mb']:.0f} MB at {files} files (-j 2)")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())
