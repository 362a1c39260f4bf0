"""charts.zigzag: every spec validates against the Vega-Lite schema, holds finite data and draws what the page says
(the path played in the browser, start, target and w now each with its own marker and legend entry)."""
import numpy as np
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from charts import zigzag as cz
from charts.player import SELECTION
from experiments.zigzag import conditioning, contours, patterns, race, signs

START, TARGET = (1.0, -1.0), (-1.0, 1.2)
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


def path_chart(vs="centre", rate="own", step=0, **setup):
    r = race.race(vs, **setup)
    panels = [(f, r["inputs"][f], p, cz.FIX_COLORS[f]) for f, p in r["paths"][rate].items()]
    return cz.path_chart(panels, r["box"], r["target"], step), r


def selections(spec):
    """The player's selections in the spec, wherever they are."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(p for p in node.get("params", []) if p.get("name") == SELECTION)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(spec)
    return found


def test_sign_grid_spec():
    X, delta, G = signs.neuron_gradients("relu", 6, 5, 0)
    spec, frames = spec_and_frames(cz.sign_grid_chart(signs.sign_grid_frame(X, delta, G), highlight=2))
    panels = spec["hconcat"]
    assert [p["title"]["text"] for p in panels] == [cz.GROUPS[g][0] for g in dict.fromkeys(frames["grid"]["group"])]
    assert [p["encoding"]["x"]["sort"] for p in panels] == [["δ"], [f"x{j}" for j in range(1, 6)],
                                                           [f"w{j}" for j in range(1, 6)]], "each panel its columns"
    assert [p["encoding"]["y"]["axis"] is None for p in panels] == [False, True, True], "one sample axis"
    grid = frames["grid"]
    assert set(grid["sign"]) <= {"+", "−", "0"} and (grid["edge"] > 0).sum() == 1 + 2 * 5
    assert_clean(frames)


def test_the_path_chart_draws_the_cone_only_for_one_signed_inputs():
    chart, r = path_chart()
    spec, frames = spec_and_frames(chart)
    assert set(frames["cone"]["panel"]) == {"none"}
    steps = frames["path"]
    assert (steps["role"] == "step NW or SE").any() and not steps.query("panel == 'none'")["role"].eq(
        "step NW or SE").any()
    assert_clean(frames)


def test_start_target_and_w_now_each_have_their_own_marker_and_legend_entry():
    spec, frames = spec_and_frames(path_chart()[0])
    roles = dict(zip(*(spec["hconcat"][0]["layer"][-1]["encoding"][c]["scale"][k]
                       for c, k in (("shape", "domain"), ("shape", "range")))))
    assert len({roles["start"], roles["target w*"], roles["w now"]}) == 3
    marks = frames["marks"].query("panel == 'none'").set_index("role")
    assert np.allclose(marks.loc["start", ["w1", "w2"]].astype(float), START)
    assert np.allclose(marks.loc["target w*", ["w1", "w2"]].astype(float), TARGET)
    assert set(frames["now"]["role"]) == {"w now"}


def test_the_played_chart_holds_every_frame_and_one_selection_opening_on_its_step():
    chart, r = path_chart(step=5)
    spec, frames = spec_and_frames(chart)
    [sel] = selections(spec)
    assert sel["value"] == [{"step": 5}]
    steps = cz.frame_steps(list(r["paths"]["own"].values()))
    assert steps[0] == 0 and steps[-1] == r["paths"]["own"]["none"].steps == 59
    now = frames["now"].query("panel == 'centre'")
    assert len(now) == len(steps) and now["step"].max() == 9  # a finished path stays at its end
    path = frames["path"].query("panel == 'none'")
    assert list(path["order"]) == list(range(1, 60)) and path["frame"].is_monotonic_increasing


def test_long_paths_play_at_most_frames_frames():
    chart, r = path_chart(rate="same", lr=0.05)
    spec, frames = spec_and_frames(chart)
    assert r["paths"]["same"]["none"].steps > 2 * cz.FRAMES
    assert frames["now"]["frame"].max() == cz.FRAMES - 1
    assert_clean(frames, limit=5000)


def test_a_diverged_path_still_charts_finite_data():
    chart, r = path_chart(rate="same", lr=5.0)
    assert r["paths"]["same"]["none"].diverged_at is not None
    assert_clean(spec_and_frames(chart)[1])


def test_batch_spec():
    r, b = race.race(), race.batch_race(8)
    panels = [(f, r["inputs"][f], b["paths"][(f, 8)], cz.FIX_COLORS[f]) for f in ("none", "centre")]
    spec, data = spec_and_frames(cz.batch_chart(panels, r["box"], r["target"], 3, b["sweep"], 8,
                                                {"none": "sigmoid", "centre": "centred"}))
    assert len(spec["hconcat"]) == 2 and len(spec["hconcat"][0]["hconcat"]) == 2
    assert len(selections(spec)) == 1
    rules = data["sweep"].query("kind == 'rule'")
    assert list(rules["batch"]) == [8, 8]
    assert_clean(data)


@pytest.mark.parametrize("bias", [True, False])
def test_conditioning_spec(bias):
    r = conditioning.lecun(2.0, bias)
    spec, frames = spec_and_frames(cz.conditioning_chart(r["X"], r["y"], 2.0, r["contours"], r["centre"], r["half"],
                                                         "b", r["sweep"], bias))
    assert len(spec["hconcat"]) == 3
    assert frames["inputs"]["what"].eq("origin").sum() == 1
    assert_clean(frames)


def test_levels_by_extent_reach_their_extent():
    H = np.array([[2.0, 0.5], [0.5, 0.3]])
    frame = contours.ellipses(H, (0.0, 0.0), contours.levels_by_extent(H, [1.0]), n_points=720)
    assert np.isclose(np.hypot(frame["w1"], frame["w2"]).max(), 1.0, rtol=1e-3)


def test_layer_spec_with_and_without_gallery():
    r = patterns.layer(2, 2, (2,))
    spec, frames = spec_and_frames(cz.layer_chart(r["frame"], r["gallery"]))
    assert frames["gallery"]["pattern"].nunique() == 16
    assert (frames["gallery"]["alpha"] == 1.0).sum() == 4 * 4
    spec, frames = spec_and_frames(cz.layer_chart(r["frame"]))
    assert "layer" in spec and set(frames) == {"layer"}


def test_fixes_spec_skips_runs_that_never_arrive():
    table = race.fix_table(START, TARGET)
    spec, frames = spec_and_frames(cz.fixes_chart(table, {f: f for f in race.FIXES}))
    own = frames["fixes"].query("run == 'SGD at its own safe η' and kind == 'bar'")
    assert set(own["inputs"]) == set(race.FIXES)
    table.loc[table["fix"] == "relu", "own_steps"] = np.nan  # a run that never arrived
    spec, frames = spec_and_frames(cz.fixes_chart(table, {f: f for f in race.FIXES}))
    sgd = frames["fixes"].query("run == 'SGD at its own safe η'")
    bars, notes = sgd[sgd["kind"] == "bar"], sgd[sgd["kind"] == "note"]
    assert "relu" not in set(bars["inputs"]) and list(notes["note"]) == ["not reached"]
    assert_clean(frames)


def test_start_and_target_are_drawn_over_w_now_so_a_finished_path_shows_its_target():
    spec, _ = spec_and_frames(path_chart()[0])
    data = [layer["data"]["name"] for layer in spec["hconcat"][0]["layer"]]
    assert data.index("marks") > data.index("now")


def test_the_weight_axes_stay_fixed_while_playing():
    spec, _ = spec_and_frames(path_chart()[0])
    for panel in spec["hconcat"]:
        for layer in panel["layer"]:
            for channel in ("x", "y"):
                scale = layer["encoding"][channel].get("scale")
                assert scale is None or (scale["domain"] and scale["nice"] is False)  # one domain for every frame


def test_opened_at_moves_only_the_players_opening_step():
    chart = path_chart(step=0)[0]
    moved = cz.opened_at(chart, 7)
    assert selections(moved.spec)[0]["value"] == [{"step": 7}] and selections(chart.spec)[0]["value"] == [{"step": 0}]
    assert all(moved.tables[k] is t for k, t in chart.tables.items())  # the same tables, not rebuilt
    assert selections(moved.spec)[0]["bind"] == selections(chart.spec)[0]["bind"]


def test_the_layer_grid_names_its_rows():
    r = patterns.layer(2, 2, (2,))
    spec, _ = spec_and_frames(cz.layer_chart(r["frame"], r["gallery"]))
    assert spec["hconcat"][0]["encoding"]["y"]["title"] == "a, then neuron"


def test_the_fixes_chart_fits_only_its_width_so_its_bars_keep_their_height():
    spec, _ = spec_and_frames(cz.fixes_chart(race.fix_table(START, TARGET), {f: f for f in race.FIXES}))
    assert spec["autosize"]["type"] == "fit-x" and spec["height"] == 13 * 2 * len(race.FIXES)
