"""Small, valid files made in code for the demo and the tests: a PDF and a PNG."""

import struct
import zlib


def pdf_bytes(title: str, lines: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF (Helvetica, ASCII text) with a correct cross-reference table."""

    def esc(text: str) -> str:
        text = text.encode("ascii", "replace").decode("ascii")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = [f"BT /F1 18 Tf 56 780 Td ({esc(title)}) Tj ET"]
    for index, line in enumerate(lines):
        rows.append(f"BT /F1 11 Tf 56 {750 - 16 * index} Td ({esc(line)}) Tj ET")
    stream = "\n".join(rows).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def png_bytes(width: int = 320, height: int = 200, colour=(11, 83, 148), seed: int = 0) -> bytes:
    """An RGB PNG: a sky-to-colour gradient with a band of 'hills' (truecolour, 8 bit)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    red, green, blue = colour
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter type: none
        for x in range(width):
            hill = height * 0.6 + 18 * ((x * (3 + seed)) % 97) / 97
            if y > hill:
                raw += bytes((red // 2, min(255, green + 60), blue // 3))
            else:
                shade = y / height
                raw += bytes((
                    int(200 * (1 - shade) + red * shade),
                    int(225 * (1 - shade) + green * shade),
                    int(255 * (1 - shade) + blue * shade),
                ))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )
