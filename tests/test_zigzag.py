"""The not-zero-centred science, experiments.zigzag: one-signed gradients (signs), the lockstep SGD engine (sgd), the
fair race, its batches and fixes (race), contours, LeCun's conditioning (conditioning) and a layer's sign patterns
(patterns)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from experiments.zigzag import conditioning, contours, patterns, race, sgd, signs
from sigcore import MLP

START, TARGET = (1.0, -1.0), (-1.0, 1.2)


# --- one neuron: dL/dw = delta x -----------------------------------------------------------------------------------

@given(X=arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 6)),
                elements=st.floats(1e-6, 50.0)),
       labels=st.lists(st.integers(0, 1), min_size=12, max_size=12), seed=st.integers(0, 2**16))
def test_every_per_sample_weight_gradient_has_the_sign_of_delta_for_positive_inputs(X, labels, seed):
    net = MLP([X.shape[1], 1], output="sigmoid", seed=seed)
    for i in range(len(X)):
        _, g = net.loss_and_grads(X[i:i + 1], np.array([[labels[i]]]), "bce")
        delta = g.delta[0][0, 0]  # exactly 0 only when sigma(z) rounds to the label: then so is every gradient
        assert np.all(np.sign(g.dW[0][:, 0]) == np.sign(delta))


@given(source=st.sampled_from(["sigmoid", "relu"]), n=st.integers(2, 10), d=st.integers(2, 8),
       seed=st.integers(0, 999))
def test_non_negative_inputs_give_one_signed_rows(source, n, d, seed):
    X, delta, G = signs.neuron_gradients(source, n, d, seed)
    assert np.all(X >= 0)
    assert signs.one_signed_rows(G, delta).all()
    assert np.allclose(G, delta[:, None] * X)


def test_centred_inputs_give_mixed_rows():
    X, delta, G = signs.neuron_gradients("tanh", 8, 6, 0)
    assert not signs.one_signed_rows(G, delta).all()


def test_sign_grid_frame_holds_every_cell():
    X, delta, G = signs.neuron_gradients("sigmoid", 4, 3, 0)
    frame = signs.sign_grid_frame(X, delta, G)
    assert len(frame) == 4 + 2 * 4 * 3
    grad = frame[frame["column"].str.startswith("w")]
    assert set(grad["sign"]) <= {"+", "−"}


# --- the SGD engine ---------------------------------------------------------------------------------------------------

def plain_sgd(X, start, target, lr, batch, steps, seed=0):
    """The textbook loop, one step at a time, on the same sample order: (steps + 1, 2)."""
    n = len(X)
    y = X @ np.asarray(target)
    order = sgd.sample_order(n, steps * batch, seed)
    w = np.asarray(start, dtype=float)
    out = [w]
    for k in range(steps):
        i = order[k * batch:(k + 1) * batch]
        w = w - lr * X[i].T @ (X[i] @ w - y[i]) / len(i)
        out.append(w)
    return np.array(out)


@pytest.mark.parametrize("fix", ["none", "tanh", "standardise"])
@pytest.mark.parametrize("batch", [1, 7, 50])
def test_lockstep_sgd_matches_the_plain_loop(fix, batch):
    X = race.race_inputs(fix)
    p = sgd.sgd_path(X, START, TARGET, 0.5, batch)
    ref = plain_sgd(X, START, TARGET, 0.5, batch, p.steps)
    assert p.reached_at == p.steps
    assert np.allclose(p.w, ref, atol=1e-10)


def test_runs_in_lockstep_equal_runs_alone():
    X = race.race_inputs("none")
    lrs, batches = [0.3, 1.0, 2.0], [1, 5, 50]
    together = sgd.sgd_runs(np.stack([X] * 3), START, TARGET, lrs, batches)
    for p, lr, b in zip(together, lrs, batches):
        alone = sgd.sgd_path(X, START, TARGET, lr, b)
        assert p.reached_at == alone.reached_at and np.allclose(p.w, alone.w)


@given(w=arrays(np.float64, 4, elements=st.floats(-3, 3)), lr=st.floats(0.05, 2.0), seed=st.integers(0, 99))
def test_sgd_steps_on_sigmoid_inputs_never_point_nw_or_se(w, lr, seed):
    X = race.race_inputs("none", n=20, seed=seed)
    p = sgd.sgd_path(X, w[:2], w[2:], lr, max_steps=300, seed=seed)
    assert p.share_forbidden == 0.0
    lo, hi = race.cone(X)
    steps = np.diff(p.w, axis=0)
    moving = np.linalg.norm(steps, axis=1) > 1e-12
    angles = np.degrees(np.arctan2(np.abs(steps[moving, 1]), np.abs(steps[moving, 0])))
    assert np.all((angles >= lo - 1e-6) & (angles <= hi + 1e-6))


def test_cone_exists_only_when_every_input_is_ne_or_sw():
    lo, hi = race.cone(race.race_inputs("none"))
    assert 0 < lo < hi < 90
    assert race.cone(race.race_inputs("relu")) == (0.0, 90.0)
    assert race.cone(race.race_inputs("tanh")) is None


def test_at_the_default_each_at_its_own_safe_rate_centred_inputs_need_several_times_fewer_steps():
    r = race.race()
    own, same = r["paths"]["own"], r["paths"]["same"]
    assert r["fixes"] == ("none", "centre")
    assert own["centre"].reached_at * 4 < own["none"].reached_at  # seed 0: 9 vs 59
    assert r["inputs"]["centre"]["safe_lr"] > 4 * r["inputs"]["none"]["safe_lr"]  # 8.34 vs 1.40
    assert own["none"].lr == r["inputs"]["none"]["safe_lr"] and same["none"].lr == same["centre"].lr == 1.0


def test_at_one_rate_centring_only_straightens_the_path():
    r = race.race()
    same = r["paths"]["same"]
    assert abs(same["centre"].reached_at - same["none"].reached_at) <= 0.1 * same["none"].reached_at  # 82 vs 78
    length = {f: np.linalg.norm(np.diff(p.w, axis=0), axis=1).sum() for f, p in same.items()}
    assert length["none"] > 2 * length["centre"]
    assert same["none"].share_forbidden == 0.0 and same["centre"].share_forbidden > 0.3


@pytest.mark.parametrize("seed", range(8))
def test_the_fair_race_is_won_by_centred_inputs_on_every_seed(seed):
    own = race.race(seed=seed)["paths"]["own"]
    assert own["centre"].reached_at < own["none"].reached_at


def test_tanh_at_one_rate_wins_mostly_by_scale():
    r = race.race("tanh")
    same, own = r["paths"]["same"], r["paths"]["own"]
    assert same["none"].reached_at > 5 * same["tanh"].reached_at  # 78 vs 7
    assert r["inputs"]["tanh"]["var"] > 5 * r["inputs"]["none"]["var"]  # tanh outputs vary ~9x more
    assert own["tanh"].reached_at < own["none"].reached_at


def test_the_ne_target_needs_no_zig_zag_but_keeps_the_small_safe_step():
    ne = race.race(w1_start=-1.0, w2_start=-1.0, w1_target=1.2, w2_target=1.0)["paths"]["own"]
    nw = race.race()["paths"]["own"]
    assert ne["none"].reached_at < nw["none"].reached_at  # 35 vs 59
    assert ne["centre"].reached_at < ne["none"].reached_at


def test_eta_four_is_safe_for_centred_inputs_and_diverges_for_sigmoid_ones():
    same = race.race(lr=4.0)["paths"]["same"]
    assert same["none"].diverged_at is not None and same["centre"].reached_at is not None


def test_relu_outputs_are_one_signed_too():
    r = race.race("relu")
    assert r["inputs"]["relu"]["cone"] is not None
    assert r["paths"]["own"]["relu"].share_forbidden == 0.0 == r["paths"]["same"]["relu"].share_forbidden


def test_the_safe_rate_is_two_over_the_largest_squared_input_and_none_for_zero_inputs():
    X = race.race_inputs("none")
    assert race.safe_lr(X) == pytest.approx(2 / (X**2).sum(1).max())
    assert race.safe_lr(np.zeros((5, 2))) is None


def test_a_too_large_learning_rate_diverges_and_says_how_far():
    p = race.race(lr=5.0)["paths"]["same"]["none"]
    assert p.diverged_at is not None and p.reached_at is None and p.lr == 5.0
    assert p.distance[1] > sgd.DIVERGED * p.distance[0]
    assert np.isfinite(p.w).all()


def test_a_start_on_the_target_has_arrived():
    paths = race.race(w1_start=-1.0, w2_start=1.2)["paths"]
    assert all(p.reached_at == 0 and p.steps == 0 for runs in paths.values() for p in runs.values())
    p = sgd.sgd_path(race.race_inputs("none"), (1.9, -9e-98), (1.9, 0.0))  # closer than rounding: not a divergence
    assert p.reached_at == 0 and p.diverged_at is None


def test_contours_are_level_sets_of_the_loss():
    X = race.race_inputs("none")
    H = conditioning.second_moment(X)
    levels = contours.contour_levels(H, START, TARGET)
    frame = contours.ellipses(H, TARGET, levels)
    d = frame[["w1", "w2"]].to_numpy() - TARGET
    assert np.allclose(0.5 * np.einsum("ij,jk,ik->i", d, H, d), frame["level"])
    assert np.isclose(levels[0], 0.5 * (np.subtract(START, TARGET) @ H @ np.subtract(START, TARGET)))


# --- batches ----------------------------------------------------------------------------------------------------------

def test_batches_let_updates_leave_ne_sw_but_the_gap_to_centred_widens():
    b = race.batch_race()
    s, c = (b["sweep"][b["sweep"]["fix"] == f].set_index("batch") for f in ("none", "centre"))
    assert s.loc[1, "share_forbidden"] == 0.0
    assert s.loc[50, "share_forbidden"] > 0.5
    assert np.all(s["updates"] > 3 * c["updates"])  # each at its fastest of the sweep's rates
    assert s.loc[50, "updates"] / c.loc[50, "updates"] > s.loc[1, "updates"] / c.loc[1, "updates"]
    assert 8 in s.index and b["paths"][("none", 8)].reached_at == s.loc[8, "updates"]


def test_batch_sizes_span_one_to_n():
    sizes = race.batch_sizes(50)
    assert sizes[0] == 1 and sizes[-1] == 50 and np.all(np.diff(sizes) > 0)


# --- conditioning -----------------------------------------------------------------------------------------------------

@given(mu=arrays(np.float64, st.integers(2, 5), elements=st.floats(-5, 5)), s=st.floats(0.05, 3.0))
def test_kappa_of_isotropic_inputs_is_one_plus_mu_squared_over_s_squared(mu, s):
    H = s**2 * np.eye(len(mu)) + np.outer(mu, mu)
    assert np.isclose(conditioning.kappa(H), conditioning.isotropic_kappa(mu, s), rtol=1e-9)


def test_isotropic_formula_on_data_whose_moments_are_exact():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(500, 3))
    Z -= Z.mean(0)
    Z = Z @ np.linalg.inv(np.linalg.cholesky(Z.T @ Z / len(Z))).T  # mean 0, covariance exactly I
    mu, s = np.array([1.0, -2.0, 0.5]), 0.7
    assert np.isclose(conditioning.kappa(conditioning.second_moment(mu + s * Z)), 1 + mu @ mu / s**2, rtol=1e-9)


def test_lecun_kappa_grows_with_the_offset():
    cs = [0.0, 0.5, 1.0, 2.0, 4.0]
    sample = [conditioning.conditioning(c)["kappa"] for c in cs]
    exact = [conditioning.conditioning(c)["kappa_exact"] for c in cs]
    assert np.all(np.diff(sample) > 0) and np.all(np.diff(exact) > 0)
    assert np.allclose(exact, [25.0, 49.2, 108.9, 483.2, 4519.4], rtol=1e-3)
    # the ~30 -> 59 -> 128 -> 561 -> 5190 often quoted: a 100-sample estimate with a bias, as this one
    assert np.allclose(sample, [30, 59, 128, 561, 5190], rtol=0.05)


def test_without_a_bias_lecun_kappa_first_dips():
    kappas = [conditioning.conditioning(c, bias=False)["kappa_exact"] for c in (0.0, 0.5, 1.0, 2.0, 4.0)]
    assert kappas[1] < kappas[0] and np.all(np.diff(kappas[1:]) > 0)


def test_population_hessian_matches_a_large_sample():
    for bias in (True, False):
        X, _ = conditioning.lecun_data(2.0, n=200_000, seed=1)
        H = conditioning.second_moment(conditioning.augment(X, bias))
        assert np.allclose(H, conditioning.lecun_population_hessian(2.0, bias), atol=0.02)


def test_gd_iterations_grow_with_the_offset():
    its = [conditioning.conditioning(c)["iterations"] for c in (1.0, 2.0, 4.0)]
    assert np.all(np.diff(its) > 0) and its[-1] > 100 * conditioning.conditioning(0.0)["iterations"]


@pytest.mark.parametrize("c", [0.0, 0.5, 1.0])
def test_closed_form_gd_matches_the_loop(c):
    X, y = conditioning.lecun_data(c)
    Xa = conditioning.augment(X)
    H = conditioning.second_moment(Xa)
    theta_star = conditioning.least_squares(Xa, y)
    lr = 1.0 / np.linalg.eigvalsh(H)[-1]
    k = conditioning.gd_iterations(H, -theta_star, lr)
    theta, dists = np.zeros(3), [np.linalg.norm(theta_star)]
    for _ in range(k):
        theta = theta - lr * Xa.T @ (Xa @ theta - y) / len(y)
        dists.append(np.linalg.norm(theta - theta_star))
    assert np.allclose(conditioning.gd_distance(H, -theta_star, lr, np.arange(k + 1)), dists, rtol=1e-6)
    assert dists[-1] <= conditioning.GD_TOL * dists[0] < dists[-2]


def test_gd_never_converges_above_two_over_lambda_max():
    H = np.diag([1.0, 0.1])
    assert conditioning.gd_iterations(H, np.ones(2), 2.5) is None
    assert conditioning.gd_iterations(H, np.ones(2), 1.0) is not None


def test_fixes_shrink_kappa_and_raise_the_stable_learning_rate():
    t = race.fix_table(START, TARGET).set_index("fix")
    for fix in ("centre", "standardise", "tanh"):
        assert t.loc[fix, "kappa"] < t.loc["none", "kappa"] / 5
        assert t.loc[fix, "best_steps"] < t.loc["none", "best_steps"]
    assert t.loc["centre", "stable_lr"] > 5 * t.loc["none", "stable_lr"]
    assert t.loc["none", "share_forbidden"] == 0.0 and t.loc["relu", "share_forbidden"] == 0.0
    assert t.loc["centre", "own_steps"] * 4 < t.loc["none", "own_steps"]


def test_sgd_below_its_safe_rate_never_moves_away_and_relu_at_the_default_rate_is_above_it():
    """A one-sample step scales the error along x_n by 1 - lr |x_n|^2: below 2/max |x_n|^2 no step can grow it."""
    t = race.fix_table(START, TARGET).set_index("fix")
    for fix in race.FIXES:
        X = race.race_inputs(fix, 50, 1.0, 0)
        assert t.loc[fix, "sgd_safe_lr"] == pytest.approx(2 / (X**2).sum(1).max())
        assert t.loc[fix, "sgd_safe_lr"] <= t.loc[fix, "stable_lr"]  # max |x_n|^2 >= lambda_max of their mean
        [path] = sgd.sgd_runs(X[None], START, TARGET, 0.999 * t.loc[fix, "sgd_safe_lr"], 1)
        dist = np.linalg.norm(path.w - np.array(TARGET), axis=1)
        assert np.all(np.diff(dist) <= 1e-12 * dist[0]) and path.diverged_at is None
    assert race.race("relu")["paths"]["same"]["relu"].diverged_at is not None  # at η = 1
    assert t.loc["relu", "sgd_safe_lr"] < 1.0 < t.loc["relu", "stable_lr"]


# --- a layer ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 2, 3, 4])
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_reachable_sign_patterns_are_two_to_the_m_of_two_to_the_mn(m, n):
    assert len(patterns.reachable_patterns(m, n, True)) == 2**m == patterns.pattern_count(m, n, True)[0]
    assert len(patterns.reachable_patterns(m, n, False)) == 2 ** (m + n - 1) == patterns.pattern_count(m, n, False)[0]
    assert patterns.pattern_count(m, n)[1] == 2 ** (m * n)


@pytest.mark.parametrize("positive", [True, False])
def test_gallery_flags_agree_with_the_enumeration(positive):
    m, n = 2, 3
    gallery = patterns.pattern_gallery(m, n, positive)
    pats = gallery.pivot_table(index="pattern", columns=["neuron", "input"], values="sign").to_numpy()
    reach = {tuple(p.ravel()) for p in patterns.reachable_patterns(m, n, positive)}
    flags = gallery.groupby("pattern")["reachable"].first().to_numpy()
    assert [tuple(p) in reach for p in pats] == list(flags)
    assert patterns.pattern_gallery(3, 3) is None


def test_the_seeds_pattern_needs_signed_inputs():
    wanted = np.array([[1, -1], [1, -1]])  # w1, w3 up; w2, w4 down
    assert not patterns.is_reachable(wanted, positive=True)
    assert patterns.is_reachable(wanted, positive=False)


def test_layer_rows_take_their_neurons_delta_sign():
    delta, a, dW = patterns.layer_gradient(4, 5, negative=(2, 3), source="sigmoid")
    assert list(np.sign(delta)) == [1, -1, -1, 1]
    assert np.all(np.sign(dW) == np.sign(delta)[:, None])




def test_the_offset_trend_is_read_off_the_sweep():
    t = conditioning.lecun(0.0)["trend"]
    assert t["rising"] and t["dip"] is None and t["kappas"][0] == pytest.approx(conditioning.conditioning(0.0)["kappa"])
    t = conditioning.lecun(0.0, bias=False, n=20)["trend"]  # rises at the quoted offsets, dips in between
    assert t["rising"] and t["dip"] == (0.25, 0.75)


def test_one_call_gives_section_one_its_grid():
    g = signs.grid("sigmoid", 6, 5, 0)
    assert g["one_signed"] == 6 and len(g["frame"]) == 6 + 2 * 6 * 5
    assert g["k"] == int(np.argmax(np.abs(g["delta"])))
    assert signs.grid("tanh", 6, 5, 0)["one_signed"] < 6


def test_one_call_gives_section_five_its_layer():
    r = patterns.layer(2, 2, (2,), "sigmoid")
    assert r["counted"] == r["formula"] == 4 and r["total"] == 16 and r["apart"] is False
    r = patterns.layer(3, 2, (), "tanh")
    assert r["counted"] == r["formula"] == 16 and r["apart"] is True
    assert patterns.layer(1, 1)["apart"] is None


def test_runs_racing_in_a_group_stop_at_its_winner_and_the_winner_is_unchanged():
    X = race.race_inputs("none")
    lrs = race.safe_lr(X) * np.array(race.SWEEP)
    alone = sgd.sgd_runs(X[None], (1.0, -1.0), (-1.0, 1.2), lrs, 1, inputs=[0] * len(lrs))
    grouped = sgd.sgd_runs(X[None], (1.0, -1.0), (-1.0, 1.2), lrs, 1, inputs=[0] * len(lrs), groups=[0] * len(lrs))
    steps = [p.reached_at if p.reached_at is not None else np.inf for p in alone]
    winner = int(np.argmin(steps))
    assert grouped[winner].reached_at == alone[winner].reached_at and np.array_equal(grouped[winner].w, alone[winner].w)
    assert max(p.steps for p in grouped) < max(p.steps for p in alone)  # the losers stopped early
