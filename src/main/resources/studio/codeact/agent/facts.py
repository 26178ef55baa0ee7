"""What the system prompt says about the interpreter, asked of the interpreter itself.

Runs in a private namespace inside the engine. Package versions come from the installed
distributions' metadata, so nothing heavy is imported just to be described.
"""
import os
import platform

PACKAGES = [("pandas", "pandas"), ("numpy", "numpy"), ("sklearn", "scikit-learn"), ("matplotlib", "matplotlib"),
            ("seaborn", "seaborn"), ("statsmodels", "statsmodels")]


def facts(user_ns=None):
    from importlib import metadata
    versions = {}
    for module, distribution in PACKAGES:
        try:
            versions[module] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            pass
    return {"python": platform.python_version(), "cwd": os.getcwd(), "packages": versions}
