"""Numbers a notebook states in its prose (a fold, a figure's text) that no cell prints.

Each is computed here from an independent oracle (scikit-learn, NumPy) and looked up in
the committed notebook's text, so a changed sentence or a changed run fails.

Notebook 9's diabetes paths: the course's MSE + λ·Σw² is ``Ridge(alpha = n·λ)``, its lasso
``alpha = λ/2``, its elastic net with L1 share ρ is ``ElasticNet(alpha = λ(1 − ρ/2),
l1_ratio = ρ/(2 − ρ))`` (notebook 12's conventions table), on features standardized with
the population standard deviation (scikit-learn's ``StandardScaler``).
"""
import json
import re
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, LinearRegression, Ridge, enet_path
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
LAMS = 10 ** np.arange(-3, 3 + 1 / 32, 1 / 16)        # notebook 9's grid, 16 per decade
RHO = 0.5


def notebook_text(stem: str, marker: str) -> str:
    """The committed notebook's markdown cell holding ``marker``, or the text/plain output
    (a figure's text alternative) holding it; whitespace collapsed to single spaces."""
    for cell in json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())["cells"]:
        texts = ["".join(cell["source"])] if cell["cell_type"] == "markdown" else [
            "".join(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", [])]
        for text in texts:
            if marker in text:
                return re.sub(r"\s+", " ", text)
    raise AssertionError(f"no cell of {stem} holds {marker!r}")


@pytest.fixture(scope="module")
def diabetes():
    bunch = load_diabetes(scaled=False)
    X = StandardScaler().fit_transform(bunch.data)
    return X, bunch.target - bunch.target.mean(), list(bunch.feature_names)


def course_path(X, yc, l1_ratio):
    """Coefficients on LAMS (rows), for the course's L1 share ``l1_ratio`` (1 = lasso)."""
    Xc = X - X.mean(axis=0)
    alphas = LAMS * (1 - l1_ratio / 2) if l1_ratio < 1 else LAMS / 2
    sk_ratio = l1_ratio / (2 - l1_ratio)
    got, coefs, _ = enet_path(Xc, yc, l1_ratio=sk_ratio, alphas=alphas[::-1], tol=1e-14,
                              max_iter=1_000_000)
    np.testing.assert_allclose(got, alphas[::-1])
    return coefs.T[::-1]


def zero_stretches(col):
    """(first, last) λ of LAMS for each stretch where ``col`` is exactly 0."""
    edges = np.diff(np.r_[0, col == 0, 0].astype(int))
    return [(LAMS[a], LAMS[b - 1]) for a, b in zip(np.flatnonzero(edges == 1),
                                                    np.flatnonzero(edges == -1))]


def test_09_ridge_pulls_the_cholesterol_pair_together(diabetes):
    """Fold of section 6: from λ = 0.001 to 0.1, s1 −34 → −4, s2 20 → −3, s5 34 → 21,
    s3 +3 → −9, the other six move by at most 2.5."""
    X, y, names = diabetes
    small, large = (Ridge(alpha=len(y) * lam).fit(X, y).coef_ for lam in (0.001, 0.1))
    moved = {f: (round(small[j]), round(large[j])) for j, f in enumerate(names)}
    assert [moved[f] for f in ("s1", "s2", "s5", "s3")] == [(-34, -4), (20, -3), (34, 21), (3, -9)]
    rest = [names.index(f) for f in names if f not in ("s1", "s2", "s5", "s3")]
    assert 2 < np.abs(large - small)[rest].max() <= 2.5
    fold = notebook_text("09_classic_ml", "Go deeper: more to read in the three panels")
    for said in ("`s1` from −34 to −4", "`s2` from 20 to −3", "`s5` (34 to 21)", "`s3` (+3 to −9)",
                 "move by at most 2.5", "λ from 0.001 to 0.1"):
        assert said in fold, said


def test_09_s3_correlations_and_how_well_the_others_predict_it(diabetes):
    X, _, names = diabetes
    corr = np.corrcoef(X.T)
    j = names.index("s3")
    assert round(corr[names.index("s1"), names.index("s2")], 2) == 0.90
    assert round(corr[j, names.index("s1")], 2) == 0.05
    assert round(corr[j, names.index("s2")], 2) == -0.20
    others = [k for k in range(len(names)) if k != j]
    strongest = max(others, key=lambda k: abs(corr[j, k]))
    assert (names[strongest], round(corr[j, strongest], 2)) == ("s4", -0.74)
    r2 = LinearRegression().fit(X[:, others], X[:, j]).score(X[:, others], X[:, j])
    assert round(r2, 3) == 0.935
    fold = notebook_text("09_classic_ml", "Go deeper: more to read in the three panels")
    for said in ("correlation 0.90", "0.05 with `s1`", "−0.20 with `s2`", "−0.74, with `s4`",
                 "R² = 0.935"):
        assert said in fold, said


def test_09_lasso_s3_leaves_and_returns(diabetes):
    """s3 is 0 on the grid from 0.133 to 0.205 only below λ_max's region, positive below,
    negative above, last non-zero at 27.4."""
    X, y, names = diabetes
    s3 = course_path(X, y, 1.0)[:, names.index("s3")]
    (a, b), (c, _) = zero_stretches(s3)
    assert (round(a, 3), round(b, 3), round(LAMS[np.searchsorted(LAMS, c) - 1], 1)) == (0.133, 0.205, 27.4)
    assert np.all(s3[LAMS < a] > 0) and np.all(s3[(LAMS > b) & (LAMS < c)] < 0)
    fold = notebook_text("09_classic_ml", "Go deeper: more to read in the three panels")
    assert "negative sign at λ ≈ 27" in fold and "around λ ≈ 0.15" in fold


def test_09_elastic_net_zeros_one_at_a_time_then_several(diabetes):
    """Elastic net (ρ = 0.5): age, s1, s2 rest at 0 briefly, sex from λ = 10 on; two or more
    zeros at once first at λ = 48.7; every weight 0 from λ_max = 180.6, twice lasso's."""
    X, y, names = diabetes
    path = course_path(X, y, RHO)
    several = LAMS[np.sum(path == 0, axis=1) >= 2].min()
    alone = sorted((round(a, 3), round(b, 3), names[j]) for j in range(len(names))
                   for a, b in zero_stretches(path[:, j]) if a < several)
    assert round(several, 1) == 48.7
    assert alone == [(0.154, 0.178, "age"), (1.54, 2.054, "s1"), (3.162, 4.87, "s2"),
                     (10.0, 1000.0, "sex")]

    def all_zero(lam, rho):
        alpha = lam * (1 - rho / 2) if rho < 1 else lam / 2
        model = ElasticNet(alpha=alpha, l1_ratio=rho / (2 - rho), tol=1e-14, max_iter=1_000_000)
        return not model.fit(X, y).coef_.any()

    assert not all_zero(180.5, RHO) and all_zero(180.7, RHO)      # λ_max = 180.6
    assert not all_zero(90.3, 1.0) and all_zero(90.4, 1.0)        # lasso's, 90.3: half
    fold = notebook_text("09_classic_ml", "Go deeper: more to read in the three panels")
    for said in ("`sex` from λ ≈ 10 on", "from about λ = 50", "twice lasso's, 181"):
        assert said in fold, said
    alt = notebook_text("09_classic_ml", "Coefficient paths of the 10 diabetes features")
    assert ("age at λ = 0.154–0.178, s1 at λ = 1.54–2.05, s2 at λ = 3.16–4.87, sex from λ = 10 "
            "on); several are 0 at once from λ = 48.7, all from λ_max = 180.6") in alt
