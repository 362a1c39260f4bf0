"""The not-zero-centred science (one-signed gradients, the SGD race, batches, LeCun's conditioning, sign patterns)
and the chart specs built from it."""
import numpy as np
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from charts import zigzag as cz
from sigcore import MLP
from experiments import zigzag as zz

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
    X, delta, G = zz.neuron_gradients(source, n, d, seed)
    assert np.all(X >= 0)
    assert zz.one_signed_rows(G, delta).all()
    assert np.allclose(G, delta[:, None] * X)


def test_centred_inputs_give_mixed_rows():
    X, delta, G = zz.neuron_gradients("tanh", 8, 6, 0)
    assert not zz.one_signed_rows(G, delta).all()


def test_sign_grid_frame_holds_every_cell():
    X, delta, G = zz.neuron_gradients("sigmoid", 4, 3, 0)
    frame = zz.sign_grid_frame(X, delta, G)
    assert len(frame) == 4 + 2 * 4 * 3
    grad = frame[frame["column"].str.startswith("w")]
    assert set(grad["sign"]) <= {"+", "−"}


# --- the SGD engine ---------------------------------------------------------------------------------------------------

def plain_sgd(X, start, target, lr, batch, steps, seed=0):
    """The textbook loop, one step at a time, on the same sample order: (steps + 1, 2)."""
    n = len(X)
    y = X @ np.asarray(target)
    order = zz.sample_order(n, steps * batch, seed)
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
    X = zz.race_inputs(fix)
    p = zz.sgd_path(X, START, TARGET, 0.5, batch)
    ref = plain_sgd(X, START, TARGET, 0.5, batch, p.steps)
    assert p.reached_at == p.steps
    assert np.allclose(p.w, ref, atol=1e-10)


def test_runs_in_lockstep_equal_runs_alone():
    X = zz.race_inputs("none")
    lrs, batches = [0.3, 1.0, 2.0], [1, 5, 50]
    together = zz.sgd_runs(np.stack([X] * 3), START, TARGET, lrs, batches)
    for p, lr, b in zip(together, lrs, batches):
        alone = zz.sgd_path(X, START, TARGET, lr, b)
        assert p.reached_at == alone.reached_at and np.allclose(p.w, alone.w)


@given(w=arrays(np.float64, 4, elements=st.floats(-3, 3)), lr=st.floats(0.05, 2.0), seed=st.integers(0, 99))
def test_sgd_steps_on_sigmoid_inputs_never_point_nw_or_se(w, lr, seed):
    X = zz.race_inputs("none", n=20, seed=seed)
    p = zz.sgd_path(X, w[:2], w[2:], lr, max_steps=300, seed=seed)
    assert p.share_forbidden == 0.0
    lo, hi = zz.cone(X)
    steps = np.diff(p.w, axis=0)
    moving = np.linalg.norm(steps, axis=1) > 1e-12
    angles = np.degrees(np.arctan2(np.abs(steps[moving, 1]), np.abs(steps[moving, 0])))
    assert np.all((angles >= lo - 1e-6) & (angles <= hi + 1e-6))


def test_cone_exists_only_when_every_input_is_ne_or_sw():
    lo, hi = zz.cone(zz.race_inputs("none"))
    assert 0 < lo < hi < 90
    assert zz.cone(zz.race_inputs("relu")) == (0.0, 90.0)
    assert zz.cone(zz.race_inputs("tanh")) is None


def test_positive_inputs_take_more_steps_than_centred_ones_on_the_default_setup():
    steps = {fix: zz.race(fix)["path"].reached_at for fix in ("none", "tanh", "standardise")}
    assert steps["none"] > 5 * steps["tanh"]
    assert steps["none"] > steps["standardise"]
    assert zz.race("none")["path"].share_forbidden == 0.0
    assert zz.race("tanh")["path"].share_forbidden > 0.2


def test_a_too_large_learning_rate_diverges_and_says_so():
    p = zz.race("none", lr=5.0)["path"]
    assert p.diverged_at is not None and p.reached_at is None
    assert "too large" in p.diverged_reason
    assert np.isfinite(p.w).all()


def test_a_start_on_the_target_has_arrived():
    p = zz.race("none", w1_start=-1.0, w2_start=1.2)["path"]
    assert p.reached_at == 0 and p.steps == 0
    p = zz.sgd_path(zz.race_inputs("none"), (1.9, -9e-98), (1.9, 0.0))  # closer than rounding: not a divergence
    assert p.reached_at == 0 and p.diverged_at is None


def test_contours_are_level_sets_of_the_loss():
    X = zz.race_inputs("none")
    H = zz.second_moment(X)
    levels = zz.contour_levels(H, START, TARGET)
    frame = zz.ellipses(H, TARGET, levels)
    d = frame[["w1", "w2"]].to_numpy() - TARGET
    assert np.allclose(0.5 * np.einsum("ij,jk,ik->i", d, H, d), frame["level"])
    assert np.isclose(levels[0], 0.5 * (np.subtract(START, TARGET) @ H @ np.subtract(START, TARGET)))


# --- batches ----------------------------------------------------------------------------------------------------------

def test_batches_let_updates_leave_ne_sw_but_stay_slower_than_centred():
    sweep = zz.batch_sweep(START, TARGET, 1.0, zz.batch_sizes(50))
    s = sweep[sweep["fix"] == "none"].set_index("batch")
    t = sweep[sweep["fix"] == "tanh"].set_index("batch")
    assert s.loc[1, "share_forbidden"] == 0.0
    assert s.loc[50, "share_forbidden"] > 0.5
    assert np.all(np.diff(s["share_forbidden"].to_numpy()) >= -0.1)  # grows with the batch, give or take noise
    assert np.all(s["updates"] > 3 * t["updates"])


def test_batch_sizes_span_one_to_n():
    sizes = zz.batch_sizes(50)
    assert sizes[0] == 1 and sizes[-1] == 50 and np.all(np.diff(sizes) > 0)


# --- conditioning -----------------------------------------------------------------------------------------------------

@given(mu=arrays(np.float64, st.integers(2, 5), elements=st.floats(-5, 5)), s=st.floats(0.05, 3.0))
def test_kappa_of_isotropic_inputs_is_one_plus_mu_squared_over_s_squared(mu, s):
    H = s**2 * np.eye(len(mu)) + np.outer(mu, mu)
    assert np.isclose(zz.kappa(H), zz.isotropic_kappa(mu, s), rtol=1e-9)


def test_isotropic_formula_on_data_whose_moments_are_exact():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(500, 3))
    Z -= Z.mean(0)
    Z = Z @ np.linalg.inv(np.linalg.cholesky(Z.T @ Z / len(Z))).T  # mean 0, covariance exactly I
    mu, s = np.array([1.0, -2.0, 0.5]), 0.7
    assert np.isclose(zz.kappa(zz.second_moment(mu + s * Z)), 1 + mu @ mu / s**2, rtol=1e-9)


def test_lecun_kappa_grows_with_the_offset():
    cs = [0.0, 0.5, 1.0, 2.0, 4.0]
    sample = [zz.conditioning(c)["kappa"] for c in cs]
    exact = [zz.conditioning(c)["kappa_exact"] for c in cs]
    assert np.all(np.diff(sample) > 0) and np.all(np.diff(exact) > 0)
    assert np.allclose(exact, [25.0, 49.2, 108.9, 483.2, 4519.4], rtol=1e-3)
    # the ~30 -> 59 -> 128 -> 561 -> 5190 often quoted: a 100-sample estimate with a bias, as this one
    assert np.allclose(sample, [30, 59, 128, 561, 5190], rtol=0.05)


def test_without_a_bias_lecun_kappa_first_dips():
    kappas = [zz.conditioning(c, bias=False)["kappa_exact"] for c in (0.0, 0.5, 1.0, 2.0, 4.0)]
    assert kappas[1] < kappas[0] and np.all(np.diff(kappas[1:]) > 0)


def test_population_hessian_matches_a_large_sample():
    for bias in (True, False):
        X, _ = zz.lecun_data(2.0, n=200_000, seed=1)
        H = zz.second_moment(zz.augment(X, bias))
        assert np.allclose(H, zz.lecun_population_hessian(2.0, bias), atol=0.02)


def test_gd_iterations_grow_with_the_offset():
    its = [zz.conditioning(c)["iterations"] for c in (1.0, 2.0, 4.0)]
    assert np.all(np.diff(its) > 0) and its[-1] > 100 * zz.conditioning(0.0)["iterations"]


@pytest.mark.parametrize("c", [0.0, 0.5, 1.0])
def test_closed_form_gd_matches_the_loop(c):
    X, y = zz.lecun_data(c)
    Xa = zz.augment(X)
    H = zz.second_moment(Xa)
    theta_star = zz.least_squares(Xa, y)
    lr = 1.0 / np.linalg.eigvalsh(H)[-1]
    k = zz.gd_iterations(H, -theta_star, lr)
    theta, dists = np.zeros(3), [np.linalg.norm(theta_star)]
    for _ in range(k):
        theta = theta - lr * Xa.T @ (Xa @ theta - y) / len(y)
        dists.append(np.linalg.norm(theta - theta_star))
    assert np.allclose(zz.gd_distance(H, -theta_star, lr, np.arange(k + 1)), dists, rtol=1e-6)
    assert dists[-1] <= zz.GD_TOL * dists[0] < dists[-2]


def test_gd_never_converges_above_two_over_lambda_max():
    H = np.diag([1.0, 0.1])
    assert zz.gd_iterations(H, np.ones(2), 2.5) is None
    assert zz.gd_iterations(H, np.ones(2), 1.0) is not None


def test_fixes_shrink_kappa_and_raise_the_stable_learning_rate():
    t = zz.fix_table(START, TARGET, 1.0).set_index("fix")
    for fix in ("centre", "standardise", "tanh"):
        assert t.loc[fix, "kappa"] < t.loc["none", "kappa"] / 5
        assert t.loc[fix, "best_steps"] < t.loc["none", "best_steps"]
    assert t.loc["centre", "stable_lr"] > 5 * t.loc["none", "stable_lr"]
    assert t.loc["none", "share_forbidden"] == 0.0 and t.loc["relu", "share_forbidden"] == 0.0


def test_sgd_below_its_safe_rate_never_moves_away_and_relu_at_the_default_rate_is_above_it():
    """A one-sample step scales the error along x_n by 1 - lr |x_n|^2: below 2/max |x_n|^2 no step can grow it."""
    t = zz.fix_table(START, TARGET, 1.0).set_index("fix")
    for fix in zz.FIXES:
        X = zz.race_inputs(fix, 50, 1.0, 0)
        assert t.loc[fix, "sgd_safe_lr"] == pytest.approx(2 / (X**2).sum(1).max())
        assert t.loc[fix, "sgd_safe_lr"] <= t.loc[fix, "stable_lr"]  # max |x_n|^2 >= lambda_max of their mean
        [path] = zz.sgd_runs(X[None], START, TARGET, 0.999 * t.loc[fix, "sgd_safe_lr"], 1)
        dist = np.linalg.norm(path.w - np.array(TARGET), axis=1)
        assert np.all(np.diff(dist) <= 1e-12 * dist[0]) and path.diverged_at is None
    assert t.loc["relu", "diverged"] and t.loc["relu", "sgd_safe_lr"] < 1.0 < t.loc["relu", "stable_lr"]


# --- a layer ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 2, 3, 4])
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_reachable_sign_patterns_are_two_to_the_m_of_two_to_the_mn(m, n):
    assert len(zz.reachable_patterns(m, n, True)) == 2**m == zz.pattern_count(m, n, True)[0]
    assert len(zz.reachable_patterns(m, n, False)) == 2 ** (m + n - 1) == zz.pattern_count(m, n, False)[0]
    assert zz.pattern_count(m, n)[1] == 2 ** (m * n)


@pytest.mark.parametrize("positive", [True, False])
def test_gallery_flags_agree_with_the_enumeration(positive):
    m, n = 2, 3
    gallery = zz.pattern_gallery(m, n, positive)
    pats = gallery.pivot_table(index="pattern", columns=["neuron", "input"], values="sign").to_numpy()
    reach = {tuple(p.ravel()) for p in zz.reachable_patterns(m, n, positive)}
    flags = gallery.groupby("pattern")["reachable"].first().to_numpy()
    assert [tuple(p) in reach for p in pats] == list(flags)
    assert zz.pattern_gallery(3, 3) is None


def test_the_seeds_pattern_needs_signed_inputs():
    wanted = np.array([[1, -1], [1, -1]])  # w1, w3 up; w2, w4 down
    assert not zz.is_reachable(wanted, positive=True)
    assert zz.is_reachable(wanted, positive=False)


def test_layer_rows_take_their_neurons_delta_sign():
    delta, a, dW = zz.layer_gradient(4, 5, negative=(2, 3), source="sigmoid")
    assert list(np.sign(delta)) == [1, -1, -1, 1]
    assert np.all(np.sign(dW) == np.sign(delta)[:, None])


# --- chart specs --------------------------------------------------------------------------------------------------

SCHEMA = load_schema()


def spec_and_frames(chart):
    spec = chart.to_dict()
    validate_jsonschema(spec, SCHEMA)
    return spec, chart.frames()


def assert_clean(frames, limit=2000):
    for df in frames.values():
        numeric = df.select_dtypes("number").to_numpy(dtype=float)
        assert np.isfinite(numeric).all()
        assert len(df) <= limit


def race_chart(fixes=("none", "tanh"), step=zz.MAX_STEPS, **setup):
    domain = zz.view_box(START, TARGET)
    return cz.race_chart([cz.race_frame(zz.race(f, **setup), step, f, cz.FIX_COLORS[f], domain) for f in fixes],
                         domain)


def test_sign_grid_spec():
    X, delta, G = zz.neuron_gradients("relu", 6, 5, 0)
    spec, frames = spec_and_frames(cz.sign_grid_chart(zz.sign_grid_frame(X, delta, G), highlight=2))
    panels = spec["hconcat"]
    assert [p["title"]["text"] for p in panels] == list(dict.fromkeys(frames["grid"]["group"]))
    assert [p["encoding"]["x"]["sort"] for p in panels] == [["δ"], [f"x{j}" for j in range(1, 6)],
                                                           [f"w{j}" for j in range(1, 6)]], "each panel its columns"
    assert [p["encoding"]["y"]["axis"] is None for p in panels] == [False, True, True], "one sample axis"
    grid = frames["grid"]
    assert set(grid["sign"]) <= {"+", "−", "0"} and (grid["edge"] > 0).sum() == 1 + 2 * 5
    assert_clean(frames)


def test_race_spec_draws_the_cone_only_for_positive_inputs():
    spec, frames = spec_and_frames(race_chart())
    df = frames["race"]
    assert set(df["panel"]) == {"none", "tanh"}
    assert set(df[df["kind"] == "cone"]["panel"]) == {"none"}
    assert (df["role"] == "step NW or SE").any() and not df[(df["panel"] == "none")]["role"].eq("step NW or SE").any()
    assert_clean(frames)


def test_race_frame_walks_the_path_step_by_step():
    frame = cz.race_frame(zz.race("none"), 10, "p", "red", zz.view_box(START, TARGET))
    path = [b for b in frame if isinstance(b.get("series"), str) and b["series"] == "path"][0]
    assert list(path["order"]) == list(range(11))


def test_long_paths_are_downsampled():
    spec, frames = spec_and_frames(race_chart(("none",), lr=0.05))
    path = frames["race"].query("kind == 'line' and series == 'path'")
    assert zz.race("none", lr=0.05)["path"].steps > 2 * cz.PATH_POINTS
    assert len(path) <= cz.PATH_POINTS
    assert_clean(frames)


def test_a_diverged_path_still_charts_finite_data():
    spec, frames = spec_and_frames(race_chart(lr=5.0))
    assert_clean(frames)


def test_batch_spec():
    domain = zz.view_box(START, TARGET)
    frames = [cz.race_frame(zz.race(f, batch=8), 30, f, cz.FIX_COLORS[f], domain) for f in ("none", "tanh")]
    sweep = zz.batch_sweep(START, TARGET, 1.0, zz.batch_sizes(50))
    spec, data = spec_and_frames(cz.batch_chart(frames, domain, sweep, 8, {"none": "sigmoid", "tanh": "tanh"}))
    assert len(spec["hconcat"]) == 2
    rules = data["sweep"].query("kind == 'rule'")
    assert list(rules["batch"]) == [8, 8]
    assert_clean(data)


@pytest.mark.parametrize("bias", [True, False])
def test_conditioning_spec(bias):
    r = zz.conditioning(2.0, bias)
    X, y = zz.lecun_data(2.0)
    idx = [0, 2] if bias else [0, 1]
    H2 = r["H"][np.ix_(idx, idx)]
    contours = zz.ellipses(H2, r["theta"][idx], zz.levels_by_extent(H2, [0.5, 1.0]))
    sweep = zz.offset_sweep((0.0, 1.0, 2.0))
    spec, frames = spec_and_frames(cz.conditioning_chart(X, y, 2.0, contours, r["theta"][idx], 1.2, "b", sweep, bias))
    assert len(spec["hconcat"]) == 3
    assert frames["inputs"]["what"].eq("origin").sum() == 1
    assert_clean(frames)


def test_levels_by_extent_reach_their_extent():
    H = np.array([[2.0, 0.5], [0.5, 0.3]])
    frame = zz.ellipses(H, (0.0, 0.0), zz.levels_by_extent(H, [1.0]), n_points=720)
    assert np.isclose(np.hypot(frame["w1"], frame["w2"]).max(), 1.0, rtol=1e-3)


def test_layer_spec_with_and_without_gallery():
    delta, a, dW = zz.layer_gradient(2, 2, (2,))
    frame = zz.layer_frame(delta, a, dW)
    spec, frames = spec_and_frames(cz.layer_chart(frame, zz.pattern_gallery(2, 2)))
    assert frames["gallery"]["pattern"].nunique() == 16
    assert (frames["gallery"]["alpha"] == 1.0).sum() == 4 * 4
    spec, frames = spec_and_frames(cz.layer_chart(frame))
    assert "layer" in spec and set(frames) == {"layer"}


def test_fixes_spec_skips_runs_that_never_arrive():
    table = zz.fix_table(START, TARGET, 1.0)
    spec, frames = spec_and_frames(cz.fixes_chart(table, {f: f for f in zz.FIXES}))
    sgd = frames["fixes"].query("run == 'SGD at your η'")
    bars, notes = sgd[sgd["kind"] == "bar"], sgd[sgd["kind"] == "note"]
    assert set(bars["inputs"]) == set(table.loc[np.isfinite(table["steps"]), "fix"])
    assert list(notes["inputs"]) == ["relu"] and list(notes["note"]) == ["diverged"]
    assert_clean(frames)
