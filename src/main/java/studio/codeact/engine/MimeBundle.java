package studio.codeact.engine;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Jupyter mime bundle: mime type to value. Text types hold their text; {@code image/png}
 * holds base64 as on the wire; JSON types ({@code application/json},
 * {@code application/vnd.dataresource+json}) hold their JSON text.
 */
public record MimeBundle(Map<String, String> data) {

    public static final String TEXT_PLAIN = "text/plain";
    /**
     * A long computation's progress ({@code done}, {@code total}, {@code elapsed}, {@code finished}), from
     * {@code codeact_support.DaskProgress}: shown while the cell runs, never stored nor sent to the model.
     */
    public static final String PROGRESS = "application/vnd.codeact.progress+json";
    public static final String TEXT_HTML = "text/html";
    public static final String TEXT_MARKDOWN = "text/markdown";
    public static final String IMAGE_PNG = "image/png";
    public static final String IMAGE_SVG = "image/svg+xml";
    public static final String APPLICATION_JSON = "application/json";
    /** pandas' table schema, sent when {@code pd.options.display.html.table_schema} is on. */
    public static final String TABLE_SCHEMA = "application/vnd.dataresource+json";

    public MimeBundle {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static MimeBundle of(String mime, String value) {
        return new MimeBundle(Map.of(mime, value));
    }

    public boolean has(String mime) {
        return data.containsKey(mime);
    }

    public Optional<String> get(String mime) {
        return Optional.ofNullable(data.get(mime));
    }

    /** The plain-text form, or empty when the bundle has none. */
    public String text() {
        return data.getOrDefault(TEXT_PLAIN, "");
    }

    /** Decoded PNG bytes, when the bundle carries a PNG image. */
    public Optional<byte[]> png() {
        return get(IMAGE_PNG).map(b64 -> Base64.getMimeDecoder().decode(b64));
    }
}
