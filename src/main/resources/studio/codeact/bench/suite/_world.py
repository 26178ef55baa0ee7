"""Larkspur Outfitters, the fictional outdoor-gear retailer behind the built-in suite.

Everything is fixed or drawn from numpy's legacy ``RandomState`` with fixed seeds, so every
interpreter builds the same world: the same sales, rates, orders, temperatures and tables.
Values are rounded where a tool hands them out, so a model and a reference solution see the
same numbers.
"""
import datetime

import numpy as np
import pandas as pd

YEAR = 2024
MONTHS = ["%d-%02d" % (YEAR, month) for month in range(1, 13)]
TODAY = datetime.date(2024, 12, 1)

STORES = {
    "S01": {"city": "Berlin", "country": "Germany", "currency": "EUR", "opened": "2019-03-15", "floor_area": (1350, "m2")},
    "S02": {"city": "Manchester", "country": "United Kingdom", "currency": "GBP", "opened": "2020-09-05", "floor_area": (12900, "sq ft")},
    "S03": {"city": "Denver", "country": "United States", "currency": "USD", "opened": "2018-05-21", "floor_area": (18400, "sq ft")},
    "S04": {"city": "Osaka", "country": "Japan", "currency": "JPY", "opened": "2021-11-11", "floor_area": (980, "m2")},
    "S05": {"city": "Zurich", "country": "Switzerland", "currency": "CHF", "opened": "2022-04-02", "floor_area": (720, "m2")},
    "S06": {"city": "Toronto", "country": "Canada", "currency": "CAD", "opened": "2017-08-24", "floor_area": (15200, "sq ft")},
    "S07": {"city": "Oslo", "country": "Norway", "currency": "NOK", "opened": "2023-02-06", "floor_area": (860, "m2")},
    "S08": {"city": "Seattle", "country": "United States", "currency": "USD", "opened": "2016-10-01", "floor_area": (21000, "sq ft")},
}

SUPPLIERS = {
    "SUP-1": {"name": "Alpenwerk GmbH", "country": "Germany", "lead_time_days": 21},
    "SUP-2": {"name": "Cascade Gear Co.", "country": "United States", "lead_time_days": 35},
    "SUP-3": {"name": "Fjellstrom AS", "country": "Norway", "lead_time_days": 28},
    "SUP-4": {"name": "Kumo Outdoor KK", "country": "Japan", "lead_time_days": 42},
    "SUP-5": {"name": "Trailhead Textiles Ltd", "country": "United Kingdom", "lead_time_days": 18},
    "SUP-6": {"name": "Maple Ridge Supply", "country": "Canada", "lead_time_days": 30},
    "SUP-7": {"name": "Bergsport AG", "country": "Germany", "lead_time_days": 14},
}

# sku: name, category, supplier, unit price in EUR, (weight, unit)
PRODUCTS = {
    "TN-101": ("Summit 2 Tent", "tents", "SUP-2", 329.00, (5.1, "lb")),
    "TN-102": ("Basecamp 4 Tent", "tents", "SUP-1", 549.00, (7.8, "kg")),
    "TN-103": ("Ultralight Solo Tent", "tents", "SUP-4", 279.00, (920, "g")),
    "TN-104": ("Family Dome 6", "tents", "SUP-6", 689.00, (11.2, "kg")),
    "SB-301": ("Polar -20 Bag", "sleeping-bags", "SUP-3", 249.00, (2.9, "lb")),
    "SB-302": ("Summer Down Bag", "sleeping-bags", "SUP-4", 189.00, (650, "g")),
    "SB-303": ("Trekker 3-Season Bag", "sleeping-bags", "SUP-1", 159.00, (1.4, "kg")),
    "SB-304": ("Kids Cozy Bag", "sleeping-bags", "SUP-6", 79.00, (38, "oz")),
    "BP-201": ("Ridge 45L Pack", "backpacks", "SUP-2", 169.00, (3.3, "lb")),
    "BP-202": ("Daytripper 22L", "backpacks", "SUP-5", 89.00, (780, "g")),
    "BP-203": ("Expedition 70L", "backpacks", "SUP-1", 289.00, (2.35, "kg")),
    "BP-204": ("City Commuter 18L", "backpacks", "SUP-7", 99.00, (26, "oz")),
    "ST-401": ("Pocket Rocket Stove", "stoves", "SUP-4", 59.00, (3, "oz")),
    "ST-402": ("Twin Burner Camp Stove", "stoves", "SUP-2", 149.00, (11.5, "lb")),
    "ST-403": ("Wood Gasifier Stove", "stoves", "SUP-3", 119.00, (1.1, "kg")),
    "ST-404": ("Canister Combo Kit", "stoves", "SUP-7", 85.00, (540, "g")),
    "LT-501": ("Beam 400 Headlamp", "lights", "SUP-5", 45.00, (86, "g")),
    "LT-502": ("Lantern Pro", "lights", "SUP-6", 69.00, (1.2, "lb")),
    "LT-503": ("Solar String Lights", "lights", "SUP-4", 35.00, (310, "g")),
    "AP-601": ("Storm Shell Jacket", "apparel", "SUP-5", 219.00, (540, "g")),
    "AP-602": ("Merino Base Layer", "apparel", "SUP-3", 89.00, (7, "oz")),
    "AP-603": ("Trail Pants", "apparel", "SUP-7", 99.00, (480, "g")),
    "AP-604": ("Insulated Parka", "apparel", "SUP-6", 329.00, (1.9, "lb")),
    "AP-605": ("Rain Poncho", "apparel", "SUP-5", 29.00, (320, "g")),
}

# Products every store carries, so tasks can name them; the rest of each assortment is drawn.
CORE_SKUS = ["TN-101", "SB-301", "BP-202", "ST-401", "LT-501", "AP-601"]
ASSORTMENT_SIZE = 11

BASE_RATES = {"EUR": 1.0, "GBP": 0.855, "USD": 1.085, "JPY": 161.5, "CHF": 0.955, "CAD": 1.47, "NOK": 11.62}

# Monthly mean temperatures in degrees Celsius, January to December.
CLIMATE_C = {
    "Berlin": [0.6, 1.8, 5.1, 10.2, 14.8, 18.0, 19.8, 19.4, 15.2, 10.1, 5.0, 1.7],
    "Manchester": [4.2, 4.6, 6.4, 8.7, 11.9, 14.6, 16.4, 16.1, 13.8, 10.6, 7.0, 4.7],
    "Denver": [-0.9, 0.3, 4.8, 8.6, 14.0, 20.0, 23.6, 22.4, 17.6, 10.8, 4.2, -0.6],
    "Osaka": [6.0, 6.5, 9.8, 15.2, 19.9, 23.6, 27.7, 29.0, 25.2, 19.5, 13.8, 8.7],
    "Zurich": [0.3, 1.6, 5.3, 9.1, 13.4, 16.8, 18.6, 18.0, 14.4, 9.7, 4.5, 1.3],
    "Toronto": [-5.5, -4.5, 0.1, 7.1, 13.1, 18.6, 21.5, 20.6, 16.2, 9.5, 3.7, -2.2],
    "Oslo": [-4.3, -4.0, -0.2, 4.5, 10.8, 15.2, 16.4, 15.2, 10.8, 6.3, 0.7, -3.1],
    "Seattle": [5.2, 5.8, 7.6, 10.0, 13.3, 16.0, 18.8, 19.0, 16.3, 11.7, 7.6, 5.1],
}
FAHRENHEIT_CITIES = {"Denver", "Seattle"}

STORE_SIZE = {"S01": 1.0, "S02": 0.9, "S03": 1.2, "S04": 0.8, "S05": 0.7, "S06": 1.1, "S07": 0.75, "S08": 1.3}
CATEGORY_DEMAND = {"tents": 6.0, "sleeping-bags": 7.0, "backpacks": 9.0, "stoves": 5.0, "lights": 12.0, "apparel": 10.0}
WARM_LOVING = {"tents", "stoves", "lights"}


def _month_index(month):
    return MONTHS.index(month)


def _build_rates():
    rng = np.random.RandomState(2024)
    rates = {}
    for currency, base in BASE_RATES.items():
        for index, month in enumerate(MONTHS):
            if currency == "EUR":
                rates[(currency, month)] = 1.0
                continue
            drift = 1 + 0.018 * np.sin(index / 2.0 + len(currency)) + rng.normal(0, 0.006)
            value = base * drift
            digits = 4 - int(np.floor(np.log10(abs(value)))) - 1
            rates[(currency, month)] = round(float(value), max(digits, 0))
    return rates


def _build_temperatures():
    rng = np.random.RandomState(77)
    temperatures = {}
    for city, normals in CLIMATE_C.items():
        for index, month in enumerate(MONTHS):
            celsius = normals[index] + rng.normal(0, 1.1)
            if city in FAHRENHEIT_CITIES:
                temperatures[(city, month)] = (round(celsius * 9 / 5 + 32, 1), "F")
            else:
                temperatures[(city, month)] = (round(celsius, 1), "C")
    return temperatures


def _celsius(city, month):
    value, unit = TEMPERATURES[(city, month)]
    return (value - 32) * 5 / 9 if unit == "F" else value


def _build_assortments():
    assortments = {}
    others = [sku for sku in PRODUCTS if sku not in CORE_SKUS]
    for index, store_id in enumerate(STORES):
        rng = np.random.RandomState(100 + index)
        extra = rng.choice(others, ASSORTMENT_SIZE - len(CORE_SKUS), replace=False)
        chosen = set(CORE_SKUS) | {str(sku) for sku in extra}
        assortments[store_id] = [sku for sku in PRODUCTS if sku in chosen]
    return assortments


def _build_sales():
    rng = np.random.RandomState(7)
    sales = {}
    for store_id, store in STORES.items():
        size = STORE_SIZE[store_id]
        for month in MONTHS:
            celsius = _celsius(store["city"], month)
            rows = []
            for sku in ASSORTMENTS[store_id]:
                name, category, supplier, price, weight = PRODUCTS[sku]
                demand = CATEGORY_DEMAND[category] * size
                if category in WARM_LOVING:
                    demand *= max(0.25, 0.55 + 0.045 * celsius)
                elif category in ("sleeping-bags", "apparel"):
                    demand *= max(0.25, 1.5 - 0.05 * celsius)
                units = int(rng.poisson(demand)) + 1
                discount = float(rng.choice([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.15, 0.2]))
                revenue = units * price * (1 - discount) * RATES[(store["currency"], month)]
                rows.append({"sku": sku, "units": units, "revenue": round(revenue, 2)})
            sales[(store_id, month)] = rows
    return sales


def _build_orders():
    rng = np.random.RandomState(31)
    orders = {}
    start = datetime.date(2024, 1, 3)
    for number in range(1001, 1037):
        store_id = list(STORES)[int(rng.randint(0, len(STORES)))]
        sku = ASSORTMENTS[store_id][int(rng.randint(0, len(ASSORTMENTS[store_id])))]
        ordered = start + datetime.timedelta(days=int(rng.randint(0, 325)))
        lead = SUPPLIERS[PRODUCTS[sku][2]]["lead_time_days"]
        shipped = ordered + datetime.timedelta(days=int(lead + rng.randint(-6, 12)))
        orders["O-%d" % number] = {
            "order_id": "O-%d" % number,
            "store_id": store_id,
            "sku": sku,
            "quantity": int(rng.randint(4, 61)),
            "ordered": ordered.isoformat(),
            "shipped": shipped.isoformat() if shipped <= TODAY else None,
            "status": "shipped" if shipped <= TODAY else "pending",
        }
    return orders


def _build_customers():
    rng = np.random.RandomState(11)
    n = 480
    region = rng.choice(["North", "South", "East", "West"], n, p=[0.34, 0.22, 0.26, 0.18])
    age = rng.randint(18, 76, n)
    tenure = rng.randint(1, 73, n)
    spend = np.round(rng.gamma(4.0, 18.0, n) + 10, 2)
    calls = rng.poisson(1.6, n)
    online = rng.binomial(1, 0.55, n)
    logit = 0.9 - 0.065 * tenure + 0.55 * calls + 0.004 * spend - 0.5 * online + (region == "South") * 0.4
    churned = rng.binomial(1, 1 / (1 + np.exp(-logit)))
    return pd.DataFrame({
        "customer_id": ["C%04d" % i for i in range(1, n + 1)],
        "region": region, "age": age, "tenure_months": tenure, "monthly_spend": spend,
        "support_calls": calls, "online_only": online, "churned": churned,
    })


def _build_rentals():
    rng = np.random.RandomState(5)
    days = pd.date_range("2024-01-01", "2024-12-31", freq="D")
    day_of_year = np.arange(len(days))
    temperature = np.round(11 + 10 * np.sin((day_of_year - 105) / 365 * 2 * np.pi) + rng.normal(0, 3, len(days)), 1)
    humidity = np.round(np.clip(rng.normal(68, 12, len(days)), 20, 100), 0)
    wind = np.round(np.abs(rng.normal(14, 6, len(days))), 1)
    weekend = (days.dayofweek >= 5).astype(int)
    rentals = 180 + 16 * temperature - 2.2 * humidity - 3.1 * wind + 70 * weekend + rng.normal(0, 35, len(days))
    return pd.DataFrame({
        "date": days.strftime("%Y-%m-%d"), "temperature_c": temperature, "humidity": humidity,
        "wind_kmh": wind, "weekend": weekend, "rentals": np.maximum(np.round(rentals), 0).astype(int),
    })


RATES = _build_rates()
TEMPERATURES = _build_temperatures()
ASSORTMENTS = _build_assortments()
SALES = _build_sales()
ORDERS = _build_orders()
TABLES = {"customers": _build_customers(), "rentals": _build_rentals()}
