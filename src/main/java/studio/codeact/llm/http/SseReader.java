package studio.codeact.llm.http;

import okio.BufferedSource;
import okio.ByteString;

import java.io.IOException;

/**
 * Reads server-sent events (the {@code text/event-stream} format of the HTML standard) from a
 * byte stream, however the bytes were split across network reads. Lines may end in LF, CRLF or
 * CR; comment lines ({@code : keep-alive}) and fields other than {@code event} and {@code data}
 * are skipped; several {@code data:} lines join with a newline.
 *
 * <p>Why not OkHttp's {@code okhttp-sse}: its {@code EventSources.processResponse} refuses any body
 * whose content type is not {@code text/event-stream} ("Invalid content-type") and gives no way
 * to look at the body first. OpenAI-compatible servers differ here: some stream events under
 * {@code application/json} or {@code text/plain}, and some answer a streaming request with one
 * whole JSON body. {@link SseChatReader} peeks at the first byte to tell these apart, reads the
 * events on the call's own thread under the {@link Watchdog}'s idle timeout, and stops at the
 * provider's own end marker; the library's callback shape fits none of that, so the dependency
 * was dropped and this reader (and its tests in {@code SseReaderTest}) stays.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class SseReader {

    private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");

    private final BufferedSource source;
    private boolean afterCarriageReturn;
    private String type;
    private String data;
    private StringBuilder moreData;
    private boolean sawAnyLine;
    private String firstLine;

    public SseReader(BufferedSource source) {
        this.source = source;
    }

    /**
     * The next event, blocking until it is complete; {@code null} at the end of the stream. An
     * event whose lines were complete but which lacked the final blank line is still returned at
     * the end; a line cut off without its line end is dropped.
     */
    public SseEvent next() throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                return data != null ? dispatch() : null;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return dispatch();
                }
                type = null;
                continue;
            }
            if (!sawAnyLine) {
                sawAnyLine = true;
                firstLine = line.length() > 120 ? line.substring(0, 120) : line;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            field(line);
        }
    }

    /** True once any non-empty line was read, event or not. */
    public boolean sawAnyLine() {
        return sawAnyLine;
    }

    /** The first non-empty line (cut to 120 characters), for telling the user what the server sent. */
    public String firstLine() {
        return firstLine;
    }

    private void field(String line) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        String value;
        if (colon < 0) {
            value = "";
        } else {
            int start = colon + 1;
            if (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
            value = line.substring(start);
        }
        switch (name) {
            case "data" -> {
                if (data == null) {
                    data = value;
                } else {
                    if (moreData == null) {
                        moreData = new StringBuilder(data);
                    }
                    moreData.append('\n').append(value);
                }
            }
            case "event" -> type = value;
            default -> { } // id, retry and unknown fields do not matter to a model reply
        }
    }

    private SseEvent dispatch() {
        String joined = moreData != null ? moreData.toString() : data;
        SseEvent event = new SseEvent(type == null || type.isEmpty() ? SseEvent.DEFAULT_TYPE : type, joined);
        type = null;
        data = null;
        moreData = null;
        return event;
    }

    private String readLine() throws IOException {
        if (afterCarriageReturn) {
            afterCarriageReturn = false;
            if (source.request(1) && source.getBuffer().getByte(0) == '\n') {
                source.skip(1);
            }
        }
        long end = source.indexOfElement(LINE_ENDS);
        if (end < 0) {
            return null;
        }
        String line = source.readUtf8(end);
        afterCarriageReturn = source.readByte() == '\r';
        return line;
    }
}
