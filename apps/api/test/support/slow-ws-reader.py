"""A graphql-transport-ws client that stops reading (for the back-pressure e2e test).

Argv: port, number of subscriptions, subscribe payload (JSON). With a 4 KiB receive buffer it opens
the WebSocket, sends connection_init, waits for connection_ack, starts the subscriptions, prints
READY and reads nothing more until a line arrives on stdin; then reads to the end and prints, as
JSON, the close code and reason the server sent (null if none) and the number of `next` messages.
"""
import base64
import json
import os
import socket
import struct
import sys

port, count, payload = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
sock.connect(("127.0.0.1", port))
key = base64.b64encode(os.urandom(16)).decode()
sock.sendall(
    (
        "GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
    ).encode()
)
buffer = b""
while b"\r\n\r\n" not in buffer:
    chunk = sock.recv(4096)
    if not chunk:
        sys.exit("closed during the handshake")
    buffer += chunk
head, buffer = buffer.split(b"\r\n\r\n", 1)
if b" 101 " not in head.split(b"\r\n")[0]:
    sys.exit("handshake refused: " + head.decode(errors="replace"))


def send(message):
    data = json.dumps(message).encode()
    mask = os.urandom(4)
    length = len(data)
    if length < 126:
        header = struct.pack("!BB", 0x81, 0x80 | length)
    elif length < 65536:
        header = struct.pack("!BBH", 0x81, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x81, 0x80 | 127, length)
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def frames():
    """(opcode, payload) of each frame the server sends, until the connection ends."""
    global buffer
    while True:
        while True:
            if len(buffer) >= 2:
                length = buffer[1] & 0x7F
                offset = 2
                if length == 126 and len(buffer) >= 4:
                    length, offset = struct.unpack("!H", buffer[2:4])[0], 4
                elif length == 127 and len(buffer) >= 10:
                    length, offset = struct.unpack("!Q", buffer[2:10])[0], 10
                if length < 126 or offset > 2:
                    if len(buffer) >= offset + length:
                        opcode, data = buffer[0] & 0x0F, buffer[offset : offset + length]
                        buffer = buffer[offset + length :]
                        yield opcode, data
                        continue
            break
        chunk = sock.recv(65536)
        if not chunk:
            return
        buffer += chunk


send({"type": "connection_init", "payload": {}})
reader = frames()
for opcode, data in reader:
    if opcode == 1 and json.loads(data)["type"] == "connection_ack":
        break
for i in range(count):
    send({"id": str(i), "type": "subscribe", "payload": payload})
print("READY", flush=True)
sys.stdin.readline()

code, reason, nexts = None, None, 0
try:
    for opcode, data in reader:
        if opcode == 1 and json.loads(data)["type"] == "next":
            nexts += 1
        elif opcode == 8:
            if len(data) >= 2:
                code, reason = struct.unpack("!H", data[:2])[0], data[2:].decode()
            break
except ConnectionError:
    pass
print(json.dumps({"code": code, "reason": reason, "nexts": nexts}), flush=True)
sock.close()
