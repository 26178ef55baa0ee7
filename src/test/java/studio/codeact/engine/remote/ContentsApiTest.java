package studio.codeact.engine.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.testing.JupyterServerFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Folders, listings and chunked uploads through a real Jupyter Server's Contents API. */
class ContentsApiTest {

    private static JupyterServerFixture server;
    private static ContentsApi contents;

    @BeforeAll
    static void startServer() {
        server = JupyterServerFixture.start();
        contents = new ContentsApi(new ServerApi(JupyterServerConfig.of(server.url(), server.token())));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void foldersAreCreatedWithTheirParentsAndListed() {
        contents.createFolders("codeact/s1/work");
        contents.createFolders("codeact/s1/work"); // again: nothing to do
        assertThat(Files.isDirectory(server.root().resolve("codeact/s1/work"))).isTrue();
        assertThat(contents.list("codeact/s1")).extracting(ContentsApi.Entry::name).containsExactly("work");
        assertThat(contents.exists("codeact/s1/nothing")).isFalse();
    }

    @Test
    void aLargeFileGoesUpInChunksByteForByteWithProgress(@TempDir Path temp) throws Exception {
        byte[] data = new byte[ContentsApi.CHUNK_BYTES * 2 + 12345];
        new Random(7).nextBytes(data);
        Path file = Files.write(temp.resolve("big.bin"), data);
        contents.createFolders("up");
        List<Long> progress = new CopyOnWriteArrayList<>();
        contents.upload(file, "up/big.bin", (sent, total) -> progress.add(sent));

        assertThat(Files.readAllBytes(server.root().resolve("up/big.bin"))).isEqualTo(data);
        assertThat(progress).containsExactly((long) ContentsApi.CHUNK_BYTES, 2L * ContentsApi.CHUNK_BYTES, (long) data.length);
        assertThat(contents.list("up")).singleElement().satisfies(entry -> {
            assertThat(entry.size()).isEqualTo(data.length);
            assertThat(entry.isDirectory()).isFalse();
        });
    }

    @Test
    void aSmallAndAnEmptyFileGoUpWhole(@TempDir Path temp) throws Exception {
        Path small = Files.writeString(temp.resolve("a b.csv"), "x,y\n1,2\n");
        Path empty = Files.write(temp.resolve("empty.txt"), new byte[0]);
        contents.createFolders("small");
        contents.upload(small, "small/a b.csv", ContentsApi.Progress.NONE);
        contents.upload(empty, "small/empty.txt", ContentsApi.Progress.NONE);
        assertThat(Files.readString(server.root().resolve("small/a b.csv"))).isEqualTo("x,y\n1,2\n");
        assertThat(Files.size(server.root().resolve("small/empty.txt"))).isZero();
    }
}
