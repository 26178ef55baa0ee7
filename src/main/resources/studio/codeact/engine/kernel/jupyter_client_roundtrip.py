"""The reference figures for `codeact perf kernel`: Python's own jupyter_client.

Three modes; roundtrip and start print one JSON object on stdout:

  roundtrip --connection-file FILE --n N
      Attaches a BlockingKernelClient to a kernel that is already running (the engine's own,
      so both clients talk to the same process in the same run) and times N `1+1` cells
      after warm-up. A cell ends, as in the Java engine, when its execute_reply AND the iopub
      `status: idle` for it have arrived. Two ways of waiting are timed and the faster is
      reported as jupyter_client's figure:
        execute_then_wait    kc.execute() then get_shell_msg / get_iopub_msg
        execute_interactive  kc.execute_interactive() (jupyter_client's own helper)

  serve --connection-file FILE
      The same two ways, interleaved with the Java engine's own cells under the same load:
      after warm-up it reads lines `METHOD N` on stdin, runs N cells, prints their times and,
      per cell, how long after the request the kernel stamped its idle status (the kernel's
      own share, which no client can go below).

  start --python PYTHON
      Times a bare kernel start with the same command line as the engine
      (PYTHON -Xfrozen_modules=off -m ipykernel_launcher -f ... --InteractiveShell.colors=NoColor):
        start_new_kernel_ms      jupyter_client.manager.start_new_kernel, as is. Its
                                 wait_for_ready ends with a 0.2 s quiet period on iopub.
        kernel_info_ready_ms     the engine's own readiness rule with jupyter_client's parts:
                                 a kernel_info_reply plus an iopub message about one of our
                                 kernel_info requests, no quiet period.
"""
import argparse
import datetime
import json
import os
import queue
import sys
import tempfile
import time


def summary(samples):
    ordered = sorted(samples)
    n = len(ordered)
    return {
        "median_ms": round(ordered[n // 2] * 1000, 3),
        "p95_ms": round(ordered[min(n - 1, -(-n * 95 // 100) - 1)] * 1000, 3),
    }


def connect(connection_file):
    from jupyter_client import BlockingKernelClient

    kc = BlockingKernelClient(connection_file=connection_file)
    kc.load_connection_file()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return kc


def is_idle(msg):
    return msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"


def idle_stamp(msg):
    """When the kernel stamped its idle status, in seconds since the epoch."""
    date = msg["header"]["date"]
    if isinstance(date, str):
        date = datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
    return date.timestamp()


def cells(kc):
    """The two ways of running one `1+1` cell and waiting for its reply and its idle status.

    Each returns when the kernel stamped the idle status (epoch seconds).
    """

    def execute_then_wait():
        msg_id = kc.execute("1+1")
        while kc.get_shell_msg(timeout=30)["parent_header"].get("msg_id") != msg_id:
            pass
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id and is_idle(msg):
                return idle_stamp(msg)

    def execute_interactive():
        seen = []
        kc.execute_interactive("1+1", timeout=30, output_hook=lambda msg: seen.append(msg) if is_idle(msg) else None)
        return idle_stamp(seen[-1])

    return {"execute_then_wait": execute_then_wait, "execute_interactive": execute_interactive}


def timed(cell, n, kernel=None):
    """Round trips in seconds; `kernel` gets, per cell, how long after the request the kernel stamped idle."""
    samples = []
    for _ in range(n):
        wall = time.time()
        started = time.perf_counter()
        stamped = cell()
        samples.append(time.perf_counter() - started)
        if kernel is not None:
            kernel.append(stamped - wall)
    return samples


def round_trip(connection_file, n):
    kc = connect(connection_file)
    methods = {}
    for name, cell in cells(kc).items():
        for _ in range(max(50, n // 5)):
            cell()
        methods[name] = summary(timed(cell, n))
    kc.stop_channels()
    best = min(methods, key=lambda name: methods[name]["median_ms"])
    return {"n": n, "method": best, **methods[best], "methods": methods}


def serve(connection_file, warmup):
    """Interleaving with the Java side: each stdin line `METHOD N` runs N cells and prints their times (ms)."""
    kc = connect(connection_file)
    methods = cells(kc)
    for cell in methods.values():
        for _ in range(warmup):
            cell()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        name, count = line.split()
        kernel = []
        times = timed(methods[name], int(count), kernel)
        print(json.dumps({"ms": [round(t * 1000, 3) for t in times], "kernel_ms": [round(t * 1000, 3) for t in kernel]}), flush=True)
    kc.stop_channels()


def write_spec(python):
    folder = tempfile.mkdtemp(prefix="codeact-perf-")
    spec_dir = os.path.join(folder, "kernels", "codeact-perf")
    os.makedirs(spec_dir)
    with open(os.path.join(spec_dir, "kernel.json"), "w") as spec:
        json.dump({
            "argv": [python, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--InteractiveShell.colors=NoColor"],
            "display_name": "codeact perf", "language": "python",
        }, spec)
    return folder


def ready_like_the_engine(kc, started, limit=60.0):
    """kernel_info until a reply AND an iopub message about one of the requests arrived."""
    sent, reply, heard, next_send = set(), None, False, 0.0
    while not (reply and heard):
        now = time.perf_counter()
        if now - started > limit:
            raise RuntimeError("the kernel did not answer within %d s" % limit)
        if now >= next_send and not heard:
            sent.add(kc.kernel_info())
            next_send = now + (0.1 if reply else 1.0)
        try:
            msg = kc.get_shell_msg(timeout=0.002)
            if msg["parent_header"].get("msg_id") in sent and msg["msg_type"] == "kernel_info_reply" and reply is None:
                reply = msg
                next_send = time.perf_counter() + 0.1
        except queue.Empty:
            pass
        try:
            msg = kc.get_iopub_msg(timeout=0.002)
            heard |= msg["parent_header"].get("msg_id") in sent
        except queue.Empty:
            pass
    return time.perf_counter() - started


def bare_start(python):
    os.environ["JUPYTER_PATH"] = write_spec(python)
    os.environ.pop("MPLBACKEND", None)
    from jupyter_client.manager import KernelManager, start_new_kernel

    started = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="codeact-perf")
    start_new_kernel_s = time.perf_counter() - started
    kc.stop_channels()
    km.shutdown_kernel(now=True)

    km = KernelManager(kernel_name="codeact-perf")
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    ready_s = ready_like_the_engine(kc, started)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return {"start_new_kernel_ms": round(start_new_kernel_s * 1000, 1), "kernel_info_ready_ms": round(ready_s * 1000, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    trip = modes.add_parser("roundtrip")
    trip.add_argument("--connection-file", required=True)
    trip.add_argument("--n", type=int, default=200)
    server = modes.add_parser("serve")
    server.add_argument("--connection-file", required=True)
    server.add_argument("--warmup", type=int, default=100)
    start = modes.add_parser("start")
    start.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    if args.mode == "serve":
        serve(args.connection_file, args.warmup)
        return
    if args.mode == "roundtrip":
        result = round_trip(args.connection_file, args.n)
    else:
        result = bare_start(args.python)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
