"""The summary chart: success rate and average turns, bars grouped by model, one bar per mode.

Drawn on a bare ``Figure`` with the Agg canvas, so it neither needs nor disturbs pyplot's backend.
One row of panels per task class.
"""
MODE_COLOURS = {"code": "#2b6cb0", "json": "#dd6b20", "text": "#718096"}
METRICS = (("success_rate", "Success rate (%)", 100.0), ("avg_turns", "Average turns", 1.0))


def draw(rows, path, title):
    """``rows``: dicts with ``model``, ``mode``, ``class``, ``success_rate`` (0..1) and ``avg_turns``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    classes = _ordered(row["class"] for row in rows) or ["all"]
    models = _ordered(row["model"] for row in rows)
    modes = _ordered(row["mode"] for row in rows)
    figure = Figure(figsize=(5.5 * len(METRICS), 3.6 * len(classes)), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(classes), len(METRICS), squeeze=False)
    width = 0.8 / max(1, len(modes))
    for row_index, task_class in enumerate(classes):
        for column, (key, label, scale) in enumerate(METRICS):
            ax = axes[row_index][column]
            for mode_index, mode in enumerate(modes):
                positions, heights = [], []
                for model_index, model in enumerate(models):
                    match = [r for r in rows if r["class"] == task_class and r["model"] == model and r["mode"] == mode]
                    if match:
                        positions.append(model_index + (mode_index - (len(modes) - 1) / 2) * width)
                        heights.append((match[0][key] or 0.0) * scale)
                bars = ax.bar(positions, heights, width, label=mode, color=MODE_COLOURS.get(mode))
                ax.bar_label(bars, fmt="%.0f" if scale > 1 else "%.1f", fontsize=7, padding=1)
            ax.set_xticks(range(len(models)))
            ax.set_xticklabels(models, fontsize=8, rotation=0 if len(models) < 4 else 20)
            ax.set_title("%s: %s" % (task_class, label), fontsize=10)
            if key == "success_rate":
                ax.set_ylim(0, 105)
            else:
                ax.margins(y=0.12)
            ax.grid(axis="y", alpha=0.3)
            ax.set_axisbelow(True)
    handles, labels = axes[0][0].get_legend_handles_labels()
    # below the panels, so it never covers a bar
    figure.legend(handles, labels, title="mode", loc="lower center", ncol=max(1, len(labels)), fontsize=8,
                  title_fontsize=8, frameon=False)
    figure.suptitle(title, fontsize=12)
    figure.tight_layout(rect=(0, 0.1 / len(classes), 1, 1))
    figure.savefig(path, format="png")


def _ordered(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
