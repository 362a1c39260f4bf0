"""How much training the Initialization page does per change: its cost model (multiply-adds, with each layer pass and
unit counted as more) and the epochs that fit under the cap. A page-serving budget, so it lives on the ui side."""


PASS_MACS = 180_000
"""One layer's forward or backward pass costs NumPy and Python about as much time as this many multiply-adds, on
top of its own (measured on the 2-core machine: 14 us per pass, 0.08 ns per multiply-add)."""
UNIT_MACS = 25
"""An activation and its slope on one unit of one sample cost about as much as this many multiply-adds (the
sigmoid: 1.8 ns an element)."""
WORK_CAP = 8.5e9
"""Section 4 trains at most this many multiply-adds (passes and units counted as above) per change: under a second
of training on the 2-core machine, the page's defaults (7 runs of 100 epochs at 1 x 64 units, 3.5e9), its 'When the
textbook fails' preset (7 runs of 150 epochs at 2 x 32, 7.8e9) and its Glorot & Bengio preset (4 runs at 4 x 32,
8.4e9) included. The runs train in lockstep (sigcore.stack), which costs less than this model of one run at a time
counts: the cap errs on the safe side."""


def train_work(depth, width, epochs, batch_size, points=200, frames=21, grid=30):
    """One run's cost in multiply-adds (experiments.initialization.train_runs, trained alone), each layer pass counted as PASS_MACS more and each unit as UNIT_MACS more:
    per epoch the mini-batch steps (forward and backward: 3 x points) and the full-batch statistics (1 x points), then
    the decision boundary on grid^2 points at each snapshot."""
    per_sample = 2 * width + (depth - 1) * width * width + width + UNIT_MACS * depth * width
    passes = (2 * -(-points // batch_size) + 1) * (depth + 1)
    return epochs * (passes * PASS_MACS + 4 * points * per_sample) + frames * grid * grid * per_sample


def epochs_within_cap(epochs, depth, width, batch_size, runs):
    """The epochs section 4 trains: `epochs`, or fewer where `runs` runs of that size would pass WORK_CAP (at
    least 10)."""
    for e in range(int(epochs), 10, -1):
        if runs * train_work(depth, width, e, batch_size) <= WORK_CAP:
            return e
    return min(int(epochs), 10)
