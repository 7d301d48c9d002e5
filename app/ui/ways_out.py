"""The process's ways out and stops, for the app: a signal or a closed window leaves as q does, with the
status a shell expects; a terminal gone or a failure still ends the process with the terminal restored; time
stopped (Ctrl+Z, SIGTSTP, SIGSTOP) is held, never counted as exercise."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading

from app.ui import screens

EXIT_GRACE = 3.0  # seconds a signalled app may take to leave before the process ends regardless
# What Textual's driver writes on leaving: mouse, focus, paste and key reporting off, the normal
# screen back, the cursor shown.
RESET_TERMINAL = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1004l\x1b[?2004l\x1b[<u\x1b[?7h\x1b[?1049l\x1b[?25h"
)


class WaysOut:
    """Mixed into the app (its attributes: exit_signal, clock, keep_awake, going_on, _stopped_at)."""

    def _signalled(self, number: int) -> None:
        """SIGTERM, SIGINT (from kill: Ctrl+C is a key here), or SIGHUP from a closed terminal window:
        leave as after q, with the status a shell expects (128 + the signal's number).

        When the window is gone, Textual's output thread dies on the first write and leaving would
        wait for it for ever; so the process ends anyway after EXIT_GRACE seconds.
        """
        self.exit_signal = number
        self.exit(return_code=128 + number)
        stop = threading.Timer(EXIT_GRACE, self._force_exit, args=(128 + number,))
        stop.daemon = True
        stop.start()

    def _thread_failed(self, previous, loop: asyncio.AbstractEventLoop, failure) -> None:
        """Textual's output thread dies on its first write to a terminal that is gone. A closed window
        also sends SIGHUP, but a pty closed by another program sends nothing, and the app would wait
        for that thread for ever (its input thread spinning): leave as after SIGHUP."""
        if (
            failure.thread is None
            or failure.thread.name != "textual-output"
            or not issubclass(failure.exc_type, OSError)
        ):
            previous(failure)
            return
        stop = threading.Timer(EXIT_GRACE, self._force_exit, args=(128 + signal.SIGHUP,))
        stop.daemon = True
        stop.start()  # from here: the event loop may already be waiting on the dead thread
        try:
            loop.call_soon_threadsafe(self._signalled, signal.SIGHUP)
        except RuntimeError:
            pass  # the loop has closed: the timer ends the process

    def panic(self, *renderables) -> None:
        """Textual ends the app this way after an error outside the app's code (a byte its input
        thread cannot decode, say): that is a failure too, so the exit status says so."""
        self._return_code = self._return_code or 1
        super().panic(*renderables)

    def _force_exit(self, code: int) -> None:
        """End the process now, leaving the terminal as it was found as far as it can still be reached."""
        driver = self._driver
        try:
            fd = sys.__stderr__.fileno()
            os.set_blocking(fd, False)  # nobody may be reading: never wait to write
            os.write(fd, RESET_TERMINAL)
            before = getattr(driver, "attrs_before", None)
            if before is not None:
                import termios

                termios.tcsetattr(getattr(driver, "fileno", fd), termios.TCSANOW, before)
        except (OSError, ValueError, AttributeError):
            pass  # the terminal is gone: nothing to restore
        os._exit(code)

    def _watch_stops(self, loop: asyncio.AbstractEventLoop) -> None:
        """Note the moment the process stops (Ctrl+Z, SIGTSTP) and tell the sessions when it goes on (SIGCONT,
        after any stop): time stopped is never counted as exercise.

        Textual's own handlers (its driver's, which leave and re-enter the terminal's application mode)
        still run; these only come first. Textual tells its screens of a suspend only after the process
        has gone on, too late to know when it stopped.
        """
        before_stop, before_go_on = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)

        def stopping(number: int, frame: object) -> None:
            if self._stopped_at is None:
                self._stopped_at = self.clock()
            if self.keep_awake.held:  # stopped, nobody is there: let the screen sleep (released before the stop)
                self.keep_awake.want(False)
                self.keep_awake.settle(0.5)
            if callable(before_stop):
                before_stop(number, frame)
            elif before_stop != signal.SIG_IGN:
                os.kill(os.getpid(), signal.SIGSTOP)

        def going_on(number: int, frame: object) -> None:
            # Noted at once, in the handler: a session's tick may run before the call below, and it
            # must hold the session before it counts the time stopped (see SessionScreen.tick).
            self.going_on = True
            if callable(before_go_on):
                before_go_on(number, frame)
            loop.call_soon_threadsafe(self.went_on)

        signal.signal(signal.SIGTSTP, stopping)
        signal.signal(signal.SIGCONT, going_on)

    def went_on(self) -> None:
        """The process goes on after a stop: every session holds as it stood when it stopped (once a stop,
        whichever comes first: the call the signal's handler made, or a session's tick)."""
        if not self.going_on:
            return
        self.going_on = False
        at, self._stopped_at = self._stopped_at, None
        for screen in self.screen_stack:
            if isinstance(screen, screens.SessionScreen):
                screen.stopped(at)

    def _redraw(self, *_: object) -> None:
        """Back from Ctrl+Z (or SIGTSTP) and `fg`: the terminal was cleared, so draw every cell again."""
        self.screen._repaint_required = True  # Textual repaints only what changed otherwise
        self.screen.refresh(layout=True)
