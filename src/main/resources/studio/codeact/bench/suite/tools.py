"""The tools of the built-in suite: small APIs over Larkspur Outfitters' data (see ``_world``).

Every public function here is a tool; the first line of its docstring is what the model reads.
Tools hand out copies, so code that changes a returned dict cannot change the world.
"""
import ast
import copy
import datetime
import math
import operator

from . import _world as world

__all__ = [
    "list_products", "get_product", "get_supplier", "list_stores", "get_store", "monthly_sales",
    "exchange_rate", "list_orders", "get_order", "monthly_temperature", "convert_units",
    "days_between", "add_days", "weekday", "calculate", "table_columns", "aggregate",
    "correlation", "fit_linear", "fit_regression", "fit_classifier",
]


# ---------------------------------------------------------------- catalogue and stores

def list_products(category: str = "") -> list:
    """SKUs of all products, or of one category (tents, sleeping-bags, backpacks, stoves, lights, apparel)."""
    category = category.strip().lower()
    if category and category not in world.CATEGORY_DEMAND:
        raise ValueError("unknown category %r; categories: %s" % (category, ", ".join(world.CATEGORY_DEMAND)))
    return [sku for sku, product in world.PRODUCTS.items() if not category or product[1] == category]


def get_product(sku: str) -> dict:
    """A product's name, category, supplier id, unit price in EUR, and weight with its unit."""
    name, category, supplier, price, (weight, unit) = _lookup(world.PRODUCTS, sku.strip().upper(), "product")
    return {"sku": sku.strip().upper(), "name": name, "category": category, "supplier_id": supplier,
            "unit_price_eur": price, "weight": weight, "weight_unit": unit}


def get_supplier(supplier_id: str) -> dict:
    """A supplier's name, country and lead time in days."""
    supplier = _lookup(world.SUPPLIERS, supplier_id.strip().upper(), "supplier")
    return dict(supplier, supplier_id=supplier_id.strip().upper())


def list_stores(country: str = "") -> list:
    """Ids of all stores, or of the stores in one country."""
    country = country.strip().lower()
    return [store_id for store_id, store in world.STORES.items() if not country or store["country"].lower() == country]


def get_store(store_id: str) -> dict:
    """A store's city, country, local currency, opening date, and floor area with its unit."""
    store = _lookup(world.STORES, store_id.strip().upper(), "store")
    area, unit = store["floor_area"]
    return {"store_id": store_id.strip().upper(), "city": store["city"], "country": store["country"],
            "currency": store["currency"], "opened": store["opened"], "floor_area": area, "floor_area_unit": unit}


# ---------------------------------------------------------------- sales, money, orders, climate

def monthly_sales(store_id: str, month: str) -> list:
    """One store's sales in a month of 2024 (YYYY-MM): per SKU, units sold and revenue in the store's local currency."""
    store_id = store_id.strip().upper()
    _lookup(world.STORES, store_id, "store")
    return copy.deepcopy(_lookup(world.SALES, (store_id, _month(month)), "month"))


def exchange_rate(currency: str, month: str) -> float:
    """Units of a currency (GBP, USD, JPY, CHF, CAD, NOK, EUR) per 1 EUR, average of a month of 2024 (YYYY-MM)."""
    currency = currency.strip().upper()
    if currency not in world.BASE_RATES:
        raise ValueError("unknown currency %r; known: %s" % (currency, ", ".join(world.BASE_RATES)))
    return world.RATES[(currency, _month(month))]


def list_orders(store_id: str = "", status: str = "") -> list:
    """Ids of purchase orders, optionally of one store and/or one status (pending or shipped)."""
    store_id, status = store_id.strip().upper(), status.strip().lower()
    if status and status not in ("pending", "shipped"):
        raise ValueError("status must be 'pending' or 'shipped', not %r" % status)
    return [order_id for order_id, order in world.ORDERS.items()
            if (not store_id or order["store_id"] == store_id) and (not status or order["status"] == status)]


def get_order(order_id: str) -> dict:
    """A purchase order: store, SKU, quantity, order date, ship date (None while pending) and status."""
    return dict(_lookup(world.ORDERS, order_id.strip().upper(), "order"))


def monthly_temperature(city: str, month: str) -> dict:
    """Mean temperature of a store's city in a month of 2024 (YYYY-MM), in the unit local records use."""
    matches = [name for name in world.CLIMATE_C if name.lower() == city.strip().lower()]
    if not matches:
        raise ValueError("no records for %r; cities: %s" % (city, ", ".join(world.CLIMATE_C)))
    value, unit = world.TEMPERATURES[(matches[0], _month(month))]
    return {"city": matches[0], "month": _month(month), "value": value, "unit": unit}


# ---------------------------------------------------------------- units, dates, arithmetic

_LINEAR_UNITS = {
    "length": {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "in": 0.0254, "ft": 0.3048, "yd": 0.9144, "mi": 1609.344},
    "mass": {"mg": 1e-6, "g": 0.001, "kg": 1.0, "t": 1000.0, "oz": 0.028349523125, "lb": 0.45359237},
    "area": {"cm2": 1e-4, "m2": 1.0, "km2": 1e6, "ha": 1e4, "sq in": 0.00064516, "sq ft": 0.09290304,
             "sq yd": 0.83612736, "acre": 4046.8564224},
    "volume": {"ml": 0.001, "l": 1.0, "m3": 1000.0, "fl oz": 0.0295735295625, "qt": 0.946352946, "gal": 3.785411784},
}
_ALIASES = {
    "millimeter": "mm", "centimeter": "cm", "meter": "m", "metre": "m", "kilometer": "km", "kilometre": "km",
    "inch": "in", "inche": "in", "foot": "ft", "feet": "ft", "yard": "yd", "mile": "mi",
    "milligram": "mg", "gram": "g", "kilogram": "kg", "kg": "kg", "tonne": "t", "ounce": "oz", "pound": "lb", "lbs": "lb",
    "m²": "m2", "sq m": "m2", "sqm": "m2", "square meter": "m2", "square metre": "m2", "km²": "km2", "cm²": "cm2",
    "hectare": "ha", "sq ft": "sq ft", "sqft": "sq ft", "ft2": "sq ft", "ft²": "sq ft", "square foot": "sq ft",
    "square feet": "sq ft", "sq in": "sq in", "square inch": "sq in", "sq yd": "sq yd", "square yard": "sq yd",
    "milliliter": "ml", "millilitre": "ml", "liter": "l", "litre": "l", "fluid ounce": "fl oz", "quart": "qt",
    "gallon": "gal", "cubic meter": "m3", "m³": "m3",
    "c": "C", "celsius": "C", "f": "F", "fahrenheit": "F", "k": "K", "kelvin": "K",
}


def convert_units(value: float, from_unit: str, to_unit: str) -> float:
    """Converts a length, mass, area, volume or temperature, e.g. convert_units(5.1, "lb", "kg")."""
    source, target = _unit(from_unit), _unit(to_unit)
    if source in ("C", "F", "K") or target in ("C", "F", "K"):
        if source not in ("C", "F", "K") or target not in ("C", "F", "K"):
            raise ValueError("cannot convert %s to %s" % (from_unit, to_unit))
        celsius = {"C": value, "F": (value - 32) * 5 / 9, "K": value - 273.15}[source]
        result = {"C": celsius, "F": celsius * 9 / 5 + 32, "K": celsius + 273.15}[target]
        return round(result, 6)
    for kind, factors in _LINEAR_UNITS.items():
        if source in factors and target in factors:
            return round(value * factors[source] / factors[target], 6)
    raise ValueError("cannot convert %s to %s (different kinds of quantity)" % (from_unit, to_unit))


def days_between(start: str, end: str) -> int:
    """Whole days from start to end (dates as YYYY-MM-DD); negative when end comes first."""
    return (_date(end) - _date(start)).days


def add_days(date: str, days: int) -> str:
    """The date (YYYY-MM-DD) that many days after the given one (before it, for negative days)."""
    return (_date(date) + datetime.timedelta(days=days)).isoformat()


def weekday(date: str) -> str:
    """The day of the week of a date (YYYY-MM-DD), e.g. "Monday"."""
    return _date(date).strftime("%A")


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
              ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
              ast.USub: operator.neg, ast.UAdd: operator.pos}
_FUNCTIONS = {"abs": abs, "round": round, "min": min, "max": max, "sum": sum, "sqrt": math.sqrt,
              "log": math.log, "exp": math.exp, "mean": lambda values: sum(values) / len(values)}


def calculate(expression: str) -> float:
    """Evaluates arithmetic: + - * / // % **, parentheses, lists, abs round min max sum sqrt log exp mean."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as error:
        raise ValueError("the expression does not parse: %s" % error.msg) from None
    result = _evaluate(tree.body)
    return round(result, 10) if isinstance(result, float) else result


# ---------------------------------------------------------------- tables and models

def table_columns(table: str) -> dict:
    """The row count and the column names and types of a table (customers or rentals)."""
    frame = _table(table)
    kinds = {name: ("text" if dtype == object else str(dtype).rstrip("0123456789")) for name, dtype in frame.dtypes.items()}
    return {"rows": len(frame), "columns": kinds}


def aggregate(table: str, column: str, func: str, group_by: str = "", where: dict = None) -> object:
    """mean, sum, min, max, median, std or count of a column, optionally per group and over rows matching where={column: value}."""
    frame = _filtered(_table(table), where)
    _columns(frame, [column] + ([group_by] if group_by else []), table)
    if func not in ("mean", "sum", "min", "max", "median", "std", "count"):
        raise ValueError("func must be one of mean, sum, min, max, median, std, count")
    if group_by:
        values = getattr(frame.groupby(group_by)[column], func)()
        return {str(key): _number(value) for key, value in values.items()}
    return _number(getattr(frame[column], func)())


def correlation(table: str, column_a: str, column_b: str) -> float:
    """Pearson correlation of two numeric columns of a table."""
    frame = _table(table)
    _columns(frame, [column_a, column_b], table)
    return round(float(frame[column_a].corr(frame[column_b])), 4)


def fit_linear(x: list, y: list) -> dict:
    """Least-squares line y = slope * x + intercept through paired numbers, with its R squared."""
    if len(x) != len(y) or len(x) < 2:
        raise ValueError("x and y need the same length, at least 2 (got %d and %d)" % (len(x), len(y)))
    import numpy as np
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    slope, intercept = np.polyfit(xs, ys, 1)
    residual = ys - (slope * xs + intercept)
    total = ((ys - ys.mean()) ** 2).sum()
    r2 = 1 - (residual ** 2).sum() / total if total else 1.0
    return {"slope": round(float(slope), 4), "intercept": round(float(intercept), 4), "r2": round(float(r2), 4)}


def fit_regression(table: str, target: str, features: list) -> dict:
    """Linear regression of target on numeric features (fixed 75/25 split); test R squared and mean absolute error."""
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_absolute_error, r2_score
    x_train, x_test, y_train, y_test = _split(table, target, features, stratify=False)
    predicted = LinearRegression().fit(x_train, y_train).predict(x_test)
    return {"r2": round(float(r2_score(y_test, predicted)), 4),
            "mae": round(float(mean_absolute_error(y_test, predicted)), 3),
            "n_train": len(x_train), "n_test": len(x_test)}


def fit_classifier(table: str, target: str, features: list) -> dict:
    """Logistic regression of a 0/1 target on numeric features (fixed stratified 75/25 split); test accuracy and F1."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    x_train, x_test, y_train, y_test = _split(table, target, features, stratify=True)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    predicted = model.fit(x_train, y_train).predict(x_test)
    return {"accuracy": round(float(accuracy_score(y_test, predicted)), 4),
            "f1": round(float(f1_score(y_test, predicted)), 4), "n_train": len(x_train), "n_test": len(x_test)}


# ---------------------------------------------------------------- helpers (not tools)

def _lookup(mapping, key, what):
    if key not in mapping:
        sample = ", ".join(str(k) for k in list(mapping)[:8])
        raise KeyError("no %s %r (known: %s%s)" % (what, key, sample, ", ..." if len(mapping) > 8 else ""))
    return mapping[key]


def _month(month):
    text = str(month).strip()
    if text not in world.MONTHS:
        raise ValueError("month must be YYYY-MM within 2024, e.g. 2024-03; got %r" % month)
    return text


def _date(text):
    try:
        return datetime.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError("dates are YYYY-MM-DD, got %r" % text) from None


def _unit(text):
    key = " ".join(str(text).replace("°", "").replace("degrees", "").split())
    if key in ("C", "F", "K"):
        return key
    key = key.lower()
    for candidate in (key, key[:-1] if key.endswith("s") else key):
        if candidate in _ALIASES:
            return _ALIASES[candidate]
        if any(candidate in factors for factors in _LINEAR_UNITS.values()):
            return candidate
    raise ValueError("unknown unit %r" % text)


def _evaluate(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand))
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_evaluate(item) for item in node.elts]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS and not node.keywords:
        return _FUNCTIONS[node.func.id](*[_evaluate(arg) for arg in node.args])
    raise ValueError("only numbers, arithmetic and %s are allowed" % ", ".join(_FUNCTIONS))


def _table(name):
    if name not in world.TABLES:
        raise ValueError("no table %r; tables: %s" % (name, ", ".join(world.TABLES)))
    return world.TABLES[name]


def _columns(frame, names, table):
    missing = [name for name in names if name not in frame.columns]
    if missing:
        raise ValueError("table %s has no column %s; columns: %s" % (table, ", ".join(map(repr, missing)), ", ".join(frame.columns)))


def _filtered(frame, where):
    if not where:
        return frame
    if not isinstance(where, dict):
        raise ValueError("where must be a mapping {column: value}")
    _columns(frame, list(where), "")
    for column, value in where.items():
        frame = frame[frame[column] == value]
    return frame


def _number(value):
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else round(value, 4)


def _split(table, target, features, stratify):
    from sklearn.model_selection import train_test_split
    frame = _table(table)
    if isinstance(features, str):
        features = [features]
    _columns(frame, list(features) + [target], table)
    text = [name for name in features if frame[name].dtype == object]
    if text:
        raise ValueError("features must be numeric; %s %s text" % (", ".join(text), "is" if len(text) == 1 else "are"))
    return train_test_split(frame[list(features)], frame[target], test_size=0.25, random_state=0,
                            stratify=frame[target] if stratify else None)
