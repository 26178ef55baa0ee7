package studio.codeact.assets;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The application icon: its sources, the PNG sizes the platforms need, and the .ico/.icns built from them. */
class AssetsTest {

    private static final Path ASSETS = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().resolve("assets");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void svgSourcesAreSquareDrawingsWithoutText() throws Exception {
        for (String name : List.of("icon.svg", "icon-small.svg")) {
            Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ASSETS.resolve(name).toFile());
            String[] viewBox = svg.getDocumentElement().getAttribute("viewBox").split(" ");
            assertThat(viewBox).as(name).hasSize(4);
            assertThat(viewBox[2]).as(name).isEqualTo(viewBox[3]);
            assertThat(svg.getElementsByTagName("text").getLength()).as(name).isZero();
        }
    }

    @Test
    void everyPngSizeIsThereSquareWithTransparentCornersAndAnOpaqueMiddle() throws Exception {
        for (int size : new int[] {16, 32, 48, 64, 128, 256, 512}) {
            BufferedImage image = ImageIO.read(ASSETS.resolve("icon-" + size + ".png").toFile());
            assertThat(image.getWidth()).as("width of %d", size).isEqualTo(size);
            assertThat(image.getHeight()).as("height of %d", size).isEqualTo(size);
            assertThat(image.getColorModel().hasAlpha()).isTrue();
            assertThat(alpha(image, 0, 0)).as("corner alpha at %d px", size).isLessThan(128);
            assertThat(alpha(image, size / 2, size / 2)).as("centre alpha at %d px", size).isEqualTo(255);
        }
    }

    @Test
    void windowsIconHoldsSixPngSizes() throws Exception {
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(ASSETS.resolve("icon.ico"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ico.getShort(0)).isZero();
        assertThat(ico.getShort(2)).as("type 1 = icon").isEqualTo((short) 1);
        int count = ico.getShort(4);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            int width = Byte.toUnsignedInt(ico.get(entry));
            sizes.add(width == 0 ? 256 : width);
            int length = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            assertThat(offset + length).isLessThanOrEqualTo(ico.capacity());
            assertThat(slice(ico, offset, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        }
        assertThat(sizes).containsExactly(16, 32, 48, 64, 128, 256);
    }

    @Test
    void macIconHoldsPngElementsUpTo512() throws Exception {
        ByteBuffer icns = ByteBuffer.wrap(Files.readAllBytes(ASSETS.resolve("icon.icns"))).order(ByteOrder.BIG_ENDIAN);
        assertThat(new String(slice(icns, 0, 4))).isEqualTo("icns");
        assertThat(icns.getInt(4)).as("declared length").isEqualTo(icns.capacity());
        List<String> types = new ArrayList<>();
        for (int at = 8; at < icns.capacity(); at += icns.getInt(at + 4)) {
            types.add(new String(slice(icns, at, 4)));
            assertThat(slice(icns, at + 8, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        }
        assertThat(types).contains("icp4", "icp5", "ic07", "ic08", "ic09");
    }

    private static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }

    private static byte[] slice(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return bytes;
    }
}
