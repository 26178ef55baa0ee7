"""The harness from a shell, for suite authors (no model, no Java):

    python3 -m codeact_bench list SUITE      one task id and title per line
    python3 -m codeact_bench check SUITE     run every reference solution through its checker
    python3 -m codeact_bench answers SUITE   print each reference solution's answer as JSON
"""
import argparse
import json
import sys

from .harness import check
from .suite import SuiteError, load


def main(argv=None):
    parser = argparse.ArgumentParser(prog="codeact_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("list", "check", "answers"))
    parser.add_argument("suite", help="the suite folder")
    options = parser.parse_args(argv)
    try:
        suite = load(options.suite)
    except SuiteError as error:
        print("codeact_bench: %s" % error, file=sys.stderr)
        return 2
    if options.command == "list":
        for task in suite.tasks.values():
            print("%s\t%s" % (task.id, task.title))
        return 0
    failed = 0
    for task in suite.tasks.values():
        verdict = check(task)
        if options.command == "answers":
            print(json.dumps({"id": task.id, "answer": verdict["answer"], "calls": verdict["calls"],
                              "detail": verdict["detail"]}, default=str))
            continue
        failed += not verdict["ok"]
        status = "ok  " if verdict["ok"] else "FAIL"
        note = " - " + verdict["detail"] if verdict["detail"] else ""
        print("%s %-34s %-10s %2d calls%s" % (status, task.id, task.task_class, verdict["calls"], note))
    if options.command == "check":
        print("%d tasks: %d passed, %d failed" % (len(suite.tasks), len(suite.tasks) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
