"""An SMTP sink in its own process, so that receiving costs the benchmark no CPU
time of its own process, as with a real mail server."""

import multiprocessing
import time

from tests.smtp import free_port


class _Counter:
    def __init__(self, count):
        self.count = count

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.count.get_lock():
            self.count.value += 1
        return "250 OK"


def _serve(port, count, stop, ready):
    from aiosmtpd.controller import Controller

    controller = Controller(_Counter(count), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class SmtpSink:
    def __init__(self):
        self.port = free_port()
        self.count = multiprocessing.Value("i", 0)
        self.stop = multiprocessing.Event()
        ready = multiprocessing.Event()
        self.process = multiprocessing.Process(
            target=_serve, args=(self.port, self.count, self.stop, ready), daemon=True
        )
        self.ready = ready

    def __enter__(self):
        self.process.start()
        self.ready.wait(10)
        return self

    def received(self, expected: int, timeout: float = 10) -> int:
        deadline = time.monotonic() + timeout
        while self.count.value < expected and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.count.value

    def __exit__(self, *exc):
        self.stop.set()
        self.process.join(5)
