"""Check that the premises of the questions in samples/README.md hold for the sample data.

    /usr/bin/python3 premises.py SAMPLES_DIR

Prints one JSON object per premise: {"name": ..., "ok": true|false, "detail": ...}.
Exits 0 when every premise holds, 1 otherwise. Run by SamplesTest.
"""

import json
import sys
import traceback
from pathlib import Path

import numpy as np
import pandas as pd

PREMISES = []


def premise(function):
    PREMISES.append(function)
    return function


# ---------------------------------------------------------------- retail_sales.csv

def retail(folder):
    return pd.read_csv(folder / "retail_sales.csv", parse_dates=["date"])


@premise
def retail_west_grew_most_and_north_shrank(folder):
    sales = retail(folder)
    store_region = sales.dropna(subset=["region"]).groupby("store")["region"].agg(set)
    assert all(len(regions) == 1 for regions in store_region), "a store belongs to two regions"
    sales["region"] = sales["region"].fillna(sales["store"].map(lambda s: next(iter(store_region[s]))))
    by_year = sales.pivot_table(index="region", columns=sales["date"].dt.year, values="revenue", aggfunc="sum")
    growth = (by_year[2024] / by_year[2023] - 1).sort_values(ascending=False)
    assert growth.index[0] == "West", f"fastest growth is {growth.index[0]}"
    assert growth["West"] - growth.iloc[1] > 0.05, "West does not lead clearly"
    assert growth["North"] < 0, "North did not shrink"
    return ", ".join(f"{region} {value:+.1%}" for region, value in growth.items())


@premise
def retail_categories_are_seasonal(folder):
    sales = retail(folder)
    by_month = sales.pivot_table(index=sales["date"].dt.month, columns="category", values="revenue", aggfunc="sum")
    peaks = by_month.idxmax()
    assert peaks["Outdoor"] in (6, 7, 8), f"Outdoor peaks in month {peaks['Outdoor']}"
    assert peaks["Electronics"] == 12 and peaks["Home"] == 12, f"holiday peaks: {peaks.to_dict()}"
    ratio = by_month.max() / by_month.min()
    assert ratio["Outdoor"] > 2.5 and ratio["Electronics"] > 2.5, f"peak/trough {ratio.round(1).to_dict()}"
    return f"peak months {peaks.to_dict()}"


@premise
def retail_missing_values_are_recoverable(folder):
    sales = retail(folder)
    missing = sales.isna().sum()
    assert missing["units"] > 50 and missing["unit_price"] > 30 and missing["region"] > 20, missing.to_dict()
    assert missing[["order_id", "date", "store", "product", "discount_pct", "revenue"]].sum() == 0, missing.to_dict()
    prices = sales.dropna(subset=["unit_price"]).groupby(["product", sales["date"].dt.year])["unit_price"].nunique()
    assert (prices == 1).all(), "a product has two prices in one year"
    only_units = sales["units"].isna() & sales["unit_price"].notna()
    recovered = sales.loc[only_units, "revenue"] / (sales.loc[only_units, "unit_price"]
                                                    * (1 - sales.loc[only_units, "discount_pct"] / 100))
    assert np.allclose(recovered, recovered.round(), atol=0.02), "units do not come back as whole numbers"
    return f"missing {missing[missing > 0].to_dict()}"


# ---------------------------------------------------------------- customer_churn.csv

def churn(folder):
    return pd.read_csv(folder / "customer_churn.csv")


@premise
def churn_has_both_classes_and_contract_matters(folder):
    customers = churn(folder)
    assert set(customers["churned"].unique()) == {0, 1}, f"classes {sorted(customers['churned'].unique())}"
    rate = customers["churned"].mean()
    assert 0.15 < rate < 0.40, f"churn rate {rate:.1%}"
    by_contract = customers.groupby("contract")["churned"].mean()
    assert by_contract["Month-to-month"] > 3 * by_contract["Two year"], by_contract.to_dict()
    return f"churn {rate:.1%}; by contract {by_contract.round(3).to_dict()}"


@premise
def churn_rises_with_support_calls(folder):
    customers = churn(folder)
    bands = pd.cut(customers["support_calls_90d"], [-1, 1, 3, 100], labels=["0-1", "2-3", "4+"])
    rates = customers.groupby(bands)["churned"].mean()
    assert rates.is_monotonic_increasing and rates["4+"] - rates["0-1"] > 0.12, rates.to_dict()
    return f"churn by calls {rates.round(3).to_dict()}"


@premise
def churn_is_predictable_from_the_columns(folder):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    customers = churn(folder)
    features = pd.get_dummies(customers.drop(columns=["customer_id", "churned", "total_charges"]), drop_first=True)
    x_train, x_test, y_train, y_test = train_test_split(features, customers["churned"], test_size=0.25,
                                                        random_state=0, stratify=customers["churned"])
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(x_train, y_train)
    auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    assert auc > 0.72, f"held-out AUC {auc:.3f}"
    return f"logistic regression held-out AUC {auc:.3f}"


@premise
def churn_total_charges_blank_only_for_new_customers(folder):
    customers = churn(folder)
    blank = customers["total_charges"].isna()
    assert blank.sum() > 0 and (blank == (customers["tenure_months"] == 0)).all(), \
        f"{blank.sum()} blank totals, {(customers['tenure_months'] == 0).sum()} customers with tenure 0"
    return f"{blank.sum()} blank totals, all with tenure 0"


# ---------------------------------------------------------------- sensor_timeseries.csv

def sensor(folder):
    return pd.read_csv(folder / "sensor_timeseries.csv", parse_dates=["timestamp"])


@premise
def sensor_has_outages_and_missed_readings(folder):
    log = sensor(folder)
    step = log["timestamp"].diff()
    assert step.min() == pd.Timedelta("10min") and log["timestamp"].is_monotonic_increasing, f"smallest step {step.min()}"
    long_gaps = step[step > pd.Timedelta("30min")]
    assert len(long_gaps) == 3 and long_gaps.max() >= pd.Timedelta("6h"), long_gaps.tolist()
    single = (step == pd.Timedelta("20min")).sum()
    assert single >= 10, f"{single} single missed readings"
    return f"gaps over 30 min: {[str(g) for g in long_gaps]}; {single} single missed readings"


@premise
def sensor_temperature_drifts(folder):
    log = sensor(folder)
    hour = log["timestamp"].dt.hour
    residual = log["temperature_c"] - log.groupby(hour)["temperature_c"].transform("mean")
    days = (log["timestamp"] - log["timestamp"].iloc[0]) / pd.Timedelta(days=1)
    slope_per_week = np.polyfit(days, residual, 1)[0] * 7
    assert 0.4 < slope_per_week < 0.7, f"drift {slope_per_week:.3f} per week"
    return f"temperature drift {slope_per_week:.3f} degC per week"


@premise
def sensor_vibration_has_clear_outliers(folder):
    log = sensor(folder)
    vibration = log["vibration_mm_s"]
    mad = (vibration - vibration.median()).abs().median()
    robust_z = (vibration - vibration.median()) / (1.4826 * mad)
    outliers = vibration[robust_z > 8]
    assert 5 <= len(outliers) <= 12 and outliers.min() > 8, outliers.tolist()
    assert vibration[robust_z <= 8].max() < 4.5, "normal readings reach the outliers"
    return f"{len(outliers)} vibration outliers from {outliers.min()} to {outliers.max()} mm/s"


@premise
def sensor_humidity_has_blanks(folder):
    log = sensor(folder)
    blanks = log["humidity_pct"].isna().sum()
    others = log.drop(columns="humidity_pct").isna().sum().sum()
    assert blanks > 5 and others == 0, f"{blanks} blank humidity readings, {others} other blanks"
    return f"{blanks} blank humidity readings"


# ---------------------------------------------------------------- workforce.xlsx

def workforce(folder):
    return pd.read_excel(folder / "workforce.xlsx", sheet_name=None)


@premise
def workforce_has_two_sheets_that_join(folder):
    book = workforce(folder)
    assert list(book) == ["Employees", "Departments"], list(book)
    employees, departments = book["Employees"], book["Departments"]
    assert set(employees["department"]) == set(departments["department"]), "departments do not match"
    assert employees["employee_id"].is_unique, "employee ids repeat"
    assert pd.api.types.is_datetime64_any_dtype(employees["hire_date"]), "hire_date is not a date column"
    return f"{len(employees)} employees in {len(departments)} departments"


@premise
def workforce_some_departments_over_budget(folder):
    book = workforce(folder)
    cost = book["Employees"].groupby("department")["salary_eur"].sum()
    budget = book["Departments"].set_index("department")["salary_budget_eur"]
    over = (cost / budget - 1).sort_values(ascending=False)
    assert list(over[over > 0].index) == ["Engineering", "Marketing"], over.round(3).to_dict()
    return f"over budget: {over[over > 0].round(3).to_dict()}"


@premise
def workforce_salary_rises_with_level(folder):
    employees = workforce(folder)["Employees"]
    medians = employees.groupby("level")["salary_eur"].median().sort_index()
    assert medians.is_monotonic_increasing and list(medians.index) == ["L1", "L2", "L3", "L4", "L5"], medians
    years = employees["hire_date"].dt.year
    assert set(range(2014, 2025)) <= set(years), sorted(set(years))
    return f"median salary by level {medians.to_dict()}"


def main(folder):
    failed = 0
    for check in PREMISES:
        try:
            detail, ok = check(folder), True
        except Exception as error:  # report every premise, not only the first failure
            detail, ok = f"{type(error).__name__}: {error}".strip() or traceback.format_exc(), False
            failed += 1
        print(json.dumps({"name": check.__name__, "ok": ok, "detail": str(detail)}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
