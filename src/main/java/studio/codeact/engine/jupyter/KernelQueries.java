package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.Completion;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Inspection;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;
import studio.codeact.engine.support.VariableInfos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The engine's questions whose answers are data, not outputs: completion and inspection (shell
 * requests, sent at once) and variables and table pages (helper expressions, queued like cells
 * so they never run while a cell runs). Futures complete on the event thread; a failure is an
 * {@link EngineException} with the kernel's own message.
 */
final class KernelQueries {

    private final CellQueue cells;
    private final Consumer<CellRun> submit;
    private final HelperCalls helpers = new HelperCalls();

    KernelQueries(CellQueue cells, Consumer<CellRun> submit) {
        this.cells = cells;
        this.submit = submit;
    }

    /** Protocol cursors count Unicode code points (v5.2+); Java's count UTF-16 units. */
    CompletableFuture<Completion> complete(String code, int cursor) {
        ObjectNode content = Json.mapper().createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", code.codePointCount(0, cursor));
        return cells.request("complete_request", content).thenApply(reply -> {
            JsonNode body = reply.content();
            failOnError(body);
            List<String> matches = new ArrayList<>();
            body.path("matches").forEach(match -> matches.add(match.asText()));
            return new Completion(matches, utf16(code, body.path("cursor_start").asInt(0)), utf16(code, body.path("cursor_end").asInt(0)));
        });
    }

    CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        ObjectNode content = Json.mapper().createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", code.codePointCount(0, cursor));
        content.put("detail_level", detail);
        return cells.request("inspect_request", content).thenApply(reply -> {
            failOnError(reply.content());
            return new Inspection(reply.content().path("found").asBoolean(false), Outputs.bundle(reply.content().path("data"), Json.mapper(), true));
        });
    }

    CompletableFuture<List<VariableInfo>> variables() {
        return evaluate(helpers.variablesExpression()).thenApply(VariableInfos::fromJson);
    }

    CompletableFuture<TablePage> readTable(TableQuery query) {
        return evaluate(helpers.tableExpression(query)).thenApply(helpers::table);
    }

    /** Evaluates a helper expression as a queued silent cell; fails with Python's message when it raised. */
    private CompletableFuture<JsonNode> evaluate(String expression) {
        CellRun run = CellRun.expression(expression);
        submit.accept(run);
        return run.future.thenApply(result -> {
            if (result.status() != ExecutionStatus.OK) {
                throw new EngineException(result.note().isEmpty() ? "the kernel could not run a helper call (" + result.status() + ")" : result.note());
            }
            return helpers.value(run.userExpressionResults().path("value"));
        });
    }

    private static void failOnError(JsonNode content) {
        if ("error".equals(content.path("status").asText())) {
            throw new EngineException(Outputs.error(content).summary());
        }
    }

    /** A code-point offset into {@code text} as a UTF-16 offset, clamped to the text. */
    private static int utf16(String text, int codePoints) {
        int total = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, total)));
    }
}
