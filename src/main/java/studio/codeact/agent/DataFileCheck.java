package studio.codeact.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Looks at a data file's bytes before anything loads it or any model hears of it, and refuses
 * what cannot be a table with a sentence that says what the file is and what to do: an empty
 * file, a symbolic-link loop, a known binary format under a table's name (by its magic bytes:
 * images, PDF, archives, executables, databases …), binary bytes in a text table, a workbook
 * that is not one. Pure Java, no interpreter needed.
 */
public final class DataFileCheck {

    private static final Set<String> TEXT = Set.of(".csv", ".tsv", ".tab", ".txt", ".dat", ".json", ".jsonl", ".ndjson");
    private static final Set<String> ZIPPED_WORKBOOK = Set.of(".xlsx", ".xlsm", ".ods");
    private static final int SAMPLE = 64 * 1024;

    private DataFileCheck() {
    }

    /** Refuses a path that is a link loop or a dangling link; call when the path does not exist. */
    static void checkMissing(Path file) {
        if (!Files.isSymbolicLink(file)) {
            return;
        }
        try {
            file.toRealPath();
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().toLowerCase(Locale.ROOT).contains("symbolic links")) {
                throw new DatasetException(file + " is a symbolic-link loop (the link leads back to itself); fix or remove the link and point it at the data file");
            }
        } catch (IOException e) {
            // fall through to the dangling-link message
        }
        String target;
        try {
            target = Files.readSymbolicLink(file).toString();
        } catch (IOException e) {
            target = "a missing file";
        }
        throw new DatasetException(file + " is a symbolic link to " + target + ", which does not exist; fix the link or choose the data file itself");
    }

    /** Refuses a readable regular file whose content cannot be the table its name says. */
    static void checkContent(Path file) {
        String extension = extension(file);
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SAMPLE);
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException("data file cannot be read: " + file + " (" + e.getMessage() + ")");
        }
        if (size == 0 || isBlank(head) && size <= SAMPLE) {
            throw new DatasetException(file + ": the file is empty" + (size == 0 ? " (0 bytes)" : " (only blank space)")
                    + ", so there is no table in it; export the data again, or choose another file");
        }
        String format = MagicBytes.identify(head);
        if (ZIPPED_WORKBOOK.contains(extension)) {
            checkWorkbook(file, format);
            return;
        }
        if (extension.equals(".xls")) {
            if (!"an Excel 97-2003 or other OLE2 document".equals(format) && !"a ZIP archive".equals(format)) {
                throw notExcel(file, format);
            }
            return;
        }
        if (extension.equals(".parquet") || extension.equals(".pq")) {
            if (!"a Parquet file".equals(format)) {
                throw new DatasetException(file + ": not a valid Parquet file" + (format == null ? "" : " (this is " + format + ")")
                        + "; export the data again, or as CSV");
            }
            return;
        }
        if (format != null && !format.equals("a Parquet file")) {
            throw new DatasetException(file + ": this is " + format + ", not a table; choose the CSV, Excel, JSON or Parquet file that holds the data");
        }
        if (TEXT.contains(extension) || extension.isEmpty()) {
            BinaryText.check(file, head);
        }
    }

    private static void checkWorkbook(Path file, String format) {
        if (!"a ZIP archive".equals(format)) {
            throw notExcel(file, format);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry workbook = zip.getEntry("xl/workbook.xml");
            ZipEntry content = zip.getEntry("content.xml");
            if (workbook == null && content == null) {
                throw new DatasetException(file + ": not a valid Excel file (a ZIP archive without a workbook inside);"
                        + " open it in Excel or LibreOffice and save it again as .xlsx, or export the sheet as CSV");
            }
        } catch (ZipException e) {
            throw new DatasetException(file + ": not a valid Excel file (its ZIP structure is damaged: " + e.getMessage()
                    + "); open it in Excel or LibreOffice and save it again, or export the sheet as CSV");
        } catch (IOException e) {
            throw new DatasetException("data file cannot be read: " + file + " (" + e.getMessage() + ")");
        }
    }

    private static DatasetException notExcel(Path file, String format) {
        return new DatasetException(file + ": not a valid Excel file (" + (format == null ? "its content is not a workbook" : "this is " + format)
                + "); open it in Excel or LibreOffice and save it again as .xlsx, or export the sheet as CSV");
    }

    private static boolean isBlank(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
