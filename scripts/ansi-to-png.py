#!/usr/bin/env python3
"""Renders a terminal capture (`tmux capture-pane -p -e`: text with ANSI SGR
colours) to a PNG, for the screenshots in docs/. Needs Pillow.

    python3 scripts/ansi-to-png.py capture.txt out.png [columns] [rows]
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 15
BG = (30, 30, 36)
FG = (220, 220, 220)
# The 16 terminal colours (a dark theme).
BASIC = [
    (40, 42, 54), (230, 90, 90), (120, 200, 120), (230, 200, 100), (100, 150, 240), (200, 120, 220), (90, 200, 210), (200, 200, 200),
    (110, 110, 120), (255, 120, 120), (150, 230, 150), (250, 225, 120), (130, 175, 255), (225, 150, 240), (120, 225, 235), (245, 245, 245),
]


def xterm256(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


def parse(line, state):
    """Yields (text, fg, bg, bold) runs; `state` carries the attributes on to the next line, as tmux writes them."""
    fg, bg, bold = state
    pos = 0
    for m in re.finditer(r"\x1b\[([0-9;:]*)m", line):
        if m.start() > pos:
            yield line[pos:m.start()], fg, bg, bold
        pos = m.end()
        codes = [c for c in m.group(1).replace(":", ";").split(";") if c != ""] or ["0"]
        i = 0
        while i < len(codes):
            c = int(codes[i])
            if c == 0:
                fg, bg, bold = None, None, False
            elif c == 1:
                bold = True
            elif c == 22:
                bold = False
            elif 30 <= c <= 37:
                fg = BASIC[c - 30]
            elif 90 <= c <= 97:
                fg = BASIC[c - 90 + 8]
            elif 40 <= c <= 47:
                bg = BASIC[c - 40]
            elif 100 <= c <= 107:
                bg = BASIC[c - 100 + 8]
            elif c == 39:
                fg = None
            elif c == 49:
                bg = None
            elif c in (38, 48, 58) and i + 1 < len(codes):
                if codes[i + 1] == "5" and i + 2 < len(codes):
                    color = xterm256(int(codes[i + 2]))
                    i += 2
                elif codes[i + 1] == "2" and i + 4 < len(codes):
                    color = tuple(int(x) for x in codes[i + 2:i + 5])
                    i += 4
                else:
                    color = None
                if c == 38:
                    fg = color
                elif c == 48:
                    bg = color
            i += 1
    if pos < len(line):
        yield line[pos:], fg, bg, bold
    state[:] = [fg, bg, bold]


def main():
    src, out = sys.argv[1], sys.argv[2]
    lines = open(src, encoding="utf-8").read().split("\n")
    cols = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else len(lines)
    font, bold_font = ImageFont.truetype(FONT, SIZE), ImageFont.truetype(BOLD, SIZE)
    cw = round(font.getlength("M"))
    ch = SIZE + 5
    pad = 12
    image = Image.new("RGB", (cols * cw + 2 * pad, rows * ch + 2 * pad), BG)
    draw = ImageDraw.Draw(image)
    state = [None, None, False]
    for y, line in enumerate(lines[:rows]):
        x = 0
        for text, fg, bg, bold in parse(line, state):
            for char in text:
                px, py = pad + x * cw, pad + y * ch
                if bg:
                    draw.rectangle([px, py, px + cw, py + ch], fill=bg)
                draw.text((px, py + 2), char, font=bold_font if bold else font, fill=fg or FG)
                x += 1
    image.save(out)


if __name__ == "__main__":
    main()
