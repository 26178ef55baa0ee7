"""Confines model-written code (see studio.codeact.engine.sandbox in Java).

Two entry points, one policy (a JSON object written by SandboxPolicy.java):

* ``confine(policy_json)`` -- confines the *calling thread* and what it starts: the embedded
  engine calls it on the thread that runs one session's cells.
* ``python -S -E codeact_sandbox.py POLICY.json -- ARGV...`` -- confines this (still
  single-threaded) process, then execs ARGV: the kernel engine launches a kernelspec's kernel
  through it, so the kernel keeps the pid Java started.
* ``python [-X...] codeact_sandbox.py POLICY.json -- -m MODULE ARGS...`` -- confines this process,
  then runs MODULE in this same interpreter as ``python [-X...] -m MODULE ARGS...`` would (the
  engine's default kernel, ``ipykernel_launcher``: one interpreter start instead of two). The
  interpreter has the kernel's flags, so ``site`` has run already; Java chooses this form only
  where nothing it loaded can have been written by sandboxed code (SandboxLaunch.runsInScript).

Mechanisms, all unprivileged and inherited by children:

* Landlock (file access; TCP bind/connect; signal and abstract-Unix-socket scoping),
* a seccomp filter (UDP, raw and other non-TCP internet sockets, TCP Fast Open; in the embedded
  engine also signals aimed at the app's own process),
* ``PR_SET_NO_NEW_PRIVS`` (no setuid programs), and in the kernel process
  ``PR_SET_CHILD_SUBREAPER`` (orphans of the code come back to the kernel, so they can be ended).

Policy keys: ``read`` (folders and files: read and execute), ``write`` (folders: full rights),
``devices`` (files: read and write), ``bind_ports`` (TCP ports the process may listen on), ``connect_ports`` (TCP ports it may connect to),
``network`` (true: no network rules at all), ``protect_pid`` (a pid whose signals are refused, 0 for
none), ``subreaper`` (bool), ``env`` (variables to set), ``unset`` (variable names to remove).
"""
import ctypes
import json
import os
import struct
import sys

_SYS_CREATE_RULESET = 444
_SYS_ADD_RULE = 445
_SYS_RESTRICT_SELF = 446
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_PR_SET_CHILD_SUBREAPER = 36
_SECCOMP_MODE_FILTER = 2

# Landlock file rights, by the ABI that introduced them
_EXECUTE, _WRITE_FILE, _READ_FILE, _READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_REMOVE_DIR, _REMOVE_FILE, _MAKE_CHAR, _MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
_MAKE_REG, _MAKE_SOCK, _MAKE_FIFO, _MAKE_BLOCK, _MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
_REFER, _TRUNCATE, _IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_BIND_TCP, _CONNECT_TCP = 1 << 0, 1 << 1
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1 << 0, 1 << 1

_FILE_RIGHTS = _EXECUTE | _WRITE_FILE | _READ_FILE | _TRUNCATE | _IOCTL_DEV

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long
_libc.prctl.restype = ctypes.c_int
_libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]


class SandboxError(OSError):
    pass


def _check(result, what):
    if result < 0:
        error = ctypes.get_errno()
        raise SandboxError(error, "%s failed: %s" % (what, os.strerror(error)))
    return result


def abi():
    """Landlock's ABI version here, or 0 when the kernel has none."""
    result = _libc.syscall(ctypes.c_long(_SYS_CREATE_RULESET), ctypes.c_void_p(0), ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(0, result)


def _fs_rights(version):
    rights = (1 << 13) - 1
    if version >= 2:
        rights |= _REFER
    if version >= 3:
        rights |= _TRUNCATE
    if version >= 5:
        rights |= _IOCTL_DEV
    return rights


def _landlock(policy, version):
    fs = _fs_rights(version)
    network = policy.get("network", False)
    net = 0 if network or version < 4 else _BIND_TCP | _CONNECT_TCP
    scoped = _SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL if version >= 6 else 0
    if version >= 6:
        attr = struct.pack("QQQ", fs, net, scoped)
    elif version >= 4:
        attr = struct.pack("QQ", fs, net)
    else:
        attr = struct.pack("Q", fs)
    buffer = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _check(_libc.syscall(ctypes.c_long(_SYS_CREATE_RULESET), buffer, ctypes.c_size_t(len(attr)),
                                   ctypes.c_uint32(0)), "landlock_create_ruleset")
    try:
        read = _EXECUTE | _READ_FILE | _READ_DIR
        write = fs
        for path in policy.get("read", []):
            _path_rule(ruleset, path, read)
        for path in policy.get("write", []):
            _path_rule(ruleset, path, write)
        for path in policy.get("devices", []):
            _path_rule(ruleset, path, _READ_FILE | _WRITE_FILE | (_IOCTL_DEV if version >= 5 else 0))
        if net:
            for port in policy.get("bind_ports", []):
                rule = ctypes.create_string_buffer(struct.pack("QQ", _BIND_TCP, int(port)), 16)
                _check(_libc.syscall(ctypes.c_long(_SYS_ADD_RULE), ctypes.c_int(ruleset), ctypes.c_int(2), rule,
                                     ctypes.c_uint32(0)), "landlock_add_rule(port %s)" % port)
            for port in policy.get("connect_ports", []):
                rule = ctypes.create_string_buffer(struct.pack("QQ", _CONNECT_TCP, int(port)), 16)
                _check(_libc.syscall(ctypes.c_long(_SYS_ADD_RULE), ctypes.c_int(ruleset), ctypes.c_int(2), rule,
                                     ctypes.c_uint32(0)), "landlock_add_rule(connect port %s)" % port)
        _check(_libc.syscall(ctypes.c_long(_SYS_RESTRICT_SELF), ctypes.c_int(ruleset), ctypes.c_uint32(0)),
               "landlock_restrict_self")
    finally:
        os.close(ruleset)


def _path_rule(ruleset, path, rights):
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # gone or unreachable: nothing to allow
    try:
        if not os.path.isdir(path):
            rights &= _FILE_RIGHTS
        rule = ctypes.create_string_buffer(struct.pack("=Qi", rights, fd), 12)
        _check(_libc.syscall(ctypes.c_long(_SYS_ADD_RULE), ctypes.c_int(ruleset), ctypes.c_int(1), rule,
                             ctypes.c_uint32(0)), "landlock_add_rule(%s)" % path)
    finally:
        os.close(fd)


# -- seccomp ---------------------------------------------------------------------------------

_LD, _JEQ, _JGE, _JSET, _RET, _AND = 0x20, 0x15, 0x35, 0x45, 0x06, 0x54
_ALLOW = 0x7fff0000
_DENY = 0x00050000 | 13  # SECCOMP_RET_ERRNO | EACCES: the code sees PermissionError
_AUDIT_ARCH = {"x86_64": 0xc000003e, "aarch64": 0xc00000b7}
_CALLS = {  # socket, sendto, sendmsg, sendmmsg, kill, tgkill, tkill
    "x86_64": (41, 44, 46, 307, 62, 234, 200),
    "aarch64": (198, 206, 211, 269, 129, 131, 130),
}
_AF_INET, _AF_INET6, _AF_PACKET = 2, 10, 17
_MSG_FASTOPEN = 0x20000000


def _arg(index):
    return 16 + 8 * index  # low 32 bits of args[index] (little endian)


class _Program:
    """A classic-BPF program with symbolic jump targets, resolved at the end."""

    def __init__(self):
        self.code = []
        self.labels = {}

    def op(self, code, k=0, true=None, false=None):
        self.code.append([code, true, false, k])

    def label(self, name):
        self.labels[name] = len(self.code)

    def assemble(self):
        out = b""
        for index, (code, true, false, k) in enumerate(self.code):
            jt = self.labels[true] - index - 1 if true else 0
            jf = self.labels[false] - index - 1 if false else 0
            out += struct.pack("HBBI", code, jt, jf, k & 0xffffffff)
        return out


def _filter(policy):
    machine = os.uname().machine
    if machine not in _CALLS:
        raise SandboxError(0, "the sandbox's network filter knows no system calls for " + machine)
    socket_nr, sendto, sendmsg, sendmmsg, kill, tgkill, tkill = _CALLS[machine]
    p = _Program()
    p.op(_LD, 4)
    p.op(_JEQ, _AUDIT_ARCH[machine], "arch", "deny")
    p.label("arch")
    p.op(_LD, 0)
    if machine == "x86_64":
        p.op(_JGE, 0x40000000, "deny", "native")  # x32 system calls
    else:
        p.op(_JEQ, 0xffffffff, "deny", "native")
    p.label("native")
    if not policy.get("network", False):
        p.op(_JEQ, socket_nr, "socket", "n1")
        p.label("n1")
        p.op(_JEQ, sendto, "flags3", "n2")
        p.label("n2")
        p.op(_JEQ, sendmsg, "flags2", "n3")
        p.label("n3")
        p.op(_JEQ, sendmmsg, "flags3", "n4")
        p.label("n4")
    protect = int(policy.get("protect_pid", 0))
    if protect:
        p.op(_JEQ, kill, "kill", "k1")
        p.label("k1")
        p.op(_JEQ, tgkill, "tgkill", "k2")
        p.label("k2")
        p.op(_JEQ, tkill, "deny", "allow")
    else:
        p.op(_JEQ, 0xffffffff, "deny", "allow")
    if not policy.get("network", False):
        p.label("socket")
        p.op(_LD, _arg(0))
        p.op(_JEQ, _AF_INET, "inet", "s1")
        p.label("s1")
        p.op(_JEQ, _AF_INET6, "inet", "s2")
        p.label("s2")
        p.op(_JEQ, _AF_PACKET, "deny", "allow")
        p.label("inet")  # only TCP (type SOCK_STREAM, protocol 0 or IPPROTO_TCP): Landlock rules it
        p.op(_LD, _arg(1))
        p.op(_AND, 0xf)
        p.op(_JEQ, 1, "stream", "deny")
        p.label("stream")
        p.op(_LD, _arg(2))
        p.op(_JEQ, 0, "allow", "s3")
        p.label("s3")
        p.op(_JEQ, 6, "allow", "deny")
        p.label("flags3")
        p.op(_LD, _arg(3))
        p.op(_JSET, _MSG_FASTOPEN, "deny", "allow")
        p.label("flags2")
        p.op(_LD, _arg(2))
        p.op(_JSET, _MSG_FASTOPEN, "deny", "allow")
    if protect:
        p.label("kill")  # kill(pid): the app itself, its group (0, -pgid) and everyone (-1)
        p.op(_LD, _arg(0))
        p.op(_JEQ, protect, "deny", "kl1")
        p.label("kl1")
        p.op(_JEQ, 0, "deny", "kl2")
        p.label("kl2")
        p.op(_JEQ, (-os.getpgid(protect)) & 0xffffffff, "deny", "kl3")
        p.label("kl3")
        p.op(_JEQ, 0xffffffff, "deny", "allow")
        p.label("tgkill")
        p.op(_LD, _arg(0))
        p.op(_JEQ, protect, "deny", "allow")
    p.label("allow")
    p.op(_RET, _ALLOW)
    p.label("deny")
    p.op(_RET, _DENY)
    return p.assemble()


def _seccomp(policy):
    code = _filter(policy)
    program = ctypes.create_string_buffer(code, len(code))
    fprog = ctypes.create_string_buffer(struct.pack("HxxxxxxQ", len(code) // 8, ctypes.addressof(program)), 16)
    _check(_libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0), "seccomp")


# -- environment -----------------------------------------------------------------------------

def scrub(names):
    """Removes ``names`` from the environment, and wipes their values in the process's original
    environment block too (what ``/proc/self/environ`` shows), in place."""
    wanted = [name.encode() + b"=" for name in names]
    environ = ctypes.POINTER(ctypes.c_char_p).in_dll(_libc, "environ")
    index = 0
    while environ[index] is not None:
        entry = environ[index]
        for prefix in wanted:
            if entry.startswith(prefix) and len(entry) > len(prefix):
                address = ctypes.cast(environ, ctypes.POINTER(ctypes.c_void_p))[index]
                ctypes.memset(address + len(prefix), ord("x"), len(entry) - len(prefix))
        index += 1
    for name in names:
        os.environ.pop(name, None)


def _environment(policy):
    scrub([name for name in policy.get("unset", []) if name in os.environ])
    for name, value in policy.get("env", {}).items():
        os.environ[name] = value
    if "TMPDIR" in policy.get("env", {}):
        import tempfile
        tempfile.tempdir = None
    cache = policy.get("env", {}).get("XDG_CACHE_HOME")
    if cache:
        _redirect_caches(cache)


def _redirect_caches(cache):
    """Libraries loaded before the sandbox (in the embedded interpreter: IPython's Jedi and parso)
    chose their cache folders then; point them at the private one."""
    jedi_settings = sys.modules.get("jedi.settings")
    if jedi_settings is not None:
        jedi_settings.cache_directory = os.path.join(cache, "jedi")
    parso_cache = sys.modules.get("parso.cache")
    if parso_cache is not None:
        from pathlib import Path
        parso_cache._default_cache_path = Path(cache, "parso")


# -- entry points ----------------------------------------------------------------------------

def _interpreter_folders():
    """This interpreter's own folders (a venv or conda environment may live in a hidden folder)."""
    folders = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    folders.update(entry for entry in sys.path if entry and os.path.isabs(entry))
    return sorted(folders)


def confine(policy_json):
    """Confines the calling thread (and everything it starts) by ``policy_json``; returns the Landlock ABI used."""
    policy = json.loads(policy_json)
    policy.setdefault("read", []).extend(_interpreter_folders())
    version = abi()
    if version < 1:
        raise SandboxError(0, "this kernel has no Landlock")
    _environment(policy)
    if policy.get("subreaper"):
        _check(_libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "PR_SET_CHILD_SUBREAPER")
    _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "PR_SET_NO_NEW_PRIVS")
    _seccomp(policy)
    _landlock(policy, version)
    return version


def _threads():
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0  # unknown: treat as more than one


def _run_module(module, args):
    """``python -m module args`` in this interpreter, the way the interpreter itself does it: a
    fresh ``__main__``, ``sys.argv[0]`` the module's file, the working folder (not this script's)
    first on ``sys.path``."""
    import runpy
    import types
    if not sys.flags.safe_path and sys.path:
        sys.path[0] = os.getcwd()  # "python script.py" put this script's folder there, "-m" puts the cwd
    sys.argv[:] = ["-m"] + args  # argv[0] becomes the module's file
    sys.modules["__main__"] = types.ModuleType("__main__")
    run = getattr(runpy, "_run_module_as_main", None)
    if run is None:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        run(module, True)


def _main(argv):
    if len(argv) < 4 or argv[2] != "--" or (argv[3] == "-m" and len(argv) < 5):
        sys.stderr.write("usage: codeact_sandbox.py POLICY.json -- (PROGRAM | -m MODULE) [ARGS...]\n")
        return 2
    with open(argv[1], encoding="utf-8") as file:
        text = file.read()
    try:
        os.unlink(argv[1])
    except OSError:
        pass
    confine(text)
    if argv[3] == "-m":
        if _threads() == 1:
            _run_module(argv[4], argv[5:])
            return 0
        # Landlock and seccomp confined this thread only: start afresh (exec keeps the confinement)
        flags = sys.orig_argv[1:len(sys.orig_argv) - len(sys.argv)]
        os.execv(sys.executable, [sys.executable] + flags + argv[3:])
    os.execvp(argv[3], argv[3:])
    return 1


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
