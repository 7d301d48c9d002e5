"""A stand-in for a desktop's org.freedesktop.ScreenSaver on a private session bus, for the keep-awake's real
test: it answers Inhibit with a cookie and UnInhibit, and writes each call to the file named in argv[1]."""

import sys

from jeepney import HeaderFields, MessageType, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection


def main() -> None:
    with open(sys.argv[1], "a", buffering=1) as log:
        conn = open_dbus_connection(bus="SESSION")  # DBUS_SESSION_BUS_ADDRESS: the test's own bus
        conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.ScreenSaver"))
        log.write("ready\n")
        cookie = 0
        while True:
            message = conn.receive()
            if message.header.message_type != MessageType.method_call:
                continue
            member = message.header.fields.get(HeaderFields.member)
            if member == "Inhibit":
                cookie += 1
                log.write(f"Inhibit {message.body[0]} -> {cookie}\n")
                conn.send(new_method_return(message, "u", (cookie,)))
            else:
                log.write(f"{member} {' '.join(map(str, message.body))}\n")
                conn.send(new_method_return(message))


if __name__ == "__main__":
    main()
