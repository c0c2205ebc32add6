"""Walking an image file's container to its real end, and cutting its metadata out.

Each walker follows its format's structure to the real end of the image and returns the
same image without metadata. Bytes after that end mean a second file rides along (a
polyglot, or a "Motion Photo" video), which is refused.
"""

import re
import struct
import zlib
from dataclasses import dataclass

from .formats import refuse


class Corrupt(Exception):
    """The container does not hold together: truncated, or not what its header says."""


@dataclass
class Container:
    end: int
    stripped: bytes
    lossless: bool = False
    mpf_tail: tuple = ()  # (offset, size) of images a multi-picture JPEG declares after itself


_JPEG_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _walk_jpeg(data, start=0):
    n = len(data)
    if data[start : start + 2] != b"\xff\xd8":
        raise Corrupt("no SOI")
    pos = start + 2
    kept = [b"\xff\xd8"]
    mpf = None
    while True:
        if pos >= n or data[pos] != 0xFF:
            raise Corrupt("marker expected")
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            raise Corrupt("truncated")
        marker, seg_start = data[pos], pos - 1
        pos += 1
        if marker == 0xD9:
            kept.append(b"\xff\xd9")
            return pos, b"".join(kept), mpf
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            kept.append(data[seg_start:pos])
            continue
        if pos + 2 > n:
            raise Corrupt("truncated")
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > n:
            raise Corrupt("bad segment length")
        payload = data[pos + 2 : pos + length]
        pos += length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            found = _JPEG_MARKER_IN_SCAN.search(data, pos)
            if found is None:
                raise Corrupt("truncated scan")
            pos = found.start()
        if marker == 0xE2 and payload.startswith(b"MPF\x00"):
            mpf = (seg_start + 8, payload[4:])
        # Metadata (EXIF, XMP, IPTC, ICC, comments) goes; Adobe's colour-transform flag stays.
        if (0xE0 <= marker <= 0xEF and not (marker == 0xEE and payload.startswith(b"Adobe"))) or (
            marker == 0xFE
        ):
            continue
        kept.append(data[seg_start:pos])


def _mpf_images(mpf):
    """(offset, size) of the extra images an MPF directory declares (MPO, Ultra HDR gain map)."""
    base, tiff = mpf
    try:
        endian = {b"II": "<", b"MM": ">"}[tiff[:2]]
        (ifd,) = struct.unpack_from(endian + "I", tiff, 4)
        (count,) = struct.unpack_from(endian + "H", tiff, ifd)
        for i in range(count):
            tag, _type, n, value = struct.unpack_from(endian + "HHII", tiff, ifd + 2 + 12 * i)
            if tag == 0xB002:
                entries = [
                    struct.unpack_from(endian + "IIIHH", tiff, value + 16 * k)
                    for k in range(n // 16)
                ]
                return tuple(
                    (base + offset, size) for _attr, size, offset, _d1, _d2 in entries if offset
                )
    except (KeyError, struct.error):
        raise Corrupt("bad MPF directory") from None
    return ()


def _jpeg(data):
    end, stripped, mpf = _walk_jpeg(data)
    tail = _mpf_images(mpf) if mpf and end < len(data) else ()
    return Container(end, stripped, mpf_tail=tail)


_PNG_KEEP = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"acTL", b"fcTL", b"fdAT"}


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))  # fmt: skip
# Deflate cannot shrink data more than about 1032 to 1: less compressed data than this
# for the declared pixels means the pixels are not all there.
_DEFLATE_MAX_RATIO = 1100
_INFLATE_STEP = 1 << 20


def _png_raw_size(ihdr):
    """Bytes the pixel data must inflate to: every row of every pass, with its filter byte."""
    if len(ihdr) != 13:
        raise Corrupt("bad IHDR")
    width, height, depth, colour, _method, _filter, interlace = struct.unpack(">IIBBBBB", ihdr)
    if colour not in _PNG_CHANNELS:
        raise Corrupt("bad colour type")
    bits = _PNG_CHANNELS[colour] * depth

    def size(w, h):
        return h * ((w * bits + 7) // 8 + 1) if w and h else 0

    if not interlace:
        return size(width, height)
    return sum(
        size((width - x + dx - 1) // dx, (height - y + dy - 1) // dy)
        for x, y, dx, dy in _ADAM7
        if width > x and height > y
    )


def _check_png_pixels(ihdr, idat):
    """The image data inflates to all the pixels the header declares.

    A decoder told to be lenient with truncated files (Pillow's LOAD_TRUNCATED_IMAGES,
    which any library may switch on) fills missing rows with black: a 100-byte file
    would become a black 59-megapixel picture. Inflated in steps, so memory stays small.
    """
    expected = _png_raw_size(ihdr)
    compressed = sum(len(piece) for piece in idat)
    if not idat or expected > compressed * _DEFLATE_MAX_RATIO:
        raise Corrupt("pixel data too short")
    inflater, produced = zlib.decompressobj(), 0
    try:
        for piece in idat:
            while piece and produced < expected:
                produced += len(inflater.decompress(piece, _INFLATE_STEP))
                piece = inflater.unconsumed_tail
    except zlib.error:
        raise Corrupt("bad pixel data") from None
    if produced < expected:
        raise Corrupt("pixel data truncated")


def _png(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Corrupt("no PNG signature")
    n, pos, kept = len(data), 8, [data[:8]]
    ihdr, idat = b"", []
    while True:
        if pos + 12 > n:
            raise Corrupt("truncated")
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > n:
            raise Corrupt("truncated chunk")
        if kind in _PNG_KEEP:
            kept.append(data[pos:end])
        if kind == b"IHDR":
            ihdr = data[pos + 8 : end - 4]
        elif kind == b"IDAT":
            idat.append(data[pos + 8 : end - 4])
        pos = end
        if kind == b"IEND":
            _check_png_pixels(ihdr, idat)
            return Container(pos, b"".join(kept))


def _gif_sub_blocks(data, pos):
    n = len(data)
    while True:
        if pos >= n:
            raise Corrupt("truncated")
        size = data[pos]
        pos += 1
        if size == 0:
            return pos
        pos += size


def _gif(data):
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise Corrupt("no GIF header")
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    kept, n = [data[:pos]], len(data)
    while True:
        if pos >= n:
            raise Corrupt("truncated")
        block = data[pos]
        if block == 0x3B:
            kept.append(b"\x3b")
            return Container(pos + 1, b"".join(kept))
        if block == 0x21 and pos + 2 <= n:
            label = data[pos + 1]
            end = _gif_sub_blocks(data, pos + 2)
            app = data[pos + 3 : pos + 14]
            # Frame timing and looping stay; comments, XMP, ICC and plain-text blocks go.
            if label == 0xF9 or (label == 0xFF and app in (b"NETSCAPE2.0", b"ANIMEXTS1.0")):
                kept.append(data[pos:end])
        elif block == 0x2C and pos + 11 <= n:
            flags = data[pos + 9]
            table = 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0
            end = _gif_sub_blocks(data, pos + 10 + table + 1)
            kept.append(data[pos:end])
        else:
            raise Corrupt("unknown GIF block")
        pos = end


def _webp(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise Corrupt("no RIFF/WEBP header")
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise Corrupt("truncated")
    pos, chunks, kinds = 12, [], set()
    while pos + 8 <= end:
        kind = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        stop = pos + 8 + size + (size & 1)
        if pos + 8 + size > end:
            raise Corrupt("truncated chunk")
        kinds.add(kind)
        if kind == b"VP8X":  # clear the ICC, EXIF and XMP flags of the chunks dropped below
            chunk = bytearray(data[pos:stop])
            chunk[8] &= ~0x2C & 0xFF
            chunks.append(bytes(chunk))
        elif kind not in (b"EXIF", b"XMP ", b"ICCP"):
            chunks.append(data[pos:stop])
        pos = stop
    body = b"WEBP" + b"".join(chunks)
    stripped = b"RIFF" + len(body).to_bytes(4, "little") + body
    return Container(end, stripped, lossless=b"VP8L" in kinds and b"VP8 " not in kinds)


WALKERS = {"JPEG": _jpeg, "MPO": _jpeg, "PNG": _png, "GIF": _gif, "WEBP": _webp}


def check_tail(data, container):
    """Anything after the image must be nothing, zero padding, or images the JPEG declares."""
    pos = container.end
    for offset, _size in container.mpf_tail:
        if offset < pos or data[pos:offset].strip(b"\x00"):
            break
        try:
            end, _stripped, _mpf = _walk_jpeg(data, offset)
        except Corrupt:
            break
        pos = end
    if data[pos:].strip(b"\x00"):
        raise refuse("polyglot")
