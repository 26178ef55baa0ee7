"""M3ToolEval's interaction (``codeact bench --protocol m3tooleval``), as its ``main.py`` and
``tasks/base.py`` define it, written anew here so numbers can be set beside the paper's table:

- a reply is trimmed before its second ``Answer:``/``Action:``, then read as an action (the text
  after ``Action:`` up to ``End Action``) or an answer (the text after ``Answer:``); a reply with both
  or neither is told so;
- text actions are ``tool_name, arg1, arg2`` (each argument read as int, else float, else text), json
  actions ``{"tool": name, "args": [...]}``; the tool is called with the arguments in order, no other
  check, and the observation is ``str`` of what it returned (cut at 2,000 characters) or the
  paper's failure sentence;
- a code action runs in the interpreter; the observation is what it printed, with the paper's
  "did you forget to print?" note when that is nothing;
- a wrong answer is answered with "Your answer is incorrect..." and the model tries again until the
  turn limit (10); an atomic task is also solved by an action whose result is the answer.
"""
import ast
import json
import re

TURN_LIMIT = 10
OUTPUT_LIMIT = 2000
TRUNCATED = "...\n[Output Truncated]"
NO_OUTPUT = "[Executed Successfully with No Output, Did you forget to print?]"
INCORRECT = ("Your answer is incorrect. Please try again. Note that you should ONLY output the answer "
             "(e.g., single number), without any other text.")
BOTH = "Invalid generation. Your output should contain either 'Action:' or 'Answer:', but not both."
NEITHER = "Invalid generation. Your output should contain either 'Action:' or 'Answer:'"
MORE_ANSWERS = "You have output more than one answer. Only the first answer will be used."
MORE_ACTIONS = "You have output more than one action. Only the first action will be used."
REMINDER = "\n*Extra reminder: "


def trim(generation):
    """The reply as the paper keeps it: cut before a second ``Answer:``/``Action:``, and after the first
    action's ``End Action`` or before a ``Thought:`` that follows it."""
    generation = generation.lstrip()
    marks = [match.start() for match in re.finditer(r"Answer:|Action:", generation)]
    if len(marks) <= 1:
        return generation
    kept = generation[:marks[1]].strip()
    after_action = kept.find("Action:") + len("Action:")
    end = kept.find("End Action", after_action)
    if end != -1:
        kept = kept[:end + len("End Action")].strip()
    thought = kept.find("Thought:", after_action)
    if thought != -1:
        kept = kept[:thought].strip()
    return kept


def parse(reply):
    """``{"type": "action"|"answer"|"invalid", "content", "extra_info"}`` for a trimmed reply."""
    if "Answer:" in reply and "Action:" in reply:
        return {"type": "invalid", "content": BOTH, "extra_info": ""}
    for mark, kind, more in (("Answer:", "answer", MORE_ANSWERS), ("Action:", "action", MORE_ACTIONS)):
        if mark not in reply:
            continue
        several = reply.count(mark) > 1
        content = reply.split(mark)[1] if several else reply[reply.find(mark) + len(mark):]
        if kind == "answer":
            content = content.strip()
        else:
            content = content.lstrip()
            if "End Action" in content:
                content = content[:content.find("End Action")]
        return {"type": kind, "content": content, "extra_info": more if several else ""}
    return {"type": "invalid", "content": NEITHER, "extra_info": ""}


def turn(task, mode, generation):
    """What one reply does: the trimmed reply, its kind, and the observation or the verdict."""
    reply = trim(generation)
    parsed = parse(reply)
    result = {"reply": reply, "type": parsed["type"], "content": parsed["content"],
              "extra_info": parsed["extra_info"], "observation": None, "correct": False, "grade": None}
    if parsed["type"] == "answer":
        result["grade"] = task.comparison.grade(parsed["content"])
        result["correct"] = result["grade"]["success"]
        result["observation"] = INCORRECT
    elif parsed["type"] == "invalid":
        result["observation"] = parsed["content"]
    elif mode in ("json", "text"):
        value = run_action(task.tools, mode, parsed["content"])
        result["observation"] = str(value)
        _atomic_check(task, value, result)
    if result["observation"] is not None and parsed["extra_info"]:
        result["observation"] += REMINDER + parsed["extra_info"]
    return result


def code_observation(task, output):
    """The observation of a code action from what it printed (stdout, the last value, a traceback)."""
    if output == "":
        output = NO_OUTPUT
    output = _cut(output)
    output = re.sub(r"Out\[\d+\]:", "", output)
    try:
        value = ast.literal_eval(output.strip())
    except Exception:  # the paper keeps the text when it is no literal
        value = output
    result = {"observation": str(value), "correct": False, "grade": None}
    _atomic_check(task, value, result)
    return result


def run_action(tools, mode, action):
    """A json or text action, called the paper's way; what it returned, or the sentence it says."""
    if mode == "text":
        name, *texts = action.split(",")
        name = name.strip()
        args = [_number_or_text(text.strip()) for text in texts]
    else:
        try:
            call = json.loads(action)
            name = call["tool"]
            args = call["args"]
        except Exception as error:
            return ("Invalid action. You should output a JSON object with the following fields: 'tool' (the name "
                    "of the tool), 'args' (a list of arguments to the tool). Error: %s" % error)
    if not isinstance(args, list):
        args = [args]
    tool = tools.get(name) if isinstance(name, str) else None
    if tool is None:
        return "Cound not find tool with name %s" % name  # sic: the paper's words
    try:
        value = tool.function(*args)
    except Exception:
        return ("Failed to execute tool %s with args %s. Did you try to invoke more than one tool at a time?"
                % (name, args))
    return _cut(str(value))


def _atomic_check(task, value, result):
    if task.task_class == "atomic":
        grade = task.comparison.grade(value if isinstance(value, str) else json.dumps(value, default=str))
        result["correct"] = grade["success"]
        result["grade"] = grade if grade["success"] else None


def _cut(text):
    return text[:OUTPUT_LIMIT] + TRUNCATED if len(text) > OUTPUT_LIMIT else text


def _number_or_text(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text
