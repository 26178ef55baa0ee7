"""codeact_io: records leave in order, stream text is batched but never held back for long."""
import threading
import time
import unittest

from embedded_harness import FakeJava

import codeact_io


class ChannelTest(unittest.TestCase):

    def setUp(self):
        self.java = FakeJava()
        self.channel = codeact_io.Channel(self.java.emit_address, self.java.ask_address, interval=0.05)

    def test_text_before_a_record_is_sent_before_it(self):
        self.channel.stdout.write("first\n")
        self.channel.stdout.write("second\n")
        self.channel.display({"text/plain": "shown"})
        self.channel.stderr.write("late")
        self.channel.flush()
        kinds = self.java.kinds()
        self.assertEqual(kinds[-2:], ["display", "stderr"])
        self.assertEqual(self.java.text("stdout"), "first\nsecond\n")
        self.assertEqual(self.java.records[-2][1]["data"], {"text/plain": "shown"})

    def test_interleaved_streams_keep_their_order(self):
        self.channel.stdout.write("a")
        self.channel.stderr.write("b")
        self.channel.stdout.write("c")
        self.channel.flush()
        self.assertEqual([payload for _, payload in self.java.records], ["a", "b", "c"])

    def test_many_small_writes_travel_in_few_chunks(self):
        for number in range(10000):
            self.channel.stdout.write("%d\n" % number)
        self.channel.flush()
        self.assertEqual(self.java.text(), "".join("%d\n" % n for n in range(10000)))
        self.assertLess(len(self.java.records), 100)

    def test_a_line_left_in_the_buffer_is_sent_by_the_helper_thread(self):
        self.channel.stdout.write("quick\n")
        self.channel.stdout.write("waiting\n")  # within the interval: buffered
        deadline = time.monotonic() + 2
        while "waiting" not in self.java.text() and time.monotonic() < deadline:
            time.sleep(0.01)
        self.assertEqual(self.java.text(), "quick\nwaiting\n")

    def test_results_and_errors_are_json_with_images_as_base64(self):
        self.channel.result(3, {"text/plain": "42", "image/png": b"\x89PNG"}, {"isolated": True})
        self.channel.error("KeyError", "'x'", ["line 1", "line 2"])
        result, error = self.java.records
        self.assertEqual(result, ("result", {"count": 3, "data": {"text/plain": "42", "image/png": "iVBORw=="},
                                             "metadata": {"isolated": True}}))
        self.assertEqual(error[1], {"ename": "KeyError", "evalue": "'x'", "traceback": ["line 1", "line 2"]})

    def test_a_plain_text_result_travels_without_json(self):
        self.channel.result(7, {"text/plain": "line one\nline two"})
        self.assertEqual(self.java.records, [("result", {"count": 7, "data": {"text/plain": "line one\nline two"}, "metadata": {}})])

    def test_writes_from_threads_all_arrive(self):
        def spam(tag):
            for _ in range(500):
                self.channel.stdout.write(tag * 10 + "\n")
        threads = [threading.Thread(target=spam, args=(tag,)) for tag in "xyz"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.channel.flush()
        lines = self.java.text().splitlines()
        self.assertEqual(len(lines), 1500)
        self.assertEqual(sorted(set(lines)), ["x" * 10, "y" * 10, "z" * 10])

    def test_stream_object_behaves_like_a_text_file(self):
        stream = self.channel.stdout
        self.assertTrue(stream.writable())
        self.assertFalse(stream.isatty())
        self.assertEqual(stream.encoding, "utf-8")
        self.assertEqual(stream.write("héllo\n"), 6)
        with self.assertRaises(TypeError):
            stream.write(b"bytes")
        with self.assertRaises(OSError):
            stream.fileno()
        stream.flush()
        self.assertEqual(self.java.text(), "héllo\n")


class InputTest(unittest.TestCase):

    def setUp(self):
        self.java = FakeJava()
        self.channel = codeact_io.Channel(self.java.emit_address, self.java.ask_address)

    def test_an_answer_comes_back_and_the_prompt_reaches_java(self):
        self.java.answers.append("Ada")
        self.assertEqual(self.channel.input("your name? "), "Ada")
        self.assertEqual(self.java.prompts, [("your name? ", False)])

    def test_getpass_is_marked_as_a_password(self):
        self.java.answers.append("secret")
        self.assertEqual(self.channel.getpass("pw: "), "secret")
        self.assertEqual(self.java.prompts, [("pw: ", True)])

    def test_refusal_raises_ipykernels_error(self):
        from IPython.core.error import StdinNotImplementedError
        with self.assertRaises(StdinNotImplementedError) as raised:
            self.channel.input("x? ")
        self.assertEqual(str(raised.exception), "raw_input was called, but this frontend does not support input requests.")

    def test_an_interrupted_question_raises_keyboard_interrupt(self):
        self.java.answers.append(codeact_io.INTERRUPTED)
        with self.assertRaises(KeyboardInterrupt):
            self.channel.input("x? ")

    def test_a_declined_question_raises_stdin_not_implemented(self):
        from IPython.core.error import StdinNotImplementedError
        self.java.answers.append(codeact_io.DECLINED)
        with self.assertRaises(StdinNotImplementedError):
            self.channel.input("x? ")

    def test_a_long_answer_is_fetched_whole(self):
        answer = "é" * 100000
        self.java.answers.append(answer)
        self.assertEqual(self.channel.input(), answer)

    def test_pending_output_is_sent_before_the_question(self):
        self.channel.stdout.write("before ")
        self.java.answers.append("ok")
        self.channel.input("q")
        self.assertEqual(self.java.text(), "before ")


if __name__ == "__main__":
    unittest.main()
