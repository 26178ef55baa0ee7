package studio.codeact.llm;

import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A chunked response body written step by step by the mock server: text (flushed at once),
 * pauses, or a hang until the test ends. Lets tests stall a stream mid-way.
 */
public final class ScriptedBody implements MockResponseBody {

    private sealed interface Step { }

    private record Write(String text) implements Step { }

    private record Pause(long millis) implements Step { }

    private record Hang() implements Step { }

    private final List<Step> steps = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public ScriptedBody write(String text) {
        steps.add(new Write(text));
        return this;
    }

    public ScriptedBody pause(long millis) {
        steps.add(new Pause(millis));
        return this;
    }

    /** Stops writing until {@link #release()} (or 30 s). */
    public ScriptedBody hang() {
        steps.add(new Hang());
        return this;
    }

    public void release() {
        released.countDown();
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        try {
            for (Step step : steps) {
                switch (step) {
                    case Write write -> {
                        sink.writeUtf8(write.text());
                        sink.flush();
                    }
                    case Pause pause -> Thread.sleep(pause.millis());
                    case Hang hang -> released.await(30, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
