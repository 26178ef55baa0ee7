package studio.codeact.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStoreTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    final OpenStores stores = new OpenStores();

    @TempDir
    Path folder;

    @Test
    void sessionJsonRoundTripsEveryEntryAndOutput() {
        byte[] png = SessionSamples.png(4, 3);
        SessionStore store = stores.track(SessionStore.create(folder, Session.start("s-1", SessionSamples.T0, SessionSamples.info())));
        String figure = store.saveFigure(png);
        Session written = store.update(ignored -> SessionSamples.repaired(figure, png));
        store.flush();

        Session read = SessionStore.read(folder);

        assertThat(figure).isEqualTo("figures/001.png");
        assertThat(folder.resolve(figure)).hasBinaryContent(png);
        assertThat(read.entries()).hasSameSizeAs(written.entries());
        assertThat(read.status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(read.answer()).contains("The mean price is 2.0.");
        assertThat(read.info()).isEqualTo(written.info());
        Cell fixed = read.cell(3).orElseThrow();
        Cell original = written.cell(3).orElseThrow();
        assertThat(fixed.code()).isEqualTo(original.code());
        assertThat(fixed.executionCount()).isEqualTo(3);
        assertThat(fixed.figures()).containsExactly("figures/001.png");
        Output.Display display = (Output.Display) fixed.outputs().get(2);
        assertThat(display.data().png()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(png));
        Output.Result result = (Output.Result) fixed.outputs().get(3);
        assertThat(result.data().get(MimeBundle.TABLE_SCHEMA)).hasValueSatisfying(json -> assertThat(json).contains("\"price\""));
        assertThat(result.data().text()).isEqualTo(((Output.Result) original.outputs().get(3)).data().text());
        assertThat(read.cell(2).orElseThrow().error().orElseThrow().summary()).isEqualTo("KeyError: 'Price'");
        assertThat(read.containsSelfRepair()).isTrue();
    }

    @Test
    void sessionJsonDoesNotInlineFigures() throws Exception {
        byte[] png = SessionSamples.png(40, 30);
        SessionStore store = stores.track(SessionStore.create(folder, Session.start("s-1", SessionSamples.T0, SessionSamples.info())));
        String figure = store.saveFigure(png);
        store.update(ignored -> SessionSamples.repaired(figure, png));
        store.flush();

        String json = Files.readString(folder.resolve(SessionStore.SESSION_FILE));
        assertThat(json).contains("\"codeact_figure\" : \"figures/001.png\"").doesNotContain("iVBORw0KGgo");
    }

    @Test
    void everyUpdateLeavesACompleteReadableFileAndNoTemporaryFile() throws Exception {
        SessionStore store = stores.track(SessionStore.create(folder, Session.start("s-2", SessionSamples.T0, SessionSamples.info())));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                try {
                    SessionStore.read(folder);
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        });
        for (int i = 0; i < 300; i++) {
            Instant at = SessionSamples.T0.plusSeconds(i);
            String text = "question " + i + " " + "x".repeat(i * 10);
            store.update(session -> session.withEntry(new Entry.Question(at, text)));
        }
        store.flush();
        writing.set(false);
        reader.join();

        assertThat(failures).as("a reader never sees a half-written session.json").isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(SessionStore.read(folder).entries()).hasSize(300);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("session.json", "figures");
        }
    }

    @Test
    void reopeningContinuesFigureNumbering() {
        SessionStore store = stores.track(SessionStore.create(folder, Session.start("s-3", SessionSamples.T0, SessionSamples.info())));
        store.saveFigure(SessionSamples.png(2, 2));
        store.saveFigure(SessionSamples.png(2, 2));

        SessionStore reopened = SessionStore.reopen(folder);

        assertThat(reopened.saveFigure(SessionSamples.png(2, 2))).isEqualTo("figures/003.png");
        assertThat(reopened.current().id()).isEqualTo("s-3");
    }

    @Test
    void aCellUpdatedInPlaceKeepsItsPlaceInTheTimeline() {
        SessionStore store = stores.track(SessionStore.create(folder, Session.start("s-4", SessionSamples.T0, SessionSamples.info())));
        Cell pending = Cell.pending(1, CellKind.ACTION, 1, "print(1)");
        store.update(s -> s.withEntry(new Entry.CodeCell(SessionSamples.T0, pending)));
        store.update(s -> s.withEntry(new Entry.Notice(SessionSamples.T0, "later")));
        store.flush();

        assertThat(SessionStore.read(folder).cell(1).orElseThrow().status()).as("a crash mid-cell leaves it pending").isEqualTo(CellStatus.PENDING);

        store.update(s -> s.withCell(pending.finished(CellStatus.OK, 4, List.of(new Output.Stream(Output.StreamName.STDOUT, "1\n")), List.of(), 3),
                SessionSamples.T0));
        store.flush();
        Session read = SessionStore.read(folder);
        assertThat(read.entries().get(0)).isInstanceOf(Entry.CodeCell.class);
        assertThat(read.cell(1).orElseThrow().status()).isEqualTo(CellStatus.OK);
        assertThat(read.cell(1).orElseThrow().outputs()).containsExactly(new Output.Stream(Output.StreamName.STDOUT, "1\n"));
    }

    @Test
    void readingAFolderWithoutASessionSaysSo() {
        assertThatThrownBy(() -> SessionStore.read(folder)).isInstanceOf(SessionException.class).hasMessageContaining("not a session folder");
    }

    @Test
    void selfRepairNeedsAFailureFollowedByASuccess() {
        Session repaired = SessionSamples.repaired("figures/001.png", SessionSamples.png(2, 2));
        assertThat(repaired.containsSelfRepair()).isTrue();

        Session onlySuccess = Session.start("s", SessionSamples.T0, SessionSamples.info())
                .withEntry(new Entry.CodeCell(SessionSamples.T0, new Cell(1, CellKind.ACTION, 1, "1", CellStatus.OK, 1, List.of(), List.of(), 1)));
        assertThat(onlySuccess.containsSelfRepair()).isFalse();

        Session failureLast = onlySuccess
                .withEntry(new Entry.CodeCell(SessionSamples.T0, new Cell(2, CellKind.ACTION, 1, "1/0", CellStatus.ERROR, 2, List.of(), List.of(), 1)));
        assertThat(failureLast.containsSelfRepair()).isFalse();
    }
}
