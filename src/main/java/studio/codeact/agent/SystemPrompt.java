package studio.codeact.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system prompt, filled in from a versioned template ({@code system_prompt_v1.md}) and the
 * action-format text of the mode in use. Placeholders are {@code {{name}}}; a template that names
 * an unknown one fails loudly instead of reaching the model half-filled.
 */
public final class SystemPrompt {

    public static final String VERSION = "v1";
    /** Columns listed per dataset before the rest are summarised. */
    static final int MAX_COLUMNS = 60;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    /** Packages the prompt names, as (import name, display name). */
    private static final Map<String, String> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("pandas", "pandas");
        PACKAGES.put("numpy", "numpy");
        PACKAGES.put("sklearn", "scikit-learn");
        PACKAGES.put("matplotlib", "matplotlib");
        PACKAGES.put("seaborn", "seaborn");
        PACKAGES.put("statsmodels", "statsmodels");
    }

    /**
     * What the prompt says.
     *
     * @param pythonVersion e.g. {@code 3.11.2}
     * @param packages      installed package versions by import name (missing ones are left out)
     * @param datasets      the loaded datasets
     * @param loadNotes     what the loading cell printed to stderr (warnings), if anything
     * @param workingFolder where code runs
     * @param mode          {@link ActionMode#TAGS} or {@link ActionMode#TOOLS}
     * @param maxTurns      turns per question
     * @param privacy       whether sample rows may be shown
     * @param vision        whether figures are also sent as images
     * @param cluster       what {@link #cluster} says of a connected Dask cluster, or empty
     */
    public record Facts(String pythonVersion, Map<String, String> packages, List<Dataset> datasets, String loadNotes,
                        String workingFolder, ActionMode mode, int maxTurns, Privacy privacy, boolean vision, String cluster) {
        public Facts {
            packages = Map.copyOf(packages);
            datasets = List.copyOf(datasets);
            loadNotes = loadNotes == null ? "" : loadNotes;
            cluster = cluster == null ? "" : cluster;
        }

        public Facts(String pythonVersion, Map<String, String> packages, List<Dataset> datasets, String loadNotes,
                     String workingFolder, ActionMode mode, int maxTurns, Privacy privacy, boolean vision) {
            this(pythonVersion, packages, datasets, loadNotes, workingFolder, mode, maxTurns, privacy, vision, "");
        }
    }

    private SystemPrompt() {
    }

    public static String render(Facts facts) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("python_version", facts.pythonVersion().isEmpty() ? "3" : facts.pythonVersion());
        values.put("packages", packages(facts.packages()));
        values.put("datasets", datasets(facts));
        values.put("working_folder", facts.workingFolder());
        values.put("action_format", PythonHelper.resource(facts.mode() == ActionMode.TOOLS
                ? "action_format_tools_" + VERSION + ".md" : "action_format_tags_" + VERSION + ".md").strip());
        values.put("vision_note", facts.vision() ? ", and you also see the image" : "");
        values.put("max_turns", Integer.toString(facts.maxTurns()));
        return fill(PythonHelper.resource("system_prompt_" + VERSION + ".md"), values).strip();
    }

    /** Another framing than the product's: {@code {{action_format}}} and {@code {{max_turns}}} filled in. */
    public static String renderFraming(String template, ActionMode mode, int maxTurns) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("action_format", actionFormat(mode));
        values.put("max_turns", Integer.toString(maxTurns));
        return fill(template, values).strip();
    }

    private static String actionFormat(ActionMode mode) {
        return PythonHelper.resource(mode == ActionMode.TOOLS
                ? "action_format_tools_" + VERSION + ".md" : "action_format_tags_" + VERSION + ".md").strip();
    }

    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("the prompt template names an unknown placeholder {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String packages(Map<String, String> installed) {
        List<String> names = new ArrayList<>();
        PACKAGES.forEach((module, display) -> {
            String version = installed.get(module);
            if (version != null) {
                names.add(display + " " + version);
            }
        });
        return names.isEmpty() ? "the standard library (no data-science packages were detected)" : String.join(", ", names);
    }

    /**
     * Datasets loaded after the conversation began, described as the system prompt would: they are
     * told in the next question rather than by rewriting the system prompt, so that the start of
     * every request stays byte for byte what it was and the provider's prompt cache keeps working.
     */
    public static String addedData(List<Dataset> added, Privacy privacy, String loadNotes) {
        return "[New data was loaded since the start of the conversation]\n"
                + datasets(new Facts("", Map.of(), added, loadNotes, "", ActionMode.TAGS, 0, privacy, false));
    }

    /** The prompt's words for a connected Dask cluster. */
    static String cluster(DatasetLoader.Cluster cluster) {
        return String.format(Locale.ROOT, "## Dask cluster\nA Dask cluster is connected as `client` (scheduler %s: %d workers, %d threads, "
                + "%s of memory); Dask computations run on its workers. Data paths you read must be readable by the workers "
                + "(the same path on every worker machine, or a shared or network file system).",
                cluster.scheduler(), cluster.workers(), cluster.threads(), size(cluster.memory()));
    }

    /** Bytes as the prompt words them ({@code 3.2 GB}, {@code 150 MB}). */
    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%d MB", Math.max(1, Math.round(bytes / 1e6)));
    }

    private static String datasets(Facts facts) {
        String cluster = facts.cluster().isEmpty() ? "" : "\n\n" + facts.cluster();
        if (facts.datasets().isEmpty()) {
            return "## Data\nNo dataset was loaded. If the question needs data, create it in code or say what is missing." + cluster;
        }
        boolean anyLazy = facts.datasets().stream().anyMatch(Dataset::isLazy);
        StringBuilder text = new StringBuilder(anyLazy ? "## Datasets (already loaded: pandas DataFrames, and Dask DataFrames for files too big for memory)"
                : "## Datasets (already loaded as pandas DataFrames)");
        for (Dataset dataset : facts.datasets()) {
            text.append("\n\n- `").append(dataset.variable()).append("` from ").append(dataset.path());
            if (dataset.sheet() != null) {
                text.append(" (sheet \"").append(dataset.sheet()).append("\")");
            }
            Dataset.Lazy lazy = dataset.lazy();
            if (lazy != null) {
                text.append(String.format(Locale.ROOT, ": a lazy Dask DataFrame (out of core): %s on disk, about %,d rows \u00d7 %d columns, "
                        + "%d partitions", size(lazy.sizeBytes()), dataset.rows(), dataset.columns().size(), lazy.partitions()));
                text.append(String.format(Locale.ROOT, "\n  `%s` is a seeded random sample of %,d of its rows as a pandas DataFrame "
                        + "(for a quick look, dtypes and trying code; not for totals)", lazy.sample(), lazy.sampleRows()));
            } else {
                text.append(String.format(Locale.ROOT, ": %,d rows \u00d7 %d columns", dataset.rows(), dataset.columns().size()));
            }
            text.append("\n  columns: ").append(columns(dataset.columns()));
            if (facts.privacy() == Privacy.SAMPLE_ROWS && !dataset.sample().isBlank()) {
                text.append(lazy != null ? "\n  sample rows:\n" : "\n  first rows:\n");
                dataset.sample().lines().forEach(line -> text.append("    ").append(line).append('\n'));
                text.setLength(text.length() - 1);
            }
            for (String warning : dataset.warnings()) {
                text.append("\n  warning: ").append(warning);
            }
        }
        if (anyLazy) {
            text.append("\n\nA Dask DataFrame is bigger than memory and nothing is computed until you call `.compute()`. Aggregate "
                    + "or filter first, then compute only the small result (`df.groupby('a').b.sum().compute()`, `len(df[df.x > 0])`, "
                    + "`df.nlargest(10, 'b').compute()`); never compute the whole frame. `df.head()` reads only the first partition. "
                    + "Group by `category` columns with `observed=True`.");
        }
        if (facts.privacy() == Privacy.SCHEMA_ONLY) {
            text.append("\n\nThe user's privacy setting withholds the data's values from this prompt; look at them with code when you need to.");
        }
        if (!facts.loadNotes().isBlank()) {
            text.append("\n\nLoading printed these warnings:\n").append(facts.loadNotes().strip());
        }
        return text + cluster;
    }

    private static String columns(List<Dataset.Column> columns) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(columns.size(), MAX_COLUMNS); i++) {
            shown.add(columns.get(i).name() + " (" + columns.get(i).dtype() + ")");
        }
        String text = String.join(", ", shown);
        if (columns.size() > MAX_COLUMNS) {
            text += String.format(Locale.ROOT, ", \u2026 and %d more", columns.size() - MAX_COLUMNS);
        }
        return text;
    }
}
