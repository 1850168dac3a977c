#!/usr/bin/python3
"""
Reference values for the forecast model's ETS implementation (src/analytics/insights/ets/),
computed by an established implementation: statsmodels' ETSModel (Debian: apt install python3-statsmodels).

    /usr/bin/python3 scripts/forecast-reference.py [out-dir]   (default test/fixtures/forecast)

Writes one JSON file per series: the series itself (deterministic, seeded), and for each additive-error
model (ANN, AAN, AAdN, and ANA, AAA, AAdA for seasonal series) statsmodels' fitted parameters, initial
states, log-likelihood, AICc, and point forecasts with 80 % and 95 % analytic prediction intervals.
test/unit/ets.test.ts checks our implementation against these files.
"""
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel


def series_definitions():
    """Deterministic test series: name, values, season length, horizon."""
    out = []
    # A daily series with a weekly rhythm (streams-like) and noise.
    rng = np.random.default_rng(20240601)
    rhythm = np.array([1500, 1000, 1100, 1050, 1000, 1200, 1400], dtype=float)
    y = np.array([rhythm[t % 7] + rng.normal(0, 60) for t in range(140)])
    out.append(("daily-weekly-rhythm", y, 7, 14))
    # A monthly series with a trend and a yearly pattern.
    rng = np.random.default_rng(20240602)
    y = np.array([200 + 3.5 * t + 25 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 8) for t in range(48)])
    out.append(("monthly-trend-seasonal", y, 12, 24))
    # Growth that levels off: a damped trend.
    rng = np.random.default_rng(20240603)
    level, slope, values = 50.0, 4.0, []
    for _ in range(60):
        slope *= 0.93
        level += slope + rng.normal(0, 1.5)
        values.append(level + rng.normal(0, 1.0))
    out.append(("damped-growth", np.array(values), 1, 12))
    # A flat series with noise.
    rng = np.random.default_rng(20240604)
    y = np.array([100 + rng.normal(0, 10) for _ in range(80)])
    out.append(("flat-noisy", y, 1, 12))
    # A small daily series with many zero days (a quiet track).
    rng = np.random.default_rng(20240605)
    weekday_rate = np.array([3, 1, 1, 1, 1, 2, 3], dtype=float)
    y = np.array([float(rng.poisson(weekday_rate[t % 7])) for t in range(84)])
    out.append(("daily-with-zeros", y, 7, 14))
    return [(name, np.round(values, 2), m, h) for name, values, m, h in out]


MODELS = [("N", False, False), ("A", False, False), ("A", True, False), ("N", False, True), ("A", False, True), ("A", True, True)]


def model_name(trend, damped, seasonal):
    t = "N" if trend == "N" else ("Ad" if damped else "A")
    return f"ETS(A,{t},{'A' if seasonal else 'N'})"


def hyndman_k(trend, damped, seasonal, m):
    """Parameters as R's ets() counts them: smoothing, initial states with m − 1 seasonals, σ²."""
    k = 1 + (trend == "A") + seasonal + damped
    k += 1 + (trend == "A") + (m - 1 if seasonal else 0)
    return k + 1


def aicc(llf, n, k):
    return -2 * llf + 2 * k + 2 * k * (k + 1) / (n - k - 1)


def fit_one(y, m, horizon, trend, damped, seasonal):
    n = len(y)
    model = ETSModel(
        pd.Series(y),
        error="add",
        trend="add" if trend == "A" else None,
        damped_trend=damped,
        seasonal="add" if seasonal else None,
        seasonal_periods=m if seasonal else None,
    )
    res = model.fit(disp=False, maxiter=5000)
    pred = res.get_prediction(start=n, end=n + horizon - 1)
    f80 = pred.summary_frame(alpha=0.2)
    f95 = pred.summary_frame(alpha=0.05)
    k = hyndman_k(trend, damped, seasonal, m)
    return {
        "model": model_name(trend, damped, seasonal),
        "shortName": res.short_name,
        "params": {
            "alpha": float(res.smoothing_level),
            "beta": float(res.smoothing_trend) if trend == "A" else 0.0,
            "gamma": float(res.smoothing_seasonal) if seasonal else 0.0,
            "phi": float(res.damping_trend) if damped else 1.0,
        },
        "initial": {
            "level": float(res.initial_level),
            "trend": float(res.initial_trend) if trend == "A" else 0.0,
            # Time order: the first value is the seasonal effect of the first observation.
            "seasonal": [float(v) for v in res.initial_seasonal] if seasonal else [],
        },
        "llf": float(res.llf),
        "aicc": float(res.aicc),
        "dfModel": int(res.df_model),
        "k": k,
        "aiccWithK": aicc(float(res.llf), n, k),
        "mse": float(res.mse),
        "forecast": {
            "mean": [float(v) for v in f80["mean"]],
            "lower80": [float(v) for v in f80["pi_lower"]],
            "upper80": [float(v) for v in f80["pi_upper"]],
            "lower95": [float(v) for v in f95["pi_lower"]],
            "upper95": [float(v) for v in f95["pi_upper"]],
        },
    }


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "forecast"))
    os.makedirs(out_dir, exist_ok=True)
    warnings.simplefilter("ignore")
    for name, y, m, horizon in series_definitions():
        fits = []
        for trend, damped, seasonal in MODELS:
            if seasonal and m == 1:
                continue
            fits.append(fit_one(y, m, horizon, trend, damped, seasonal))
        doc = {
            "generatedBy": "scripts/forecast-reference.py",
            "statsmodels": statsmodels.__version__,
            "numpy": np.__version__,
            "series": name,
            "season": m,
            "horizon": horizon,
            "y": [float(v) for v in y],
            "bestByAicc": min(fits, key=lambda f: f["aicc"])["model"],
            "bestByAiccWithK": min(fits, key=lambda f: f["aiccWithK"])["model"],
            "fits": fits,
        }
        path = os.path.join(out_dir, f"{name}.json")
        with open(path, "w") as fh:
            json.dump(doc, fh, indent=1)
            fh.write("\n")
        print(f"{path}: best {doc['bestByAicc']} (statsmodels' k), {doc['bestByAiccWithK']} (R's k)")


if __name__ == "__main__":
    main()
