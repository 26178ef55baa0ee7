"""One tool call in the json and text modes: read it, check it against the tool's signature, run it.

Whatever goes wrong becomes an observation the model can act on: what was wrong, the tool's
signature, and what a correct call looks like. Nothing here raises to the caller.
"""
import ast
import contextlib
import difflib
import inspect
import io
import json
import re
import typing

OBSERVATION_LIMIT = 3000
JSON_EXAMPLE = '{"name": "tool_name", "arguments": {"parameter": "value"}}'
JSON_LIST_EXAMPLE = '{"name": "tool_name", "arguments": ["value", 3]}'


class CallError(Exception):
    """A call that was not run; the message is the observation."""


class Outcome:
    """What a call produced: whether the tool ran and returned, and the observation text."""

    def __init__(self, ok, observation, tool=None):
        self.ok = ok
        self.observation = observation
        self.tool = tool

    def describe(self):
        return {"ok": self.ok, "observation": self.observation, "tool": self.tool}


def call_json(tools, raw):
    """A json-mode action: ``{"name": ..., "arguments": {...}}`` as text."""
    try:
        name, arguments = read_json_call(raw)
        if isinstance(arguments, list):
            return run(tools, name, arguments, {}, whole_list=True)
        return run(tools, name, [], arguments)
    except CallError as error:
        return Outcome(False, str(error))


def call_text(tools, action, action_input):
    """A text-mode action: the text after ``Action:`` and after ``Action Input:``."""
    try:
        name, args, kwargs = read_text_call(action, action_input)
        return run(tools, name, list(args), kwargs, whole_list=isinstance(args, _WholeList))
    except CallError as error:
        return Outcome(False, str(error))


def read_json_call(raw):
    """``(name, arguments)``: arguments is a dict of named values or a list of values in order."""
    try:
        call = json.loads(raw)
    except json.JSONDecodeError as error:
        raise CallError("Your tool call is not valid JSON: %s (line %d, column %d). Write exactly one JSON "
                        "object: %s" % (error.msg, error.lineno, error.colno, JSON_EXAMPLE)) from None
    if not isinstance(call, dict):
        raise CallError("Your tool call must be a JSON object, not a %s. Write: %s"
                        % (_json_type(call), JSON_EXAMPLE))
    name = call.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CallError("Your tool call has no \"name\" (the tool to call). Write: %s" % JSON_EXAMPLE)
    arguments = call.get("arguments", {})
    if isinstance(arguments, str):  # some models encode the arguments object a second time
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError:
            pass
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, (dict, list)):
        raise CallError("\"arguments\" must be a JSON object mapping parameter names to values, or a JSON list of "
                        "the values in order, not a %s. Write: %s or %s"
                        % (_json_type(arguments), JSON_EXAMPLE, JSON_LIST_EXAMPLE))
    return name.strip(), arguments


def read_text_call(action, action_input):
    """``Action: name`` + ``Action Input: ...``; the input is a JSON object, a JSON list of the values
    in order, ``key=value`` pairs or comma-separated values. ``Action: name(arguments)`` works too."""
    action = (action or "").strip().strip("`").strip()
    action_input = (action_input or "").strip()
    inline = re.fullmatch(r"([A-Za-z_]\w*)\s*\((.*)\)\s*", action, re.S)
    if inline:
        action, inline_input = inline.group(1), inline.group(2).strip()
        action_input = action_input or inline_input
    if not re.fullmatch(r"[A-Za-z_]\w*", action):
        raise CallError("'Action:' must be followed by a tool name only, got %r. Write 'Action: tool_name' "
                        "and on the next line 'Action Input: {\"parameter\": \"value\"}'." % action)
    if not action_input:
        return action, [], {}
    if action_input.startswith("{"):
        value = _literal(action_input)
        if not isinstance(value, dict):
            raise CallError("The Action Input looks like a JSON object but does not parse. Write it as "
                            "{\"parameter\": \"value\"}, with double quotes around names and texts.")
        return action, [], value
    if action_input.startswith("[") and action_input.endswith("]"):
        value = _literal(action_input)
        if isinstance(value, list):
            return action, _WholeList(value), {}
    args, kwargs = [], {}
    for part in split_top_level(action_input):
        keyword = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*[=:]\s*(.*)", part, re.S)
        if keyword and not part.lstrip().startswith(("'", '"')):
            kwargs[keyword.group(1)] = _loose_value(keyword.group(2))
        elif kwargs:
            raise CallError("In the Action Input, a value without a name follows a named one: %r. Name every "
                            "value, or give them all in order." % part.strip())
        else:
            args.append(_loose_value(part))
    return action, args, kwargs


def run(tools, name, args, kwargs, whole_list=False):
    """Checks the call against the tool's signature, runs it, and formats what it returned.

    ``whole_list``: the arguments came as one list; when they do not fit the parameters one by one but
    the list fits as the single argument (a tool taking one list), it is passed whole."""
    tool = tools.get(name)
    if tool is None:
        raise CallError(_unknown_tool(tools, name))
    try:
        bound = bind(tool, args, kwargs)
    except CallError:
        if not whole_list:
            raise
        try:
            bound = bind(tool, [list(args)], kwargs)
        except CallError:
            raise CallError("Invalid arguments for %s: the list %s fits neither its parameters in order nor as "
                            "one argument. Its signature: %s"
                            % (tool.name, _describe(list(args)), tool.signature_text)) from None
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            value = tool.function(*bound.args, **bound.kwargs)
    except Exception as error:
        text = "%s failed: %s: %s" % (_call_text(name, bound), type(error).__name__, error)
        return Outcome(False, _with_printed(printed.getvalue(), truncate(text)), name)
    return Outcome(True, _with_printed(printed.getvalue(), format_value(value)), name)


def bind(tool, args, kwargs):
    """The call's arguments bound to the tool's parameters, converted where that is lossless.

    A list given by name for the ``*args`` parameter (``{"args": [1, 2]}``) is spread into it."""
    args, kwargs = _spread_variadic(tool, list(args), dict(kwargs))
    signature = tool.signature
    if signature is None:
        return _Bound(args, kwargs, None)
    unknown = [key for key in kwargs if key not in signature.parameters]
    accepts_any = any(p.kind == p.VAR_KEYWORD for p in signature.parameters.values())
    if unknown and not accepts_any:
        raise CallError("%s has no parameter %s. Its signature: %s"
                        % (tool.name, " or ".join(repr(key) for key in unknown), tool.signature_text))
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as error:
        raise CallError("Invalid arguments for %s: %s. Its signature: %s"
                        % (tool.name, error, tool.signature_text)) from None
    for parameter_name, value in list(bound.arguments.items()):
        parameter = signature.parameters[parameter_name]
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        try:
            bound.arguments[parameter_name] = convert(value, parameter.annotation)
        except TypeError as error:
            raise CallError("Invalid argument %r for %s: %s. Its signature: %s"
                            % (parameter_name, tool.name, error, tool.signature_text)) from None
    return _Bound(bound.args, bound.kwargs, dict(bound.arguments))


def _spread_variadic(tool, args, kwargs):
    variadic = tool.variadic_name()
    if variadic is None or variadic not in kwargs:
        return args, kwargs
    values = kwargs.pop(variadic)
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    signature = tool.signature
    if signature is not None:  # the parameters before *args, given by name, go first in order
        for parameter in signature.parameters.values():
            if parameter.kind == parameter.VAR_POSITIONAL:
                break
            if parameter.name in kwargs and len(args) == _position(signature, parameter.name):
                args.append(kwargs.pop(parameter.name))
    return args + values, kwargs


def _position(signature, name):
    return list(signature.parameters).index(name)


def convert(value, annotation):
    """``value`` as ``annotation`` asks, or a ``TypeError`` saying what was expected."""
    if annotation is inspect.Parameter.empty or annotation is typing.Any or isinstance(annotation, str):
        return value
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        options = typing.get_args(annotation)
        if value is None and type(None) in options:
            return None
        for option in options:
            if option is type(None):
                continue
            try:
                return convert(value, option)
            except TypeError:
                continue
        raise TypeError("expected %s, got %s" % (inspect.formatannotation(annotation), _describe(value)))
    target = origin or annotation
    if target is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif target is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
    elif target is bool:
        if isinstance(value, bool):
            return value
    elif target is str:
        if isinstance(value, str):
            return value
    elif target in (list, tuple, typing.List, typing.Sequence):
        if isinstance(value, (list, tuple)):
            item_types = typing.get_args(annotation)
            items = [convert(item, item_types[0]) for item in value] if len(item_types) == 1 else list(value)
            return tuple(items) if target is tuple else items
    elif target is dict:
        if isinstance(value, dict):
            return value
    elif isinstance(target, type):
        if isinstance(value, target):
            return value
    else:
        return value
    raise TypeError("expected %s, got %s" % (inspect.formatannotation(annotation), _describe(value)))


def format_value(value):
    """What a tool returned, as the model sees it: text as is, data as JSON, anything else by repr."""
    if isinstance(value, str):
        text = value
    elif value is None:
        text = "None (the tool returned nothing)"
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            to_string = getattr(value, "to_string", None)
            text = to_string() if callable(to_string) else repr(value)
    return truncate(text)


def truncate(text, limit=OBSERVATION_LIMIT):
    if len(text) <= limit:
        return text
    head = text[: limit * 2 // 3]
    tail = text[-(limit // 3):]
    return "%s\n[... %d characters cut ...]\n%s" % (head, len(text) - len(head) - len(tail), tail)


class _WholeList(list):
    """Arguments that came as one JSON list (may also be meant as a single list argument)."""


class _Bound:
    def __init__(self, args, kwargs, named):
        self.args = tuple(args)
        self.kwargs = dict(kwargs)
        self.named = named  # parameter name -> value, when the signature is known


def _unknown_tool(tools, name):
    names = sorted(tools)
    close = difflib.get_close_matches(name, names, n=1)
    hint = " Did you mean %s?" % close[0] if close else ""
    return "There is no tool named %r.%s The tools you can use are: %s." % (name, hint, ", ".join(names))


def _call_text(name, bound):
    if bound.named is not None:
        parts = ["%s=%r" % item for item in bound.named.items()]
    else:
        parts = [repr(arg) for arg in bound.args] + ["%s=%r" % item for item in bound.kwargs.items()]
    return "%s(%s)" % (name, ", ".join(parts))


def _with_printed(printed, text):
    printed = printed.strip()
    return truncate(printed) + "\n" + text if printed else text


def split_top_level(text):
    """Splits on commas outside quotes and brackets."""
    parts, depth, quote, current = [], 0, None, []
    for char in text:
        if quote:
            current.append(char)
            if char == quote:
                quote = None
            continue
        if char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part.strip()]


def _literal(text):
    for reader in (json.loads, ast.literal_eval):
        try:
            return reader(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return None


def _loose_value(text):
    text = text.strip()
    if text in ("None", "null"):
        return None
    value = _literal(text)
    if value is not None:
        return value
    return text.strip("'\"")


def _json_type(value):
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


def _describe(value):
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:59] + "\u2026"
    return "%s %s" % (type(value).__name__, shown)
