"""codeact_guard: exits are refused in the host process, interrupts land only inside cells."""
import os
import signal
import subprocess
import sys
import threading
import time
import unittest

from embedded_harness import installed, send_interrupt

import codeact_guard


class ExitGuardTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        installed()  # installs the guards, as the application does once

    def assertRefused(self, call, *args):
        with self.assertRaises(codeact_guard.ExitNotAllowed) as raised:
            call(*args)
        self.assertEqual(str(raised.exception), codeact_guard.MESSAGE)
        self.assertIsInstance(raised.exception, SystemExit)

    def test_exit_functions_are_refused(self):
        import builtins
        self.assertRefused(sys.exit)
        self.assertRefused(sys.exit, 3)
        self.assertRefused(os._exit, 0)
        self.assertRefused(os.abort)
        self.assertRefused(builtins.exit)
        self.assertRefused(builtins.quit)
        self.assertRefused(codeact_guard.refuse_exit)

    def test_signals_to_the_own_process_are_refused(self):
        self.assertRefused(os.kill, os.getpid(), signal.SIGTERM)
        self.assertRefused(os.kill, os.getpid(), signal.SIGKILL)
        self.assertRefused(os.kill, 0, signal.SIGINT)
        self.assertRefused(os.kill, -1, signal.SIGTERM)
        self.assertRefused(os.kill, -os.getpgrp(), signal.SIGTERM)
        self.assertRefused(os.killpg, os.getpgrp(), signal.SIGTERM)
        self.assertRefused(os.killpg, 0, signal.SIGHUP)
        self.assertRefused(signal.raise_signal, signal.SIGTERM)
        self.assertRefused(signal.pthread_kill, threading.get_ident(), signal.SIGKILL)

    def test_replacing_the_process_is_refused(self):
        self.assertRefused(os.execv, "/bin/true", ["true"])
        self.assertRefused(os.execvp, "true", ["true"])
        self.assertRefused(os.execl, "/bin/true", "true")

    def test_harmless_signals_still_work(self):
        os.kill(os.getpid(), 0)  # "does the process exist"
        child = subprocess.Popen(["sleep", "30"])
        os.kill(child.pid, signal.SIGTERM)
        self.assertEqual(child.wait(10), -signal.SIGTERM)

    def test_a_forked_child_dies_of_sigterm_though_its_parent_handles_it(self):
        previous = signal.signal(signal.SIGTERM, lambda number, frame: None)  # like the JVM's handler
        try:
            ready_read, ready_write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.write(ready_write, b"!")
                time.sleep(30)
                os._exit(3)
            os.read(ready_read, 1)
            os.kill(pid, signal.SIGTERM)
            _, status = os.waitpid(pid, 0)
            self.assertEqual(os.waitstatus_to_exitcode(status), -signal.SIGTERM)
        finally:
            signal.signal(signal.SIGTERM, previous)

    def test_a_sigterm_sent_while_a_fork_holds_it_meets_the_disposition_in_force_when_released(self):
        got = []
        previous = signal.signal(signal.SIGTERM, lambda number, frame: got.append("jvm"))  # like the JVM's handler
        codeact_guard._hold_jvm_signals()  # as just before a fork
        try:
            # Pool.terminate() in the gap (sent from another process: the guard refuses os.kill of the host)
            subprocess.run(["kill", "-TERM", str(os.getpid())], check=True)
            self.assertEqual(got, [], "held, not delivered")
            signal.signal(signal.SIGTERM, lambda number, frame: got.append("child's own"))  # the child's defaults are back
        finally:
            codeact_guard._release_jvm_signals()
        try:
            self.assertEqual(got, ["child's own"])
            self.assertNotIn(signal.SIGTERM, signal.pthread_sigmask(signal.SIG_BLOCK, []))
        finally:
            signal.signal(signal.SIGTERM, previous)

    def test_a_forked_child_can_still_exit(self):
        pid = os.fork()
        if pid == 0:
            os._exit(7)
        _, status = os.waitpid(pid, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status), 7)


class InterruptTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.java = installed()

    def tearDown(self):
        codeact_guard.disarm()
        self.java.reason.reason = codeact_guard.NONE

    def interrupt_soon(self, reason, delay=0.2):
        timer = threading.Timer(delay, send_interrupt, args=(self.java, reason))
        timer.start()
        return timer

    def test_a_sleep_stops_within_a_second(self):
        codeact_guard.arm()
        self.interrupt_soon(codeact_guard.INTERRUPT)
        started = time.monotonic()
        with self.assertRaises(KeyboardInterrupt):
            time.sleep(30)
        self.assertLess(time.monotonic() - started, 1.2)

    def test_a_busy_loop_stops_within_a_second(self):
        codeact_guard.arm()
        self.interrupt_soon(codeact_guard.INTERRUPT)
        started = time.monotonic()
        with self.assertRaises(KeyboardInterrupt):
            while time.monotonic() - started < 30:
                pass
        self.assertLess(time.monotonic() - started, 1.2)

    def test_the_memory_reason_raises_memory_error(self):
        self.java.reason.limit = 2 * 10 ** 9
        self.java.reason.rss = 3 * 10 ** 9
        codeact_guard.arm()
        self.interrupt_soon(codeact_guard.MEMORY)
        with self.assertRaises(MemoryError) as raised:
            time.sleep(30)
        self.assertIn("memory ceiling of 2.0 GB", str(raised.exception))

    def test_outside_a_cell_the_signal_is_ignored_until_the_next_cell(self):
        send_interrupt(self.java, codeact_guard.INTERRUPT)
        time.sleep(0.05)  # handler runs here and must not raise
        self.assertEqual(self.java.reason.reason, codeact_guard.INTERRUPT)
        with self.assertRaises(KeyboardInterrupt):
            codeact_guard.arm()
        self.assertEqual(self.java.reason.reason, codeact_guard.NONE)

    def test_a_signal_without_a_reason_changes_nothing(self):
        codeact_guard.arm()
        send_interrupt(self.java, codeact_guard.NONE)
        time.sleep(0.05)


if __name__ == "__main__":
    unittest.main()
