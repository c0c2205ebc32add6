"""Charts as SVG drawn on the server: no script, no CDN, readable on a phone.

Each returns shapes for the template to draw; the same numbers always go in a table too.
"""

WIDTH, HEIGHT = 320, 120


def bars(values, labels, width=WIDTH, height=HEIGHT):
    """[(x, y, w, h, title)] of one bar per value, scaled to the largest."""
    top = max(values, default=0) or 1
    step = width / max(len(values), 1)
    return [
        (
            round(n * step + 1, 1),
            height - round(value * height / top, 1),
            round(max(step - 2, 1), 1),
            round(value * height / top, 1),
            f"{label}: {value}",
        )
        for n, (value, label) in enumerate(zip(values, labels, strict=True))
    ]


def line(values, width=WIDTH, height=HEIGHT):
    """The points attribute of a polyline through `values`, scaled to the largest."""
    top = max(values, default=0) or 1
    step = width / max(len(values) - 1, 1)
    return " ".join(
        f"{round(n * step, 1)},{round(height - value * height / top, 1)}"
        for n, value in enumerate(values)
    )


def goal(cumulative, target, days, width=WIDTH, height=HEIGHT):
    """Points of a goal's straight line (0 to `target` over `days`) and of what was reached
    (`cumulative`, day 0 first), on one scale so the two can be compared."""
    top = max(target, max(cumulative, default=0)) or 1
    step = width / max(days, 1)

    def y(value):
        return round(height - value * height / top, 1)

    straight = f"0,{y(0)} {width},{y(target)}"
    reached = " ".join(f"{round(n * step, 1)},{y(v)}" for n, v in enumerate(cumulative))
    return straight, reached
