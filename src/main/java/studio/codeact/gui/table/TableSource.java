package studio.codeact.gui.table;

import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;

import java.util.concurrent.CompletableFuture;

/**
 * Where a table's rows come from: the engine's {@code readTable} (sorting done in Python), or
 * the few rows pandas put into a display's table schema.
 *
 * <p>Thread: futures may complete on any thread; {@link FrameTableViewModel} marshals them.
 */
@FunctionalInterface
public interface TableSource {

    CompletableFuture<TablePage> read(TableQuery query);
}
