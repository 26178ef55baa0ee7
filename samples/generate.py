#!/usr/bin/python3
"""Generate CodeAct Studio's sample data sets, deterministically.

    /usr/bin/python3 samples/generate.py            # rewrite the files next to this script
    /usr/bin/python3 samples/generate.py --out DIR  # write them somewhere else

Every data set has its own fixed seed, so running this twice gives byte-identical files
(the test suite checks that against the committed files). The data is synthetic but shaped
like the real thing: seasonality, growth, missing values, gaps, drift, outliers and a real
signal to find. samples/README.md describes each file and the questions worth asking of it.

Needs numpy, pandas and openpyxl: Debian's python3-pandas and python3-openpyxl.
"""

import argparse
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

# A fixed timestamp for everything that would otherwise record "now".
EPOCH = dt.datetime(2025, 1, 1, 0, 0, 0)


def write_csv(frame, path):
    # Plain, portable CSV: "\n" line ends, no index, empty cells for missing values.
    frame.to_csv(path, index=False, lineterminator="\n")


# ---------------------------------------------------------------- retail sales

REGIONS = {  # region -> (stores, relative size, yearly growth 2023 -> 2024)
    "North": (3, 1.00, -0.04),
    "South": (3, 0.85, 0.07),
    "East": (2, 0.70, 0.04),
    "West": (3, 0.80, 0.25),
}

PRODUCTS = [  # category, product, list price, share of orders
    ("Beverages", "Cold Brew Coffee", 4.50, 0.20),
    ("Beverages", "Sparkling Water 12-pack", 6.99, 0.16),
    ("Outdoor", "Camping Chair", 39.00, 0.08),
    ("Outdoor", "Insulated Bottle", 24.00, 0.12),
    ("Home", "Scented Candle", 14.50, 0.14),
    ("Home", "Throw Blanket", 49.00, 0.08),
    ("Electronics", "Wireless Earbuds", 79.00, 0.10),
    ("Electronics", "Phone Charger", 19.99, 0.12),
]

# Month-of-year demand per category (index 0 = January): Outdoor and cold drinks peak in
# summer, Home and Electronics in the holiday season.
SEASON = {
    "Beverages": [0.80, 0.80, 0.90, 1.00, 1.15, 1.30, 1.40, 1.35, 1.10, 0.95, 0.85, 0.90],
    "Outdoor": [0.45, 0.50, 0.75, 1.05, 1.45, 1.85, 2.00, 1.80, 1.10, 0.70, 0.50, 0.60],
    "Home": [0.85, 0.80, 0.85, 0.85, 0.85, 0.80, 0.80, 0.85, 0.95, 1.15, 1.55, 2.10],
    "Electronics": [0.80, 0.75, 0.80, 0.85, 0.85, 0.85, 0.90, 0.95, 1.00, 1.05, 1.70, 2.30],
}


def retail_sales():
    rng = np.random.default_rng(20230101)
    days = pd.date_range("2023-01-01", "2024-12-31", freq="D")
    stores = [(region, f"{region[0]}-{i + 1:02d}") for region, (n, _, _) in REGIONS.items() for i in range(n)]
    shares = np.array([p[3] for p in PRODUCTS])
    shares = shares / shares.sum()
    rows = []
    for day in days:
        year_frac = (day - days[0]).days / 365.0
        weekend = 1.25 if day.dayofweek >= 5 else 1.0
        black_friday_week = day.month == 11 and 22 <= day.day <= 28
        for region, store in stores:
            _, size, growth = REGIONS[region]
            # one product mix per store per day; seasonality scales how many orders a product gets
            for p_index in range(len(PRODUCTS)):
                category, product, price, _ = PRODUCTS[p_index]
                rate = 0.90 * size * shares[p_index] * SEASON[category][day.month - 1] * weekend
                rate *= (1 + growth) ** year_frac
                for _ in range(rng.poisson(rate)):
                    channel = "Online" if rng.random() < 0.35 + 0.08 * year_frac else "Store"
                    units = int(rng.geometric(0.45 if price > 30 else 0.25))
                    unit_price = round(price * (1.05 if day.year == 2024 and category != "Electronics" else 1.0), 2)
                    if black_friday_week:
                        discount = int(rng.choice([10, 15, 20, 25]))
                    elif rng.random() < 0.12:
                        discount = int(rng.choice([5, 10, 15]))
                    else:
                        discount = 0
                    rows.append((day, region, store, channel, category, product, units, unit_price, discount))
    frame = pd.DataFrame(rows, columns=["date", "region", "store", "channel", "category", "product",
                                        "units", "unit_price", "discount_pct"])
    frame["revenue"] = (frame["units"] * frame["unit_price"] * (1 - frame["discount_pct"] / 100)).round(2)
    frame.insert(0, "order_id", [f"SO-{100001 + i}" for i in range(len(frame))])

    # The kind of holes a real export has: each one recoverable from the other columns.
    n = len(frame)
    frame["units"] = frame["units"].astype("Int64")
    frame.loc[rng.random(n) < 0.018, "units"] = pd.NA              # revenue / (price * (1 - discount))
    frame.loc[rng.random(n) < 0.010, "unit_price"] = np.nan        # the product's price that year
    frame.loc[rng.random(n) < 0.006, "region"] = None              # from the store code
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


# ---------------------------------------------------------------- customer churn

def customer_churn():
    rng = np.random.default_rng(424242)
    n = 2400
    contract = rng.choice(["Month-to-month", "One year", "Two year"], size=n, p=[0.55, 0.25, 0.20])
    tenure_scale = np.select([contract == "Month-to-month", contract == "One year"], [14.0, 30.0], 44.0)
    tenure = np.minimum(72, np.floor(rng.exponential(tenure_scale))).astype(int)
    plan = rng.choice(["Basic", "Standard", "Premium"], size=n, p=[0.40, 0.38, 0.22])
    base = np.select([plan == "Basic", plan == "Standard"], [29.0, 49.0], 79.0)
    add_ons = rng.binomial(3, 0.35, size=n)
    monthly = np.round(base + 7.5 * add_ons + rng.normal(0, 2.5, size=n), 2)
    total = np.round(monthly * tenure * rng.normal(1.0, 0.03, size=n), 2)
    payment = rng.choice(["Credit card", "Bank transfer", "PayPal", "Invoice"], size=n, p=[0.38, 0.27, 0.20, 0.15])
    paperless = np.where(rng.random(n) < 0.6, "Yes", "No")
    age = np.clip(np.round(rng.normal(44, 14, size=n)), 18, 85).astype(int)
    # A hidden dissatisfaction drives both support calls and churn: calls are a real signal.
    unhappy = rng.normal(0, 1, size=n)
    support_calls = rng.poisson(np.exp(0.25 + 0.60 * unhappy))
    logit = (-1.55
             + 1.30 * (contract == "Month-to-month")
             - 1.10 * (contract == "Two year")
             - 0.030 * tenure
             + 0.85 * unhappy
             + 0.018 * (monthly - 55)
             + 0.45 * (payment == "Invoice")
             + 0.20 * (paperless == "Yes"))
    churned = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    frame = pd.DataFrame({
        "customer_id": [f"C{10001 + i}" for i in range(n)],
        "age": age,
        "tenure_months": tenure,
        "contract": contract,
        "plan": plan,
        "add_ons": add_ons,
        "monthly_charges": monthly,
        "total_charges": total,
        "payment_method": payment,
        "paperless_billing": paperless,
        "support_calls_90d": support_calls,
        "churned": churned,
    })
    # New customers have not been billed yet: their total is blank, as in real exports.
    frame.loc[frame["tenure_months"] == 0, "total_charges"] = np.nan
    return frame


# ---------------------------------------------------------------- sensor time series

def sensor_timeseries():
    rng = np.random.default_rng(31337)
    stamps = pd.date_range("2024-03-01 00:00", "2024-03-28 23:50", freq="10min")
    n = len(stamps)
    days = np.asarray((stamps - stamps[0]) / pd.Timedelta(days=1))
    clock = np.asarray(stamps.hour + stamps.minute / 60)
    daily = np.sin(2 * np.pi * (clock - 9) / 24)
    # The temperature sensor drifts upward by 0.08 degrees a day on top of the daily cycle.
    temperature = 21.0 + 2.4 * daily + 0.08 * days + rng.normal(0, 0.15, n)
    humidity = 46.0 - 1.3 * (temperature - 21.0 - 0.08 * days) + rng.normal(0, 1.2, n)
    pressure = 101.3 + np.cumsum(rng.normal(0, 0.02, n))
    pressure = pressure - np.linspace(0, pressure[-1] - 101.1, n)   # a slow weather wander, no net trend
    vibration = 2.1 + 0.25 * rng.standard_normal(n) + 0.3 * ((clock >= 7) & (clock < 19))
    # Outliers: eight short vibration spikes, well clear of normal readings.
    spikes = rng.choice(np.arange(200, n - 200), size=8, replace=False)
    vibration[spikes] = rng.uniform(9.0, 14.0, size=8)
    frame = pd.DataFrame({
        "timestamp": stamps,
        "temperature_c": temperature.round(2),
        "humidity_pct": np.clip(humidity, 0, 100).round(1),
        "pressure_kpa": pressure.round(2),
        "vibration_mm_s": vibration.round(2),
    })
    # Humidity sensor drop-outs: a reading is blank now and then.
    frame.loc[rng.random(n) < 0.006, "humidity_pct"] = np.nan
    # Gaps: three outages and a sprinkle of single missed readings.
    outages = [("2024-03-09 02:00", "2024-03-09 07:50"),   # 6 hours
               ("2024-03-17 13:30", "2024-03-17 15:50"),   # 2 h 30 min
               ("2024-03-22 21:10", "2024-03-22 21:50")]   # 50 min
    drop = np.zeros(n, dtype=bool)
    for start, end in outages:
        drop |= (frame["timestamp"] >= start) & (frame["timestamp"] <= end)
    singles = rng.choice(np.arange(1, n - 1), size=25, replace=False)
    drop[singles] = True
    drop[spikes] = False   # keep every spike
    frame = frame[~drop].reset_index(drop=True)
    frame["timestamp"] = frame["timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S")
    return frame


# ---------------------------------------------------------------- workforce (Excel, two sheets)

DEPARTMENTS = [  # name, head, location, annual salary budget
    ("Engineering", "Priya Raman", "Berlin", 5_300_000),
    ("Sales", "Marcus Webb", "London", 3_750_000),
    ("Marketing", "Chloe Martin", "Paris", 1_500_000),
    ("Finance", "Tomasz Nowak", "Warsaw", 1_300_000),
    ("Operations", "Ana Souza", "Lisbon", 2_300_000),
    ("Support", "Kenji Ito", "Dublin", 2_000_000),
]
HEADCOUNT = {"Engineering": 78, "Sales": 52, "Marketing": 24, "Finance": 20, "Operations": 36, "Support": 40}
LEVEL_SALARY = {"L1": 42_000, "L2": 54_000, "L3": 68_000, "L4": 86_000, "L5": 112_000}
DEPT_PAY = {"Engineering": 1.18, "Sales": 1.02, "Marketing": 0.98, "Finance": 1.05, "Operations": 0.92, "Support": 0.85}
FIRST = ["Alex", "Sam", "Jordan", "Maria", "Luca", "Sofia", "Noah", "Emma", "Liam", "Olivia", "Mateo", "Mia",
         "Elias", "Lena", "Hugo", "Chloe", "Omar", "Aisha", "Daniel", "Sara", "Jonas", "Nora", "Ivan", "Zoe",
         "Felix", "Hannah", "Leo", "Julia", "Ravi", "Anna", "Yusuf", "Clara", "Finn", "Ella", "Tariq", "Ida"]
LAST = ["Schmidt", "Rossi", "Garcia", "Dubois", "Kowalski", "Jansen", "Silva", "Murphy", "Novak", "Berg",
        "Moreau", "Costa", "Lindqvist", "Fischer", "Romano", "Lopez", "Horvat", "Nielsen", "Weber", "Ricci",
        "Kaya", "Popescu", "Smith", "Khan", "Meyer", "Bianchi", "Ortiz", "Laine", "Brennan", "Varga"]


def workforce():
    rng = np.random.default_rng(777)
    rows = []
    for department, count in HEADCOUNT.items():
        for _ in range(count):
            level = rng.choice(list(LEVEL_SALARY), p=[0.22, 0.30, 0.26, 0.15, 0.07])
            hire = dt.date(2014, 1, 1) + dt.timedelta(days=int(rng.triangular(0, 3650, 4000)))
            rating = int(rng.choice([1, 2, 3, 4, 5], p=[0.04, 0.14, 0.46, 0.27, 0.09]))
            years = (dt.date(2024, 12, 31) - hire).days / 365.25
            salary = LEVEL_SALARY[level] * DEPT_PAY[department] * (1 + 0.012 * years + 0.025 * (rating - 3))
            salary = int(round(salary * rng.normal(1.0, 0.05), -2))
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            remote = "Yes" if rng.random() < (0.55 if department in ("Engineering", "Support") else 0.25) else "No"
            rows.append((department, name, level, hire, salary, rating, remote))
    rows.sort(key=lambda r: r[3])   # employee ids follow hire order
    employees = [(f"E{1001 + i}", *row) for i, row in enumerate(rows)]
    return employees


def write_workforce(employees, path):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Employees"
    sheet.append(["employee_id", "department", "name", "level", "hire_date", "salary_eur", "performance_rating", "remote"])
    for row in employees:
        sheet.append(list(row))
    for cell in sheet["E"][1:]:
        cell.number_format = "yyyy-mm-dd"
    for cell in sheet["F"][1:]:
        cell.number_format = "#,##0"
    depts = book.create_sheet("Departments")
    depts.append(["department", "head", "location", "salary_budget_eur"])
    for row in DEPARTMENTS:
        depts.append(list(row))
    for cell in depts["D"][1:]:
        cell.number_format = "#,##0"
    for ws, widths in ((sheet, [12, 14, 20, 7, 12, 12, 19, 8]), (depts, [14, 16, 10, 18])):
        ws.freeze_panes = "A2"
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + i)].width = width
    book.properties.creator = "CodeAct Studio samples/generate.py"
    book.properties.created = EPOCH
    book.properties.modified = EPOCH
    book.properties.lastModifiedBy = None
    raw = io.BytesIO()
    book.save(raw)
    # openpyxl stamps each zip entry with the current time; rewrite them with a fixed one.
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=EPOCH.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))


# ---------------------------------------------------------------- main

def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="folder to write into (default: the folder of this script)")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    for name, make in (("retail_sales.csv", retail_sales),
                       ("customer_churn.csv", customer_churn),
                       ("sensor_timeseries.csv", sensor_timeseries)):
        frame = make()
        write_csv(frame, out / name)
        print(f"{name:24} {len(frame):6} rows  {(out / name).stat().st_size:8} bytes")
    employees = workforce()
    write_workforce(employees, out / "workforce.xlsx")
    print(f"{'workforce.xlsx':24} {len(employees):6} rows  {(out / 'workforce.xlsx').stat().st_size:8} bytes"
          f"  (sheets Employees, Departments)")


if __name__ == "__main__":
    main(sys.argv[1:])
