"""PNG screenshots and downloads decoded in a real browser page, pixel by pixel."""

from __future__ import annotations

import base64

# Decodes the base64 PNG ``b64`` into a canvas ``c``; ``d`` is its RGBA pixel data.
_DECODE = """
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
"""

STATS_JS = "async (b64) => {" + _DECODE + """
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) {
        const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        counts.set(k, (counts.get(k) || 0) + 1);
    }
    const total = d.length / 4;
    const top = Math.max(...counts.values());
    return {width: c.width, height: c.height, colours: counts.size,
            other: (total - top) / total};
}"""

COUNT_COLOUR_JS = "async ([b64, rgb]) => {" + _DECODE + """
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
        if (d[i] === rgb[0] && d[i + 1] === rgb[1] && d[i + 2] === rgb[2]) n++;
    }
    return n;
}"""


def b64(png: bytes) -> str:
    """``png`` as the base64 text the scripts above take."""
    return base64.b64encode(png).decode()


def screenshot_stats(browser, png: bytes) -> dict:
    """Decode a PNG screenshot in a blank page and measure how much its pixels vary:
    distinct colours (sampled) and the share of pixels unlike the commonest colour."""
    context = browser.new_context()
    try:
        return context.new_page().evaluate(STATS_JS, b64(png))
    finally:
        context.close()


def count_colour(page, png: bytes, rgb: tuple[int, int, int]) -> int:
    """How many pixels of ``png`` are exactly ``rgb``, counted in ``page``."""
    return page.evaluate(COUNT_COLOUR_JS, [b64(png), list(rgb)])
