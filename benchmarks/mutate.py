"""Mutation testing of the pure packages (issue: payroll exactness): small faults of the kind real bugs are, put
into `app/core`, `app/payroll` and `app/timesheets` one at a time, each run against the fast tests of those
packages. A fault the tests do not notice "survives": it is either a gap in the tests or a change that makes no
difference (an equivalent mutant), and each survivor is listed for a person to look at.

    make mutate                                     (every mutant: about an hour on 2 cores)
    .venv/bin/python benchmarks/mutate.py --sample 150 --seed 1     (a spread sample, as the README reports)

The faults: a comparison's boundary moved (< and <=, > and >=) or turned round (== and !=), + and - swapped,
an integer constant one more, True and False swapped, `and` and `or` swapped. The work is done in a copy of the
repository, so the checkout is never changed. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("app/core", "app/payroll", "app/timesheets")
TESTS = ("tests/payroll/test_rules.py", "tests/payroll/test_boundaries.py", "tests/payroll/test_income_tax.py",
         "tests/payroll/test_hmrc_test_data.py", "tests/payroll/test_payslip_and_calc.py",
         "tests/payroll/test_pay_run.py", "tests/payroll/test_rates.py", "tests/payroll/test_holiday_entitlement.py",
         "tests/payroll/test_ssp_history.py", "tests/payroll/test_mutation_sample.py", "tests/payroll/test_holiday_balance.py",
         "tests/timesheets/test_rules.py")
# Survivors a person has looked at and found to change nothing (equivalent mutants), each with why: one per line,
# "path<TAB>change<TAB>the line's code<TAB>why" (the code, not the line number, so an edit above does not lose it).
EXPLAINED = Path(__file__).with_name("mutants_explained.tsv")
COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {ast.Add: ast.Sub, ast.Sub: ast.Add}
BOOLOP_SWAPS: dict[type[ast.boolop], type[ast.boolop]] = {ast.And: ast.Or, ast.Or: ast.And}


@dataclass(frozen=True, slots=True)
class Mutant:
    path: str  # relative to the repository
    line: int
    number: int  # which mutable node of the file, in walk order
    words: str  # what was changed

    def name(self) -> str:
        return f"{self.path}:{self.line} {self.words}"


def _is_annotation(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    parent = parents.get(node)
    return isinstance(parent, (ast.AnnAssign, ast.arg)) and getattr(parent, "annotation", None) is node


def _is_dataclass_option(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """`@dataclass(frozen=True, slots=True)`, `field(default=...)`: changing these changes no result (an
    equivalent mutant every time), so they are not mutated."""
    keyword, call = parents.get(node), parents.get(parents.get(node, node), None)
    name = getattr(getattr(call, "func", None), "id", "")
    return isinstance(keyword, ast.keyword) and isinstance(call, ast.Call) and name in ("dataclass", "field")


def _mutable(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARE_SWAPS:
            found.append((node, f"{type(node.ops[0]).__name__} -> {COMPARE_SWAPS[type(node.ops[0])].__name__}"))
        elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAPS:
            found.append((node, f"{type(node.op).__name__} -> {BINOP_SWAPS[type(node.op)].__name__}"))
        elif isinstance(node, ast.BoolOp) and type(node.op) in BOOLOP_SWAPS:
            found.append((node, f"{type(node.op).__name__} -> {BOOLOP_SWAPS[type(node.op)].__name__}"))
        elif isinstance(node, ast.Constant) and type(node.value) is bool and not _is_dataclass_option(node, parents):
            found.append((node, f"{node.value} -> {not node.value}"))
        elif (isinstance(node, ast.Constant) and type(node.value) is int and not _is_annotation(node, parents)
              and not isinstance(parents.get(node), ast.Subscript)):
            found.append((node, f"{node.value} -> {node.value + 1}"))
    return found


def mutants_of(path: Path) -> list[Mutant]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = str(path.relative_to(REPO))
    return [Mutant(relative, getattr(node, "lineno", 0), number, words)
            for number, (node, words) in enumerate(_mutable(tree))]


def mutated_source(source: str, number: int) -> str:
    tree = ast.parse(source)
    node, _ = _mutable(tree)[number]
    if isinstance(node, ast.Compare):
        node.ops = [COMPARE_SWAPS[type(node.ops[0])]()]
    elif isinstance(node, ast.BinOp):
        node.op = BINOP_SWAPS[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = BOOLOP_SWAPS[type(node.op)]()
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        node.value = not node.value
    elif isinstance(node, ast.Constant) and isinstance(node.value, int):
        node.value = node.value + 1
    return ast.unparse(tree)


def explained() -> dict[tuple[str, str, str], str]:
    found = {}
    for line in EXPLAINED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, words, code, why = line.split("\t")
            found[(path, words, code.strip())] = why
    return found


def why_equivalent(mutant: Mutant, reasons: dict[tuple[str, str, str], str]) -> str | None:
    code = (REPO / mutant.path).read_text(encoding="utf-8").splitlines()[mutant.line - 1].strip()
    return reasons.get((mutant.path, mutant.words, code))


def _copy_repository(into: Path) -> Path:
    copy = into / "repo"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".venv", ".git", "build", "__pycache__", "*.pabooks*",
                                                              ".mypy_cache", ".ruff_cache", ".pytest_cache"))
    return copy


def _run(copy: Path, mutant: Mutant, timeout: int) -> bool:
    """True when the tests notice the mutant (it is killed)."""
    target = copy / mutant.path
    original = target.read_text(encoding="utf-8")
    target.write_text(mutated_source(original, mutant.number), encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
                                cwd=copy, capture_output=True, timeout=timeout,
                                env={**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1",
                                     "QT_QPA_PLATFORM": "offscreen"}, check=False)
        return result.returncode != 0
    except subprocess.TimeoutExpired:
        return True  # a mutant that makes the tests hang is noticed
    finally:
        target.write_text(original, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="test this many mutants, spread over the files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--only", action="append", default=[], metavar="PATH",
                        help="mutate only this file (repeatable), e.g. app/payroll/income_tax.py")
    args = parser.parse_args(argv)
    files = sorted(path for package in PACKAGES for path in (REPO / package).rglob("*.py")
                   if not args.only or str(path.relative_to(REPO)) in args.only)
    every = [m for path in files for m in mutants_of(path)]
    chosen = random.Random(args.seed).sample(every, args.sample) if 0 < args.sample < len(every) else every
    print(f"{len(every)} mutants in {len(files)} files; testing {len(chosen)}", flush=True)
    began = time.monotonic()
    survivors: list[Mutant] = []
    # Each worker has its own copy of the repository, so two mutants never share a file.
    workers = max(1, (os.cpu_count() or 2))
    with tempfile.TemporaryDirectory(prefix="pabooks-mutate-") as folder:
        copies = [_copy_repository(Path(folder) / str(n)) for n in range(workers)]
        batches = [chosen[n::workers] for n in range(workers)]

        def work(index: int) -> list[Mutant]:
            lost = []
            for done, mutant in enumerate(batches[index], start=1):
                if not _run(copies[index], mutant, args.timeout):
                    lost.append(mutant)
                    print(f"SURVIVED  {mutant.name()}", flush=True)
                if done % 20 == 0:
                    print(f"  worker {index + 1}: {done} of {len(batches[index])}", flush=True)
            return lost

        with ThreadPoolExecutor(workers) as pool:
            for lost in pool.map(work, range(workers)):
                survivors += lost
    killed = len(chosen) - len(survivors)
    reasons = explained()
    equivalent = [(m, why) for m in survivors if (why := why_equivalent(m, reasons)) is not None]
    for mutant, why in equivalent:
        print(f"EQUIVALENT  {mutant.name()}: {why}")
    print(f"score: {killed} of {len(chosen)} mutants killed ({100 * killed / max(len(chosen), 1):.0f}%), "
          f"{len(equivalent)} survived as equivalent (explained in {EXPLAINED.name}), "
          f"{len(survivors) - len(equivalent)} survived unexplained, in {(time.monotonic() - began) / 60:.0f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
