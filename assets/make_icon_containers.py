#!/usr/bin/python3
"""Pack the rendered PNGs into icon.ico (Windows) and icon.icns (macOS). Standard library only.

    python3 assets/make_icon_containers.py    # after render.sh has written assets/icon-<n>.png

Both formats may hold PNG data directly (ICO since Windows Vista, ICNS since macOS 10.7),
so no re-encoding is needed and the files come out byte-identical every time.
"""

import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent

ICO_SIZES = [16, 32, 48, 64, 128, 256]
# ICNS element types holding PNG data, with the pixel size each expects.
ICNS_TYPES = [(b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
              (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512)]


def png(size):
    data = (HERE / f"icon-{size}.png").read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and (width, height) == (size, size), f"icon-{size}.png is {width}x{height}"
    return data


def write_ico(path):
    images = [png(size) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, data in zip(ICO_SIZES, images):
        # width and height are one byte each; 0 stands for 256
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        payload += data
    path.write_bytes(header + entries + payload)


def write_icns(path):
    body = b"".join(kind + struct.pack(">I", 8 + len(png(size))) + png(size) for kind, size in ICNS_TYPES)
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


if __name__ == "__main__":
    write_ico(HERE / "icon.ico")
    write_icns(HERE / "icon.icns")
    print("wrote", HERE / "icon.ico", "and", HERE / "icon.icns")
