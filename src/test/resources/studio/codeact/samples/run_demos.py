"""Play the code of demo scripts (samples/demos/*.demo.json) the way the app will, minus the UI.

    /usr/bin/python3 run_demos.py --samples SAMPLES_DIR [--figures OUT_DIR] DEMO.json...

Each demo gets one fresh namespace holding SAMPLES_DIR (a str); its assistant turns' code
blocks run in order in that namespace, as cells do in the engine: the value of a final bare
expression is shown (its repr), figures left open are counted (and saved to OUT_DIR, if
given) and then closed, as the inline backend does after each cell. matplotlib uses Agg.

Prints one JSON object per code block:
  {"demo", "turn", "ok", "error", "figures", "missing_expect", "seconds", "output"}
and exits 1 if any block raised or lacked an expected string, else 0. Run by DemosTest.
"""

import argparse
import ast
import contextlib
import io
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ["MPLBACKEND"] = "Agg"
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def run_cell(code, namespace, filename):
    """Run one code block like a notebook cell; return what it printed and the last value's repr."""
    tree = ast.parse(code, filename=filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not code.rstrip().endswith(";"):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(last, filename, "eval"), namespace)
        if value is not None:
            print(repr(value))


def play(demo_path, samples, figures_dir):
    demo = json.loads(Path(demo_path).read_text(encoding="utf-8"))
    name = Path(demo_path).name.removesuffix(".demo.json")
    namespace = {"__name__": "__main__", "SAMPLES_DIR": str(samples)}
    failed = False
    for index, turn in enumerate(demo["turns"]):
        if "code" not in turn:
            continue
        code = "\n".join(turn["code"])
        output = io.StringIO()
        error = None
        started = time.perf_counter()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            try:
                run_cell(code, namespace, f"<{name} turn {index}>")
            except BaseException:  # a demo block must never raise, whatever it raises
                error = traceback.format_exc(limit=-3)
        seconds = time.perf_counter() - started
        numbers = plt.get_fignums()
        if figures_dir is not None:
            for k, number in enumerate(numbers):
                plt.figure(number).savefig(figures_dir / f"{name}-turn{index}-{k}.png", dpi=80)
        plt.close("all")
        text = output.getvalue()
        missing = [s for s in turn.get("expect", []) if s not in text]
        ok = error is None and not missing
        failed |= not ok
        print(json.dumps({"demo": name, "turn": index, "ok": ok, "error": error, "figures": len(numbers),
                          "missing_expect": missing, "seconds": round(seconds, 3), "output": text[-4000:]}),
              flush=True)
    return failed


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=Path, required=True)
    parser.add_argument("--figures", type=Path)
    parser.add_argument("demos", nargs="+")
    args = parser.parse_args(argv)
    figures = args.figures.resolve() if args.figures else None
    if figures:
        figures.mkdir(parents=True, exist_ok=True)
    samples = args.samples.resolve()
    demos = [Path(demo).resolve() for demo in args.demos]
    failed = False
    # Run from an empty folder, so a demo that reads files by a bare relative path fails here too.
    with tempfile.TemporaryDirectory() as empty:
        os.chdir(empty)
        for demo in demos:
            failed |= play(demo, samples, figures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
