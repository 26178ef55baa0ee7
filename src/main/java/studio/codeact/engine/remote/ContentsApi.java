package studio.codeact.engine.remote;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import studio.codeact.engine.JupyterServerException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The server's Contents API ({@code /api/contents/…}): folders, listings, uploads and downloads. Large files
 * go up in chunks (Jupyter Server's {@code LargeFileManager}: chunk 1 creates the file, 2, 3 …
 * append, -1 is the last). Paths are relative to the server's root, with '/' separators.
 * Blocking; any thread.
 */
public final class ContentsApi {

    /** Raw bytes per chunk (sent base64-encoded, a third larger). */
    static final int CHUNK_BYTES = 4 * 1024 * 1024;

    /** One entry of a folder listing. */
    public record Entry(String name, String path, String type, long size, String lastModified) {
        public boolean isDirectory() {
            return "directory".equals(type);
        }
    }

    /** Upload progress. Thread: the uploading thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (sent, total) -> { };

        void onProgress(long sentBytes, long totalBytes);
    }

    private final ServerHttp http;

    public ContentsApi(ServerApi api) {
        this.http = api.http();
    }

    /** The entries of a folder, folders first, then by name. */
    public List<Entry> list(String folder) {
        JsonNode model = http.get(http.url("api", "contents", folder).newBuilder().addQueryParameter("content", "1").build(),
                "list the folder '" + folder + "'");
        List<Entry> entries = new ArrayList<>();
        model.path("content").forEach(item -> entries.add(new Entry(item.path("name").asText(), item.path("path").asText(),
                item.path("type").asText(), item.path("size").asLong(0), item.path("last_modified").asText(""))));
        entries.sort((a, b) -> a.isDirectory() != b.isDirectory() ? (a.isDirectory() ? -1 : 1) : a.name().compareToIgnoreCase(b.name()));
        return entries;
    }

    /**
     * Downloads the file at {@code path} into {@code target} (replaced), decoding the base64 content
     * as it streams in, so a large file is never held whole.
     */
    public void download(String path, Path target) {
        HttpUrl url = http.url("api", "contents", path).newBuilder().addQueryParameter("type", "file")
                .addQueryParameter("format", "base64").addQueryParameter("content", "1").build();
        http.stream(url, "give the file '" + path + "'", body -> {
            try (JsonParser parser = http.json().getFactory().createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("the answer is not a file model");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("content") && value == JsonToken.VALUE_STRING) {
                        write(parser, target);
                        return;
                    }
                    parser.skipChildren();
                }
                throw new IOException("the answer holds no content for '" + path + "'");
            }
        });
    }

    /** Decodes the content into {@code target}; a local write failure is unchecked, a broken answer an IOException (retried). */
    private static void write(JsonParser parser, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = new LocalFile(partial)) {
            parser.readBinaryValue(Base64Variants.MIME_NO_LINEFEEDS, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A file being written whose failures are unchecked, so they are told apart from the server's answer breaking off. */
    private static final class LocalFile extends OutputStream {
        private final Path path;
        private final OutputStream out;

        LocalFile(Path path) {
            this.path = path;
            try {
                Files.createDirectories(path.toAbsolutePath().getParent());
                this.out = new java.io.BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private java.io.UncheckedIOException failed(IOException e) {
            return new java.io.UncheckedIOException("could not write " + path + ": " + e.getMessage(), e);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    public boolean exists(String path) {
        try {
            http.get(http.url("api", "contents", path).newBuilder().addQueryParameter("content", "0").build(), "find '" + path + "'");
            return true;
        } catch (JupyterServerException e) {
            if (e.problem() == JupyterServerException.Problem.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Creates {@code folder} and its missing parents. */
    public void createFolders(String folder) {
        StringBuilder path = new StringBuilder();
        for (String part : folder.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append(path.isEmpty() ? "" : "/").append(part);
            String current = path.toString();
            if (!exists(current)) {
                ObjectNode body = http.json().createObjectNode();
                body.put("type", "directory");
                http.put(http.url("api", "contents", current), body, "create the folder '" + current + "'");
            }
        }
    }

    /**
     * Uploads {@code file} to {@code remotePath} (its folder must exist), in chunks when it is larger
     * than one; {@code progress} hears after each chunk.
     */
    public void upload(Path file, String remotePath, Progress progress) {
        long total;
        try {
            total = Files.size(file);
        } catch (IOException e) {
            throw new JupyterServerException(JupyterServerException.Problem.REFUSED, "could not read " + file + ": " + e.getMessage(), e);
        }
        String what = "save '" + remotePath + "'";
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(total, 1))];
            long sent = 0;
            int number = 1;
            boolean chunked = total > CHUNK_BYTES;
            do {
                int read = in.readNBytes(chunk, 0, chunk.length);
                sent += read;
                ObjectNode body = http.json().createObjectNode();
                body.put("type", "file");
                body.put("format", "base64");
                body.put("name", remotePath.substring(remotePath.lastIndexOf('/') + 1));
                body.put("path", remotePath);
                body.put("content", Base64.getEncoder().encodeToString(read == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, read)));
                if (chunked) {
                    body.put("chunk", sent >= total ? -1 : number);
                }
                http.put(http.url("api", "contents", remotePath), body, what);
                progress.onProgress(sent, total);
                number++;
            } while (sent < total);
        } catch (IOException e) {
            throw new JupyterServerException(JupyterServerException.Problem.REFUSED, "could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
