package studio.codeact.session;

import java.util.Optional;

/** Width and height of a PNG image, read from its header. */
public record PngSize(int width, int height) {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The size in the PNG's IHDR chunk, or empty when the bytes are not a PNG. */
    public static Optional<PngSize> of(byte[] png) {
        if (png == null || png.length < 24) {
            return Optional.empty();
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (png[i] != SIGNATURE[i]) {
                return Optional.empty();
            }
        }
        return Optional.of(new PngSize(readInt(png, 16), readInt(png, 20)));
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }

    @Override
    public String toString() {
        return width + "\u00d7" + height;
    }
}
