"""Run the benchmarks, print the table and record it in benchmarks/RESULTS.md.

    python -m benchmarks.run                       # every figure at full size (100k claims; takes a while)
    python -m benchmarks.run --sizes small         # 10k claims
    python -m benchmarks.run --sizes tiny --only load click --no-results

Each figure is a ratio to a reference measured in the same run (see benchmarks/figures.py). The exit
code is 1 when a measured figure misses its target, else 0.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import re
import sys
import time
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from benchmarks.figures import CORPUS_DIR, FIGURES, SIZES, Context, Result, Size

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = """# Benchmark results

Written by `python -m benchmarks.run` (see benchmarks/README.md for what each figure measures). Every
figure is a ratio to a reference measured in the same run, on the same machine: the explorer and the
reference run interleaved, each figure keeps the median of its repeats, and the ratio is the median of
the per-repeat ratios. A run replaces the section of its size; sections are newest first.
"""
SECTION = re.compile(r"^## .*? — size (\w+)\n.*?(?=^## |\Z)", re.S | re.M)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in ("explorer", "pyoxigraph", "rdflib", "igraph", "networkx", "PySide6-Essentials", "PySide6"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    info = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpu": f"{cpu}, {os.cpu_count()} logical CPUs",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": ", ".join(versions),
    }
    with contextlib.suppress(OSError):
        info["load average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:,.0f} {unit}" if value >= 10 else f"{value:.2f} {unit}"


def rows_of(results: Iterable[Result]) -> list[list[str]]:
    """The table's cells: figure, value, reference, ratio, target, result."""
    rows = []
    for r in results:
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}x"
        target = "—" if r.target is None else f"<= {r.target:g}x"
        rows.append([r.figure, _number(r.value, r.unit), _number(r.reference, r.unit), ratio, target, r.status])
    return rows


COLUMNS = ["figure", "value", "reference", "ratio", "target", "result"]


def format_table(results: Sequence[Result]) -> str:
    """The table for a terminal."""
    rows = [COLUMNS, *rows_of(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths,
                                                                                                   strict=True)))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_section(size: Size, results: Sequence[Result], info: dict[str, str], seconds: float,
                     command: str) -> str:
    lines = [f"## {info['date']} — size {size.name}", ""]
    lines += [f"- {key}: {value}" for key, value in info.items() if key != "date"]
    lines += [f"- command: `{command}` ({seconds / 60:.1f} minutes)", ""]
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(COLUMNS) - 2) + [":---:"]) + "|")
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows_of(results)]
    lines += ["", "Notes:", ""]
    lines += [f"- **{r.key}**: {r.note}" for r in results if r.note]
    return "\n".join(lines) + "\n\n"


def record(path: Path, section: str, size_name: str) -> None:
    """Put ``section`` first in the results file, replacing an older section of the same size."""
    old = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    start = old.find("\n## ")
    head = old[:start + 1] if start >= 0 else old.rstrip("\n") + "\n"
    kept = [m.group(0) for m in SECTION.finditer(old) if m.group(1) != size_name]
    text = head.rstrip("\n") + "\n\n" + section + "".join(kept)
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def run_size(size: Size, only: Sequence[str], corpus_dir: Path, log) -> list[Result]:  # type: ignore[no-untyped-def]
    ctx = Context(size, corpus_dir=corpus_dir, log=log)
    results: list[Result] = []
    for key, figure in FIGURES.items():
        if only and key not in only:
            continue
        started = time.perf_counter()
        results.extend(figure(ctx))
        log(f"  {key} done in {time.perf_counter() - started:.0f} s")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=["full"],
                        help="data sizes: tiny (200 claims), small (10k), full (100k, the issue's targets), "
                             "huge (200k claims among 40k actors, issue 19's drawing figures)")
    parser.add_argument("--only", nargs="+", choices=sorted(FIGURES), default=[], metavar="FIG",
                        help="run only these figures: " + ", ".join(FIGURES))
    parser.add_argument("--corpus-dir", type=Path, default=CORPUS_DIR,
                        help="where generated corpora are kept (default benchmarks/corpus/)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the results file (default %(default)s)")
    parser.add_argument("--no-results", action="store_true", help="print the table only")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    args = parser.parse_args(argv)
    # Files of 16 MB or more open through the cache of large files (the GUI probes' among them): keep its
    # entries beside the corpora, out of the user's cache.
    os.environ.setdefault("EXPLORER_CACHE_DIR", str(args.corpus_dir / "cache"))

    def log(message: str) -> None:
        if not args.quiet:
            print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    failed = False
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
    for name in args.sizes:
        size = SIZES[name]
        info = machine()
        started = time.perf_counter()
        results = run_size(size, args.only, args.corpus_dir, log)
        print(f"\nsize {name} ({info['date']}; {info['cpu']})")
        print(format_table(results))
        failed = failed or any(r.passed is False for r in results)
        if not args.no_results:
            section = markdown_section(size, results, info, time.perf_counter() - started, command.strip())
            record(args.results, section, name)
            print(f"recorded in {args.results}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
