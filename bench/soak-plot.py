#!/usr/bin/env python3
"""Draws bench/soak.sh's curve (its WORK/curve file) as a small SVG: requests per second
and heap after full GC by minute. Standard library only.

  soak-plot.py CURVE_FILE OUT.svg
"""
import sys

rows = [list(map(float, line.split())) for line in open(sys.argv[1]).readlines()[1:] if line.strip()]
minutes = [r[0] for r in rows]
series = [("requests/s", [r[1] for r in rows], "#1f6feb", 0, max(r[1] for r in rows) * 1.2),
          ("heap after full GC (MiB)", [r[3] for r in rows], "#d1242f", 0, max(r[3] for r in rows) * 1.5),
          ("threads", [r[4] for r in rows], "#1a7f37", 0, max(r[4] for r in rows) * 1.5)]
width, height, left, top, plot_w, plot_h = 640, 260, 50, 20, 540, 190


def x(minute):
    return left + (minute - minutes[0]) / max(1, minutes[-1] - minutes[0]) * plot_w


out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">'
       % (width, height), '<rect width="100%" height="100%" fill="white"/>',
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888"/>' % (left, top + plot_h, left + plot_w, top + plot_h)]
for m in minutes:
    out.append('<text x="%.0f" y="%d" text-anchor="middle">%d</text>' % (x(m), top + plot_h + 14, m))
out.append('<text x="%d" y="%d" text-anchor="middle">minute</text>' % (left + plot_w / 2, top + plot_h + 28))
for i, (name, values, colour, low, high) in enumerate(series):
    points = " ".join("%.1f,%.1f" % (x(m), top + plot_h - (v - low) / (high - low) * plot_h) for m, v in zip(minutes, values))
    out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (colour, points))
    out.append('<text x="%d" y="%d" fill="%s">%s: %g to %g</text>' % (left + 10 + i * 180, top + 10, colour, name,
                                                                        min(values), max(values)))
out.append('</svg>')
open(sys.argv[2], "w").write("\n".join(out) + "\n")
