"""The benchmark harness CodeAct Studio loads into a Python engine.

``suite``   reads a task suite (a folder of JSON task files, or a ``tasks.py`` that yields tasks)
``answers`` parses a ``<solution>`` and compares it with the expected answer
``calls``   validates a tool call against the tool's signature and runs it
``harness`` the entry points the Java side calls; each returns a ``JsonText``
``chart``   draws the summary's grouped bar chart with matplotlib

Run ``python3 -m codeact_bench --help`` for the same operations from a shell.
"""
