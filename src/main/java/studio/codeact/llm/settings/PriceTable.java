package studio.codeact.llm.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The user's price table: dollars per million tokens for the models they name, kept in the
 * settings file under {@code "prices"}. Empty by default — local servers cost nothing, and cloud
 * prices change too often to ship — so without an entry the app shows tokens and no cost.
 *
 * <pre>
 * "prices": { "gpt-4o-mini": { "input": 0.15, "cached_input": 0.075, "output": 0.6 } }
 * </pre>
 *
 * In Settings it is edited as text, one model a line: {@code MODEL INPUT CACHED_INPUT OUTPUT [CACHE_WRITE]}.
 */
public record PriceTable(Map<String, ModelPrice> prices) {

    public static final String KEY = "prices";
    public static final PriceTable EMPTY = new PriceTable(Map.of());

    public PriceTable {
        prices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    /** The price of {@code model}: an exact entry, else the longest entry its id starts with (a dated version of a named model). */
    public Optional<ModelPrice> forModel(String model) {
        if (model == null) {
            return Optional.empty();
        }
        ModelPrice exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return prices.entrySet().stream().filter(e -> model.startsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue);
    }

    /** The table in a settings file's root object; entries that are not prices are skipped. */
    public static PriceTable read(ObjectNode settings) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        settings.path(KEY).properties().forEach(entry -> {
            JsonNode price = entry.getValue();
            try {
                double input = price.path("input").asDouble(-1);
                prices.put(entry.getKey(), new ModelPrice(input, price.path("cached_input").asDouble(input), price.path("output").asDouble(-1),
                        price.path("cache_write").asDouble(input)));
            } catch (IllegalArgumentException notAPrice) {
                // A half-written entry: no estimate for that model rather than a broken settings file.
            }
        });
        return new PriceTable(prices);
    }

    /** Writes the table into a settings file's root object (replacing the one there). */
    public void writeTo(ObjectNode settings) {
        ObjectNode table = settings.putObject(KEY);
        prices.forEach((model, price) -> table.putObject(model).put("input", price.input()).put("cached_input", price.cachedInput())
                .put("output", price.output()).put("cache_write", price.cacheWrite()));
    }

    /** The table as Settings shows it: one model a line. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        prices.forEach((model, price) -> text.append(model).append(' ').append(number(price.input())).append(' ')
                .append(number(price.cachedInput())).append(' ').append(number(price.output()))
                .append(price.cacheWrite() == price.input() ? "" : " " + number(price.cacheWrite())).append('\n'));
        return text.toString().stripTrailing();
    }

    /**
     * Reads the Settings text form.
     *
     * @throws IllegalArgumentException naming the line that is wrong and what it should look like
     */
    public static PriceTable parse(String text) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        List<String> lines = text == null ? List.of() : text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 4 || parts.length > 5) {
                throw new IllegalArgumentException("price line " + (i + 1) + " should be: MODEL INPUT CACHED_INPUT OUTPUT [CACHE_WRITE]"
                        + " (dollars per million tokens), e.g. gpt-4o-mini 0.15 0.075 0.6");
            }
            List<Double> numbers = new ArrayList<>();
            for (int k = 1; k < parts.length; k++) {
                try {
                    numbers.add(Double.parseDouble(parts[k].replace("$", "")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("price line " + (i + 1) + ": '" + parts[k] + "' is not a number of dollars per million tokens");
                }
            }
            try {
                prices.put(parts[0], new ModelPrice(numbers.get(0), numbers.get(1), numbers.get(2), numbers.size() > 3 ? numbers.get(3) : numbers.get(0)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("price line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new PriceTable(prices);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
