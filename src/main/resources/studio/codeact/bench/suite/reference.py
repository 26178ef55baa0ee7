"""Reference solutions of the built-in suite, one per task id ('-' written as '_').

Each gets ``t``, the task's tools and nothing else, and calls them the way a careful agent
would; ``check-suite`` counts the calls (an atomic task's reference makes exactly one, a
multi-tool task's two or more) and scores the answer with the task's own checker.
Where a question asks for "the" largest or smallest, ``_only`` insists the winner is unique.
"""

MONTHS = ["2024-%02d" % month for month in range(1, 13)]


def _only(scores, largest=True):
    """The key with the largest (or smallest) score, refusing a tie."""
    best = max(scores.values()) if largest else min(scores.values())
    winners = [key for key, value in scores.items() if value == best]
    if len(winners) != 1:
        raise AssertionError("tie between %s" % winners)
    return winners[0]


def _kg(t, product):
    if product["weight_unit"] == "kg":
        return product["weight"]
    return t.convert_units(product["weight"], product["weight_unit"], "kg")


def _m2(t, store):
    if store["floor_area_unit"] == "m2":
        return store["floor_area"]
    return t.convert_units(store["floor_area"], store["floor_area_unit"], "m2")


def _celsius(t, reading):
    if reading["unit"] == "C":
        return reading["value"]
    return t.convert_units(reading["value"], reading["unit"], "C")


def _revenue(rows):
    return sum(row["revenue"] for row in rows)


# ---------------------------------------------------------------- catalogue

def product_weight_kg(t):
    product = t.get_product("TN-101")
    return round(_kg(t, product), 3)


def supplier_country(t):
    return t.get_supplier(t.get_product("BP-204")["supplier_id"])["country"]


def price_in_yen(t):
    return round(t.get_product("LT-501")["unit_price_eur"] * t.exchange_rate("JPY", "2024-06"))


def heaviest_tent(t):
    return _only({sku: _kg(t, t.get_product(sku)) for sku in t.list_products("tents")})


def stove_kit_weight(t):
    return round(sum(_kg(t, t.get_product(sku)) for sku in t.list_products("stoves")), 2)


def cheapest_backpack_usd(t):
    prices = {sku: t.get_product(sku)["unit_price_eur"] for sku in t.list_products("backpacks")}
    sku = _only(prices, largest=False)
    return [sku, round(prices[sku] * t.exchange_rate("USD", "2024-03"), 2)]


def longest_lead_sleeping_bags(t):
    suppliers = {t.get_product(sku)["supplier_id"] for sku in t.list_products("sleeping-bags")}
    leads = {}
    for supplier_id in sorted(suppliers):
        supplier = t.get_supplier(supplier_id)
        leads[supplier["name"]] = supplier["lead_time_days"]
    return _only(leads)


def german_supplied_products(t):
    countries = {}
    count = 0
    for sku in t.list_products():
        supplier_id = t.get_product(sku)["supplier_id"]
        if supplier_id not in countries:
            countries[supplier_id] = t.get_supplier(supplier_id)["country"]
        count += countries[supplier_id] == "Germany"
    return count


def apparel_average_price(t):
    prices = [t.get_product(sku)["unit_price_eur"] for sku in t.list_products("apparel")]
    return round(sum(prices) / len(prices), 2)


def heavy_backpacks(t):
    return [sku for sku in t.list_products("backpacks") if _kg(t, t.get_product(sku)) > 1.2]


def light_supplier_countries(t):
    suppliers = {t.get_product(sku)["supplier_id"] for sku in t.list_products("lights")}
    return sorted({t.get_supplier(supplier_id)["country"] for supplier_id in suppliers})


# ---------------------------------------------------------------- stores

def store_days_open(t):
    return t.days_between(t.get_store("S03")["opened"], "2024-12-31")


def japan_store_weekday(t):
    (store_id,) = t.list_stores("Japan")
    return t.weekday(t.get_store(store_id)["opened"])


def store_area_m2(t):
    return round(_m2(t, t.get_store("S02")), 1)


def largest_store(t):
    return _only({store_id: _m2(t, t.get_store(store_id)) for store_id in t.list_stores()})


def store_1000th_day(t):
    day = t.add_days(t.get_store("S06")["opened"], 999)
    return [day, t.weekday(day)]


def oldest_store_city(t):
    stores = [t.get_store(store_id) for store_id in t.list_stores()]
    opened = {store["city"]: store["opened"] for store in stores}
    return _only(opened, largest=False)


def weekend_openings(t):
    found = []
    for store_id in t.list_stores():
        if t.weekday(t.get_store(store_id)["opened"]) in ("Saturday", "Sunday"):
            found.append(store_id)
    return found


def us_stores_total_area(t):
    return round(sum(_m2(t, t.get_store(store_id)) for store_id in t.list_stores("United States")))


def store_opening_gap(t):
    dates = sorted(t.get_store(store_id)["opened"] for store_id in t.list_stores())
    return t.days_between(dates[0], dates[-1])


# ---------------------------------------------------------------- sales

def revenue_eur_month(t):
    return round(_revenue(t.monthly_sales("S04", "2024-07")) / t.exchange_rate("JPY", "2024-07"), 2)


def revenue_local_quarter(t):
    return round(sum(_revenue(t.monthly_sales("S02", month)) for month in MONTHS[:3]), 2)


def best_store_june(t):
    revenue = {}
    for store_id in t.list_stores():
        currency = t.get_store(store_id)["currency"]
        rate = 1.0 if currency == "EUR" else t.exchange_rate(currency, "2024-06")
        revenue[store_id] = _revenue(t.monthly_sales(store_id, "2024-06")) / rate
    return _only(revenue)


def sku_units_year(t):
    return sum(row["units"] for month in MONTHS for row in t.monthly_sales("S07", month) if row["sku"] == "SB-301")


def best_month_s05(t):
    return _only({month: _revenue(t.monthly_sales("S05", month)) for month in MONTHS})


def top_seller_name(t):
    rows = t.monthly_sales("S08", "2024-11")
    sku = _only({row["sku"]: row["units"] for row in rows})
    return t.get_product(sku)["name"]


def tent_revenue_share(t):
    rows = t.monthly_sales("S01", "2024-05")
    tents = set(t.list_products("tents"))
    share = sum(row["revenue"] for row in rows if row["sku"] in tents) / _revenue(rows)
    return round(100 * share, 1)


def quarter_growth(t):
    q1 = sum(_revenue(t.monthly_sales("S06", month)) for month in MONTHS[0:3])
    q2 = sum(_revenue(t.monthly_sales("S06", month)) for month in MONTHS[3:6])
    return round(100 * (q2 - q1) / q1, 1)


def year_revenue_eur(t):
    return round(sum(_revenue(t.monthly_sales("S04", month)) / t.exchange_rate("JPY", month) for month in MONTHS))


def revenue_per_m2(t):
    store = t.get_store("S03")
    revenue_eur = _revenue(t.monthly_sales("S03", "2024-09")) / t.exchange_rate(store["currency"], "2024-09")
    return round(revenue_eur / _m2(t, store), 2)


def stove_units_august(t):
    stoves = set(t.list_products("stoves"))
    return sum(row["units"] for store_id in t.list_stores()
               for row in t.monthly_sales(store_id, "2024-08") if row["sku"] in stoves)


def realized_price(t):
    (row,) = [row for row in t.monthly_sales("S02", "2024-10") if row["sku"] == "BP-202"]
    return round(row["revenue"] / row["units"] / t.exchange_rate("GBP", "2024-10"), 2)


def discounted_skus(t):
    rows = t.monthly_sales("S07", "2024-02")
    rate = t.exchange_rate("NOK", "2024-02")
    found = []
    for row in rows:
        realized = row["revenue"] / row["units"] / rate
        if realized < 0.95 * t.get_product(row["sku"])["unit_price_eur"]:
            found.append(row["sku"])
    if not found:
        raise AssertionError("no discounted SKU: the task would have an empty answer")
    return found


def revenue_trend(t):
    revenue = [_revenue(t.monthly_sales("S01", month)) for month in MONTHS]
    return round(t.fit_linear(list(range(1, 13)), revenue)["slope"], 2)


def units_vs_temperature(t):
    units, temperatures = [], []
    for month in MONTHS:
        units.append(sum(row["units"] for row in t.monthly_sales("S03", month) if row["sku"] == "SB-301"))
        temperatures.append(_celsius(t, t.monthly_temperature("Denver", month)))
    return round(t.fit_linear(temperatures, units)["slope"], 3)


# ---------------------------------------------------------------- orders

def order_ship_delay(t):
    order = t.get_order("O-1012")
    return t.days_between(order["ordered"], order["shipped"])


def order_value_eur(t):
    order = t.get_order("O-1025")
    return round(order["quantity"] * t.get_product(order["sku"])["unit_price_eur"], 2)


def order_value_local(t):
    order = t.get_order("O-1020")
    price = t.get_product(order["sku"])["unit_price_eur"]
    currency = t.get_store(order["store_id"])["currency"]
    return round(order["quantity"] * price * t.exchange_rate(currency, order["ordered"][:7]), 2)


def pending_weight(t):
    total = 0.0
    for order_id in t.list_orders(status="pending"):
        order = t.get_order(order_id)
        total += order["quantity"] * _kg(t, t.get_product(order["sku"]))
    return round(total, 2)


def late_shipments(t):
    late = []
    for order_id in t.list_orders(store_id="S07", status="shipped"):
        order = t.get_order(order_id)
        lead = t.get_supplier(t.get_product(order["sku"])["supplier_id"])["lead_time_days"]
        if t.days_between(order["ordered"], order["shipped"]) > lead:
            late.append(order_id)
    return late


def pending_due_date(t):
    order = t.get_order("O-1034")
    lead = t.get_supplier(t.get_product(order["sku"])["supplier_id"])["lead_time_days"]
    return t.add_days(order["ordered"], lead)


def weekend_orders_s03(t):
    days = [t.weekday(t.get_order(order_id)["ordered"]) for order_id in t.list_orders(store_id="S03")]
    return sum(day in ("Saturday", "Sunday") for day in days)


def biggest_order_eur(t):
    values = {}
    for order_id in t.list_orders(store_id="S01"):
        order = t.get_order(order_id)
        values[order_id] = order["quantity"] * t.get_product(order["sku"])["unit_price_eur"]
    return _only(values)


# ---------------------------------------------------------------- climate

def denver_july_celsius(t):
    return round(_celsius(t, t.monthly_temperature("Denver", "2024-07")), 1)


def warmest_city_july(t):
    temperatures = {}
    for store_id in t.list_stores():
        city = t.get_store(store_id)["city"]
        temperatures[city] = _celsius(t, t.monthly_temperature(city, "2024-07"))
    return _only(temperatures)


def temperature_range_zurich(t):
    values = [_celsius(t, t.monthly_temperature("Zurich", month)) for month in MONTHS]
    return round(max(values) - min(values), 1)


# ---------------------------------------------------------------- tables and models

def best_single_feature(t):
    scores = {feature: t.fit_regression("rentals", "rentals", [feature])["r2"]
              for feature in ("temperature_c", "humidity", "wind_kmh", "weekend")}
    return _only(scores)


def churn_accuracy_gain(t):
    tenure_only = t.fit_classifier("customers", "churned", ["tenure_months"])["accuracy"]
    both = t.fit_classifier("customers", "churned", ["tenure_months", "support_calls"])["accuracy"]
    return round(both - tenure_only, 4)


def strongest_churn_correlate(t):
    columns = t.table_columns("customers")["columns"]
    scores = {name: abs(t.correlation("customers", name, "churned"))
              for name, kind in columns.items() if kind != "text" and name != "churned"}
    return _only(scores)


def churn_rate_biggest_region(t):
    sizes = t.aggregate("customers", "customer_id", "count", group_by="region")
    region = _only(sizes)
    return round(100 * t.aggregate("customers", "churned", "mean", where={"region": region}), 1)


def rentals_model_mae(t):
    weather = ["temperature_c", "humidity", "wind_kmh"]
    without = t.fit_regression("rentals", "rentals", weather)["mae"]
    with_weekend = t.fit_regression("rentals", "rentals", weather + ["weekend"])["mae"]
    return round(without - with_weekend, 3)


# ---------------------------------------------------------------- atomic: exactly one call

def gbp_rate_april(t):
    return t.exchange_rate("GBP", "2024-04")


def marathon_km(t):
    return round(t.convert_units(26.2, "mi", "km"), 3)


def leap_day_weekday(t):
    return t.weekday("2024-02-29")


def days_jan_to_sep(t):
    return t.days_between("2024-01-15", "2024-09-03")


def hundred_days_later(t):
    return t.add_days("2024-11-20", 100)


def supplier_of_sku(t):
    return t.get_product("ST-403")["supplier_id"]


def store_currency(t):
    return t.get_store("S05")["currency"]


def units_one_row(t):
    (row,) = [row for row in t.monthly_sales("S03", "2024-05") if row["sku"] == "LT-501"]
    return row["units"]


def order_ship_date(t):
    return t.get_order("O-1010")["shipped"]


def rentals_temperature_correlation(t):
    return t.correlation("rentals", "temperature_c", "rentals")


def churn_classifier_accuracy(t):
    return t.fit_classifier("customers", "churned", ["tenure_months", "support_calls"])["accuracy"]


def region_highest_spend(t):
    return _only(t.aggregate("customers", "monthly_spend", "mean", group_by="region"))


def tent_count(t):
    return len(t.list_products("tents"))


def fahrenheit_to_celsius(t):
    return round(t.convert_units(68, "F", "C"), 2)


def oslo_january(t):
    return t.monthly_temperature("Oslo", "2024-01")["value"]
