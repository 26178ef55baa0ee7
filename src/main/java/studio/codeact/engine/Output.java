package studio.codeact.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One output of an execution, following the Jupyter message model: a stream chunk, a
 * {@code display_data}, an {@code execute_result}, or an {@code error}. Both engines produce
 * exactly these records, in the order the code produced them.
 */
public sealed interface Output {

    /** Text written to {@code stdout} or {@code stderr}. Chunks may split lines anywhere. */
    record Stream(StreamName name, String text) implements Output {
        public Stream {
            Objects.requireNonNull(name);
            Objects.requireNonNull(text);
        }
    }

    /** A {@code display()} call or an inline figure: a mime bundle plus its metadata. */
    record Display(MimeBundle data, Map<String, Object> metadata) implements Output {
        public Display {
            Objects.requireNonNull(data);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /** The value of the cell's last expression, as a mime bundle. */
    record Result(int executionCount, MimeBundle data, Map<String, Object> metadata) implements Output {
        public Result {
            Objects.requireNonNull(data);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * An exception that ended the cell: {@code ename} ("KeyError"), {@code evalue} (its message),
     * and the traceback lines as IPython formats them, without ANSI colour codes.
     */
    record Error(String ename, String evalue, List<String> traceback) implements Output {
        public Error {
            Objects.requireNonNull(ename);
            evalue = evalue == null ? "" : evalue;
            traceback = traceback == null ? List.of() : List.copyOf(traceback);
        }

        /** {@code "Name: message"}, the way Python prints the last line of a traceback. */
        public String summary() {
            return evalue.isEmpty() ? ename : ename + ": " + evalue;
        }
    }

    enum StreamName {
        STDOUT, STDERR;

        public String wireName() {
            return this == STDOUT ? "stdout" : "stderr";
        }

        public static StreamName fromWire(String name) {
            return "stderr".equals(name) ? STDERR : STDOUT;
        }
    }
}
