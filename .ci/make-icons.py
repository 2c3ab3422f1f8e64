#!/usr/bin/env python3
"""Generate the Naast app icons (PNG + favicon.ico).

Not run in CI: the generated files under public/ are committed. Kept so the
icons can be reproduced or tweaked.  Requires Pillow (`pip install pillow`).

    python3 .ci/make-icons.py

Motif: two rounded figures side by side - a larger one and a smaller one
leaning in beside it ("naast" = "beside").  Cream on warm terracotta.
Shapes are drawn at 4x and downsampled for smooth edges, then palette-
quantised to keep files small.
"""
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "public"
ICONS = PUBLIC / "icons"

BG = (0xB5, 0x53, 0x2F)  # terracotta / warm clay  -> theme_color #B5532F
FG = (0xFF, 0xF7, 0xEE)  # cream                   -> background_color #FFF7EE
SS = 4  # supersampling factor

# Motif in unit coordinates of its own square box (0..1 in x and y).
# Each figure: head circle (cx, cy, r) + body with rounded shoulders
# (x0, x1, top, bottom).  The small figure sits in front; a background-
# coloured gap of GAP separates it from the large one.
BIG = dict(head=(0.405, 0.235, 0.150), body=(0.110, 0.660, 0.455, 0.930))
SMALL = dict(head=(0.725, 0.485, 0.112), body=(0.530, 0.940, 0.650, 0.930))
GAP = 0.038
FOOT_R = 0.045  # corner radius at the bottom of the bodies
FILLET = 0.035  # rounding of the cut-out around the small figure
SHOULDER_R = 0.46  # shoulder radius as a fraction of body width


def _figure_mask(size, box, fig, grow=0.0):
    """Draw one figure (optionally grown by `grow`) into an L mask."""
    ox, oy, s = box
    m = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(m)

    def P(v):
        return v * s

    cx, cy, r = fig["head"]
    r += grow
    d.ellipse([ox + P(cx - r), oy + P(cy - r), ox + P(cx + r), oy + P(cy + r)], fill=255)

    x0, x1, top, bot = fig["body"]
    x0, x1, top, bot = x0 - grow, x1 + grow, top - grow, bot + grow
    rt = SHOULDER_R * (x1 - x0) + grow  # rounded shoulders
    fr = FOOT_R + grow  # softly rounded feet
    mid = top + rt
    ext = max(bot, mid + rt) + 0.05
    d.rounded_rectangle(
        [ox + P(x0), oy + P(top), ox + P(x1), oy + P(ext)],
        radius=P(rt), fill=255, corners=(True, True, False, False),
    )
    d.rectangle([0, oy + P(bot), size, size], fill=0)  # cut at the baseline
    d.rounded_rectangle(
        [ox + P(x0), oy + P(mid), ox + P(x1), oy + P(bot)],
        radius=P(fr), fill=255, corners=(False, False, True, True),
    )
    return m


def motif_mask(size, scale, dy=0.0, gap=GAP):
    """Foreground mask for a `size` canvas; motif box = scale * size, centred
    (shifted by dy * size vertically for optical balance)."""
    s = size * scale
    ox = (size - s) / 2
    oy = (size - s) / 2 + dy * size
    box = (ox, oy, s)
    big = _figure_mask(size, box, BIG)
    small = _figure_mask(size, box, SMALL)
    gap = _figure_mask(size, box, SMALL, grow=gap)
    # Fillet the concave neck of the cut-out (blur + threshold) so the big
    # figure's shoulder doesn't end in a sharp spike between head and body.
    gap = gap.filter(ImageFilter.GaussianBlur(FILLET * s)).point(lambda v: 255 if v > 90 else 0)
    return ImageChops.lighter(ImageChops.subtract(big, gap), small)


def render(px, scale, *, rounded=False, corner=0.22, dy=0.0, gap=GAP):
    """Render an icon of px x px. `rounded` = rounded-square with transparent
    corners (purpose "any"); otherwise full-bleed (maskable / apple)."""
    size = px * SS
    fg = motif_mask(size, scale, dy, gap)
    if rounded:
        shape = Image.new("L", (size, size), 0)
        ImageDraw.Draw(shape).rounded_rectangle([0, 0, size - 1, size - 1], radius=size * corner, fill=255)
    else:
        shape = Image.new("L", (size, size), 255)
    img = Image.new("RGBA", (size, size), BG + (0,))
    img.paste(Image.new("RGBA", (size, size), BG + (255,)), (0, 0), shape)
    fg_layer = Image.new("RGBA", (size, size), FG + (255,))
    img.paste(fg_layer, (0, 0), ImageChops.multiply(fg, shape))
    img = img.reduce(SS)  # box filter: exact coverage AA, no ringing
    if not rounded:
        img = img.convert("RGB")
    return img


def _snap(q):
    """Palette clean-up after quantising: pin near-opaque/near-transparent
    alpha and near-BG/near-FG colours to their exact values, so the flat
    areas are exactly #B5532F / #FFF7EE and fully opaque."""
    mode = q.palette.mode
    n = len(mode)
    pal = q.getpalette(rawmode=mode)
    out = []
    for i in range(0, len(pal), n):
        e = pal[i:i + n]
        rgb = tuple(e[:3])
        for ref in (BG, FG):
            if max(abs(a - b) for a, b in zip(rgb, ref)) <= 3:
                rgb = ref
        e[:3] = rgb
        if n == 4:
            e[3] = 255 if e[3] >= 248 else 0 if e[3] <= 6 else e[3]
        out += e
    q.putpalette(out, rawmode=mode)
    return q


def save_png(img, path, colors=48):
    if img.mode == "RGBA":
        q = img.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    else:
        q = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    _snap(q).save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


def contrast(a, b):
    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b_ = (ch(x) for x in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def main():
    ICONS.mkdir(parents=True, exist_ok=True)
    print(f"contrast cream on background: {contrast(BG, FG):.2f}:1")

    # purpose "any": rounded square, motif fills ~64 % of the tile
    for px in (192, 512):
        save_png(render(px, 0.64, rounded=True, dy=-0.005), ICONS / f"icon-{px}.png")
    # purpose "maskable": full bleed, motif inside the central 80 % circle
    for px in (192, 512):
        save_png(render(px, 0.58, dy=-0.005), ICONS / f"maskable-{px}.png")
    # iOS applies its own rounding; full bleed, a little more generous motif
    save_png(render(180, 0.62, dy=-0.005), ICONS / "apple-touch-icon.png")

    # favicon: 16 + 32, rounded tile, motif as large as it can reasonably be,
    # with a wider gap so the two figures stay apart at tiny sizes
    ico16 = render(16, 0.86, rounded=True, corner=0.18, gap=0.085)
    ico32 = render(32, 0.84, rounded=True, corner=0.18, gap=0.06)
    ico_path = PUBLIC / "favicon.ico"
    ico32.save(ico_path, format="ICO", sizes=[(16, 16), (32, 32)], append_images=[ico16])
    print(f"{ico_path.relative_to(ROOT)}: {ico_path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
