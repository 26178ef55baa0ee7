package studio.codeact.gui.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.OutputItem;
import studio.codeact.gui.chat.ChatItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML report of a session: the conversation with its Markdown rendered, each
 * code cell with its outputs, figures inline as data URIs, tables as their first rows. One file,
 * no external resources, readable in any browser. Raw HTML in replies is escaped.
 */
public final class HtmlReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(List.of(TablesExtension.create()))
            .escapeHtml(true).sanitizeUrls(true).build();
    static final int TABLE_ROWS = 20;

    private HtmlReport() {
    }

    /** Writes the report of {@code chat} and {@code cells} to {@code file}. Call on the FX thread (it reads view models). */
    public static Path write(String title, List<ChatItem> chat, List<CellViewModel> cells, Path file) throws IOException {
        Files.writeString(file, render(title, chat, cells));
        return file;
    }

    /** The report as HTML text. Call on the FX thread (it reads view models). */
    public static String render(String title, List<ChatItem> chat, List<CellViewModel> cells) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>").append(STYLE).append("</style></head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        List<CellViewModel> shown = new ArrayList<>();
        if (!chat.isEmpty()) {
            html.append("<section class=\"chat\">\n");
            for (ChatItem item : chat) {
                switch (item) {
                    case ChatItem.Question q -> html.append("<div class=\"question\">").append(escape(q.text())).append("</div>\n");
                    case ChatItem.Reply r -> html.append("<div class=\"reply\">").append(RENDERER.render(PARSER.parse(r.text()))).append("</div>\n");
                    case ChatItem.Notice n -> html.append("<div class=\"notice\">").append(escape(n.text())).append("</div>\n");
                    case ChatItem.Action a -> {
                        cell(html, a.cell());
                        shown.add(a.cell());
                    }
                }
            }
            html.append("</section>\n");
        }
        List<CellViewModel> rest = cells.stream().filter(c -> !shown.contains(c)).toList();
        if (!rest.isEmpty()) {
            html.append("<section class=\"cells\">\n<h2>").append(shown.isEmpty() ? "Cells" : "Other cells").append("</h2>\n");
            rest.forEach(cell -> cell(html, cell));
            html.append("</section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void cell(StringBuilder html, CellViewModel cell) {
        int count = cell.executionCountProperty().get();
        html.append("<div class=\"cell ").append(cell.state().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                .append("<div class=\"prompt\">Cell ").append(cell.number()).append(count > 0 ? " · In [" + count + "]" : "").append("</div>")
                .append("<pre class=\"code\">").append(escape(cell.source())).append("</pre>\n");
        for (OutputItem output : cell.outputs()) {
            switch (output) {
                case OutputItem.StreamText s -> html.append("<pre class=\"stream\">").append(escape(s.text())).append("</pre>\n");
                case OutputItem.Text t -> html.append("<pre class=\"result\">").append(escape(t.text())).append("</pre>\n");
                case OutputItem.Markdown m -> html.append("<div class=\"markdown\">").append(RENDERER.render(PARSER.parse(m.markdown()))).append("</div>\n");
                case OutputItem.Figure f -> html.append("<img alt=\"figure\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png())).append("\">\n");
                case OutputItem.Table t -> table(html, t);
                case OutputItem.Error e -> html.append("<pre class=\"error\">").append(escape(e.tracebackText())).append("</pre>\n");
                case OutputItem.Progress ignored -> {
                    // a running computation's progress is not part of the report
                }
            }
        }
        html.append("</div>\n");
    }

    private static void table(StringBuilder html, OutputItem.Table table) {
        JsonNode root;
        try {
            root = JSON.readTree(table.schemaJson());
        } catch (IOException | RuntimeException e) {
            html.append("<pre class=\"result\">").append(escape(table.summary())).append("</pre>\n");
            return;
        }
        List<String> fields = new ArrayList<>();
        root.path("schema").path("fields").forEach(f -> fields.add(f.path("name").asText()));
        html.append("<table><thead><tr>");
        fields.forEach(f -> html.append("<th>").append(escape(f)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        int rows = 0;
        for (JsonNode row : root.path("data")) {
            if (rows++ == TABLE_ROWS) {
                break;
            }
            html.append("<tr>");
            for (String f : fields) {
                JsonNode value = row.path(f);
                html.append("<td>").append(value.isNull() || value.isMissingNode() ? "" : escape(value.asText())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        int total = root.path("data").size();
        if (total > TABLE_ROWS) {
            html.append("<p class=\"note\">first ").append(TABLE_ROWS).append(" of ").append(total).append(" rows shown</p>\n");
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.5}
            .question{background:#ddf4ff;border-radius:10px;padding:.5em .9em;margin:1em 0 .5em auto;max-width:80%;white-space:pre-wrap}
            .reply{margin:.5em 0}.notice{background:#fff8c5;padding:.5em .9em;border-radius:6px}
            .cell{border:1px solid #d0d7de;border-left:4px solid #1f883d;border-radius:6px;padding:.5em .8em;margin:1em 0}
            .cell.error{border-left-color:#cf222e}.cell.interrupted{border-left-color:#9a6700}
            .prompt{color:#656d76;font-size:.85em}pre{white-space:pre-wrap;margin:.4em 0;font-size:.9em}
            pre.code{background:#f6f8fa;padding:.5em;border-radius:4px}pre.error{background:#ffebe9;color:#82071e;padding:.5em}
            pre.stream{color:#1f2328}img{max-width:100%}table{border-collapse:collapse;font-size:.85em;margin:.4em 0}
            th,td{border:1px solid #d0d7de;padding:2px 8px;text-align:right}th{background:#f6f8fa}.note{color:#656d76;font-size:.85em}
            """;
}
