"""ui.work: the Initialization page's training budget per change counts multiply-adds and layer passes, spares the
page's defaults and presets, and binds its largest nets."""
from ui import work


def test_train_work_counts_multiply_adds_and_layer_passes():
    per_sample = 2 * 8 + 8 * 8 + 8 + 16 * work.UNIT_MACS  # a 2-8-8-1 net: its weights, and its 16 hidden units
    per_epoch = (2 * 4 + 1) * 3 * work.PASS_MACS + 4 * 200 * per_sample  # 4 mini-batches of 50, and the statistics
    assert work.train_work(2, 8, 10, 50) - work.train_work(2, 8, 9, 50) == per_epoch
    assert work.train_work(2, 8, 0, 50) == 21 * 30 * 30 * per_sample  # the decision boundary at each snapshot


def test_the_work_cap_spares_the_defaults_and_presets_and_binds_the_largest_nets():
    every, glorot = 7, 4
    assert work.epochs_within_cap(100, 1, 64, 50, every) == 100  # the page's defaults
    assert work.epochs_within_cap(150, 2, 32, 50, every) == 150  # When the textbook fails
    assert work.epochs_within_cap(150, 4, 32, 50, glorot) == 150  # the Glorot & Bengio preset
    capped = work.epochs_within_cap(200, 4, 64, 50, every)
    assert 10 < capped < 200 and every * work.train_work(4, 64, capped, 50) <= work.WORK_CAP
    assert every * work.train_work(4, 64, capped + 1, 50) > work.WORK_CAP
    for depth, width in [(1, 4), (2, 32), (4, 64)]:  # more work never buys more epochs
        assert work.epochs_within_cap(200, depth, width, 50, every) <= work.epochs_within_cap(200, depth, width, 200,
                                                                                               every)
        assert work.epochs_within_cap(200, depth, width, 50, every) <= work.epochs_within_cap(200, depth, width, 50,
                                                                                               glorot)
