package studio.codeact.engine.embedded;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interpreter's thread marks the engine BUSY as a cell starts while another thread closes
 * it. Whatever the interleaving, the engine ends CLOSED and CLOSED is the last news.
 */
class AnnouncedStateTest {

    private static final int ROUNDS = 20_000;

    @Test
    void aCellStartingWhileTheEngineClosesNeverLeavesItBusy() throws Exception {
        CyclicBarrier go = new CyclicBarrier(2);
        AnnouncedState[] shared = new AnnouncedState[1];
        List<EngineState> lastNews = new CopyOnWriteArrayList<>();
        Thread starter = Thread.ofPlatform().name("test-cell-starts").start(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                awaitQuietly(go);
                shared[0].change(EngineState.IDLE, EngineState.BUSY);
                awaitQuietly(go);
            }
        });
        for (int round = 0; round < ROUNDS; round++) {
            List<EngineState> news = new CopyOnWriteArrayList<>();
            AnnouncedState state = new AnnouncedState(news::add);
            state.set(EngineState.IDLE);
            shared[0] = state;
            go.await(10, TimeUnit.SECONDS);
            state.set(EngineState.CLOSED);
            go.await(10, TimeUnit.SECONDS);
            assertThat(state.get()).as("round %d", round).isEqualTo(EngineState.CLOSED);
            assertThat(news.getLast()).as("round %d: news %s", round, news).isEqualTo(EngineState.CLOSED);
            lastNews.add(news.getLast());
        }
        starter.join();
        assertThat(lastNews).hasSize(ROUNDS);
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
