"""INTERIM test scaffolding until studio.codeact.engine.Engines lands on main: an IPython shell in a
subprocess that runs one cell per JSON line on stdin and answers one JSON line on stdout."""
import contextlib
import io
import json
import sys
import traceback

from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance(colors="NoColor")
shell.displayhook.write_output_prompt = lambda: None
shell.displayhook.write_format_data = lambda *args, **kwargs: None
protocol = sys.stdout

for line in sys.stdin:
    request = json.loads(line)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        outcome = shell.run_cell(request["code"], store_history=False)
    reply = {"stdout": captured.getvalue(), "result": None, "error": None}
    if outcome.result is not None:
        data, _ = shell.display_formatter.format(outcome.result)
        reply["result"] = data.get("text/plain")
    error = outcome.error_in_exec or outcome.error_before_exec
    if error is not None:
        reply["error"] = {"ename": type(error).__name__, "evalue": str(error),
                          "traceback": traceback.format_exception(type(error), error, error.__traceback__)}
    protocol.write(json.dumps(reply) + "\n")
    protocol.flush()
