package studio.codeact.agent;

import java.nio.charset.StandardCharsets;

/** Names common binary formats by the bytes they start with ("a PNG image"), or null for anything else. */
final class MagicBytes {

    private record Magic(int offset, byte[] bytes, String name) {
        Magic(int offset, String ascii, String name) {
            this(offset, ascii.getBytes(StandardCharsets.ISO_8859_1), name);
        }

        boolean matches(byte[] head) {
            if (head.length < offset + bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (head[offset + i] != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Magic[] KNOWN = {
        new Magic(0, "\u0089PNG\r\n\u001a\n", "a PNG image"),
        new Magic(0, "\u00ff\u00d8\u00ff", "a JPEG image"),
        new Magic(0, "GIF87a", "a GIF image"),
        new Magic(0, "GIF89a", "a GIF image"),
        new Magic(0, "II*\u0000", "a TIFF image"),
        new Magic(0, "MM\u0000*", "a TIFF image"),
        new Magic(8, "WEBP", "a WebP image"),
        new Magic(0, "%PDF-", "a PDF document"),
        new Magic(0, "PK\u0003\u0004", "a ZIP archive"),
        new Magic(0, "PK\u0005\u0006", "a ZIP archive"),
        new Magic(0, "\u001f\u008b", "a gzip-compressed file"),
        new Magic(0, "BZh", "a bzip2-compressed file"),
        new Magic(0, "\u00fd7zXZ\u0000", "an xz-compressed file"),
        new Magic(0, "7z\u00bc\u00af\u0027\u001c", "a 7-Zip archive"),
        new Magic(0, "Rar!\u001a\u0007", "a RAR archive"),
        new Magic(0, "\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1", "an Excel 97-2003 or other OLE2 document"),
        new Magic(0, "SQLite format 3\u0000", "an SQLite database"),
        new Magic(0, "PAR1", "a Parquet file"),
        new Magic(0, "\u007fELF", "an executable program (ELF)"),
        new Magic(0, "\u00ca\u00fe\u00ba\u00be", "a Java class file"),
        new Magic(4, "ftyp", "an MP4/QuickTime video"),
        new Magic(0, "\u0093NUMPY", "a NumPy array file"),
        new Magic(0, "\u0089HDF\r\n\u001a\n", "an HDF5 file"),
        new Magic(0, "ARROW1", "an Arrow/Feather file"),
    };

    private MagicBytes() {
    }

    static String identify(byte[] head) {
        for (Magic magic : KNOWN) {
            if (magic.matches(head)) {
                return magic.name();
            }
        }
        return null;
    }
}
