"""A tool: a Python function with a one-line description and a signature the model reads."""
import inspect


class Tool:
    """A callable offered to the model under ``name``."""

    def __init__(self, name, function, description, signature_text=None):
        if not callable(function):
            raise ValueError("tool %r is not callable" % name)
        self.name = name
        self.function = function
        self.description = " ".join((description or "").split())
        self.signature = _signature(function)
        self.signature_text = signature_text or _signature_text(name, self.signature)

    @staticmethod
    def of(function, name=None):
        """A tool for a plain function: its name and the first line of its docstring."""
        doc = inspect.getdoc(function) or ""
        first_line = doc.strip().splitlines()[0] if doc.strip() else ""
        return Tool(name or function.__name__, function, first_line)

    @staticmethod
    def from_spec(name, spec):
        """A tool from a function, a dict (``function``, ``description``, ``signature``), or any
        object with those attributes (M3ToolEval's ``ToolType``: ``function``, ``description``,
        ``fn_signature``)."""
        if isinstance(spec, Tool):
            return spec if name in (None, spec.name) else spec.renamed(name)
        if isinstance(spec, dict):
            function = spec.get("function")
            description = spec.get("description")
            signature = spec.get("signature")
            name = name or spec.get("name")
        elif inspect.isroutine(spec) or (callable(spec) and not hasattr(spec, "function")):
            tool = Tool.of(spec, name)
            return tool
        else:
            function = getattr(spec, "function", None)
            description = getattr(spec, "description", None)
            signature = getattr(spec, "signature", None) or getattr(spec, "fn_signature", None)
            name = name or getattr(spec, "name", None)
        if not callable(function):
            raise ValueError("a tool needs a callable \"function\" (got %r)" % (spec,))
        name = name or getattr(function, "__name__", None)
        if not name:
            raise ValueError("a tool needs a name")
        if description is None:
            description = Tool.of(function).description
        return Tool(name, function, description, signature)

    @staticmethod
    def all_in(module):
        """The tools of a tools module: the names in ``__all__``, else its own public functions."""
        names = getattr(module, "__all__", None)
        if names is None:
            names = [name for name, value in vars(module).items()
                     if not name.startswith("_") and inspect.isfunction(value)
                     and value.__module__ == module.__name__]
        return {name: Tool.of(getattr(module, name), name) for name in names}

    def renamed(self, name):
        return Tool(name, self.function, self.description)

    def parameters(self):
        """Each parameter: name, annotation text, whether required, default (as text)."""
        if self.signature is None:
            return []
        found = []
        for parameter in self.signature.parameters.values():
            entry = {"name": parameter.name, "type": _annotation_text(parameter.annotation),
                     "required": parameter.default is inspect.Parameter.empty
                     and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)}
            if parameter.kind == parameter.VAR_POSITIONAL:
                entry["variadic"] = "positional"
            elif parameter.kind == parameter.VAR_KEYWORD:
                entry["variadic"] = "keyword"
            if parameter.default is not inspect.Parameter.empty:
                entry["default"] = repr(parameter.default)
            found.append(entry)
        return found

    def describe(self):
        return {"name": self.name, "signature": self.signature_text,
                "description": self.description, "parameters": self.parameters()}


def _signature(function):
    try:
        return inspect.signature(function, eval_str=True)
    except (TypeError, ValueError, NameError):
        try:
            return inspect.signature(function)
        except (TypeError, ValueError):
            return None


def _signature_text(name, signature):
    return name + (str(signature) if signature is not None else "(...)")


def _annotation_text(annotation):
    if annotation is inspect.Parameter.empty:
        return ""
    return inspect.formatannotation(annotation)
