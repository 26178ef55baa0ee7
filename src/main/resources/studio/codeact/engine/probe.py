"""Prints, as one JSON object, what CodeAct Studio needs to know about this interpreter."""
import json
import os
import sys
import sysconfig

PACKAGES = ["numpy", "pandas", "sklearn", "matplotlib", "seaborn", "statsmodels",
            "openpyxl", "IPython", "ipykernel", "matplotlib_inline", "nbformat", "pyarrow"]


def version_of(name):
    import importlib
    try:
        module = importlib.import_module(name)
    except Exception:
        return None
    return str(getattr(module, "__version__", "unknown"))


def libpython():
    if not sysconfig.get_config_var("Py_ENABLE_SHARED"):
        return None
    names = [sysconfig.get_config_var("INSTSONAME"), sysconfig.get_config_var("LDLIBRARY")]
    folders = [sysconfig.get_config_var("LIBDIR"), os.path.join(sys.base_prefix, "lib")]
    multiarch = sysconfig.get_config_var("MULTIARCH")
    if multiarch:
        folders.append(os.path.join(sysconfig.get_config_var("LIBDIR") or "", multiarch))
    for folder in folders:
        for name in names:
            if folder and name:
                path = os.path.join(folder, name)
                if os.path.exists(path):
                    return os.path.realpath(path)
    return None


print(json.dumps({
    "executable": sys.executable,
    "version": "%d.%d.%d" % sys.version_info[:3],
    "prefix": sys.prefix,
    "base_prefix": sys.base_prefix,
    "exec_prefix": sys.exec_prefix,
    "path": [p for p in sys.path if p],
    "libpython": libpython(),
    "packages": {name: version_of(name) for name in PACKAGES},
}))
