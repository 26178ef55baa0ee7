package studio.codeact.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 13, items 10 to 14: files that cannot be a table are refused by their bytes, with what they are and what to do. */
class DataFileCheckTest {

    @TempDir
    Path folder;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};

    private void refused(Path file, String... phrases) {
        var failure = assertThatThrownBy(() -> DatasetLoader.checkReadable(List.of(file))).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString());
        for (String phrase : phrases) {
            failure.hasMessageContaining(phrase);
        }
    }

    @Test
    void anEmptyFileIsCalledEmpty() throws Exception {
        refused(Files.createFile(folder.resolve("empty.csv")), "the file is empty (0 bytes)");
        refused(Files.writeString(folder.resolve("blank.csv"), "\n  \n"), "the file is empty (only blank space)");
    }

    @Test
    void aPngNamedCsvIsCalledAPngImage() throws Exception {
        refused(Files.write(folder.resolve("chart.csv"), PNG), "this is a PNG image, not a table");
        refused(Files.write(folder.resolve("scan.json"), "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)), "this is a PDF document, not a table");
        refused(Files.write(folder.resolve("data.csv"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}), "this is a gzip-compressed file");
        refused(Files.write(folder.resolve("db.csv"), "SQLite format 3\0....".getBytes(StandardCharsets.ISO_8859_1)), "an SQLite database");
    }

    @Test
    void randomBytesAreRefusedAsBinary() throws Exception {
        byte[] noise = new byte[20 * 1024];
        new Random(13).nextBytes(noise);
        noise[0] = 'a';
        noise[1] = ',';
        refused(Files.write(folder.resolve("noise.csv"), noise), "the content is binary, not a text table");
    }

    @Test
    void textTablesInLegacyEncodingsOrUtf16Pass() throws Exception {
        Path latin = Files.write(folder.resolve("legacy.csv"), "city,note\nZ\u00fcrich,caf\u00e9 cr\u00e8me\n".getBytes(Charset.forName("windows-1252")));
        Path utf16 = Files.write(folder.resolve("wide.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        Path plain = Files.writeString(folder.resolve("plain.csv"), "BM,ID3,MZ\n1,2,3\n");
        assertThatCode(() -> DatasetLoader.checkReadable(List.of(latin, utf16, plain))).doesNotThrowAnyException();
    }

    @Test
    void aBrokenWorkbookIsNotAValidExcelFile() throws Exception {
        refused(Files.writeString(folder.resolve("report.xlsx"), "this is not a workbook"), "not a valid Excel file");
        Path zip = folder.resolve("archive.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        refused(zip, "not a valid Excel file (a ZIP archive without a workbook inside)");
        refused(Files.write(folder.resolve("old.xls"), PNG), "not a valid Excel file (this is a PNG image)");
        byte[] truncated = Files.readAllBytes(Path.of("samples/workforce.xlsx"));
        refused(Files.write(folder.resolve("cut.xlsx"), java.util.Arrays.copyOf(truncated, truncated.length / 2)), "not a valid Excel file");
        assertThatCode(() -> DatasetLoader.checkReadable(List.of(Path.of("samples/workforce.xlsx")))).doesNotThrowAnyException();
    }

    @Test
    void aSymbolicLinkLoopIsCalledALoop() throws Exception {
        Path a = folder.resolve("a.csv");
        Path b = folder.resolve("b.csv");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        refused(a, "is a symbolic-link loop");
        Path dangling = Files.createSymbolicLink(folder.resolve("gone.csv"), folder.resolve("nowhere.csv"));
        refused(dangling, "is a symbolic link to " + folder.resolve("nowhere.csv") + ", which does not exist");
    }
}
