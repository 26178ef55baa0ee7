"""The seeded frame behind ``codeact perf``'s first-page figure: ``_codeact_bench_frame(rows)``."""
import numpy as _np
import pandas as _pd


def _codeact_bench_frame(rows):
    rng = _np.random.default_rng(0)
    return _pd.DataFrame({
        'id': _np.arange(rows, dtype='int64'),
        'value': rng.random(rows),
        'flag': rng.random(rows) > 0.5,
    })
