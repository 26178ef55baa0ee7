package studio.codeact.session;

import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sessions built by hand for the session tests: a question, a failing action, its fix with a figure, an answer. */
final class SessionSamples {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private SessionSamples() {
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static SessionInfo info() {
        return new SessionInfo("openai", "test-model", "kernel", "3.11.2", "tags", "/tmp", 10,
                "You are a data analyst.", List.of(new DatasetEntry("sales", "/data/sales.csv", "csv", 3, 2, List.of())));
    }

    /**
     * A complete session. Its cells are real Python that runs with the system interpreter:
     * setup makes {@code sales}; cell 2 fails with a KeyError; cell 3 fixes it and draws a figure.
     *
     * @param figure the path the store gave the figure, e.g. {@code figures/001.png}
     */
    static Session repaired(String figure, byte[] png) {
        Session session = Session.start("s-1", T0, info());
        session = session.withEntry(new Entry.Question(T0.plusSeconds(1), "What is the mean price?"));
        Cell setup = new Cell(1, CellKind.SETUP, 0, "import pandas as pd\nsales = pd.DataFrame({'price': [1.0, 2.0, 3.0], 'region': ['a', 'b', 'a']})",
                CellStatus.OK, 1, List.of(), List.of(), 12);
        session = session.withEntry(new Entry.CodeCell(T0.plusSeconds(2), setup));
        session = session.withEntry(new Entry.Reply(T0.plusSeconds(3), 1, "Let me look.\n<execute>\nprint(sales['Price'].mean())\n</execute>", "Let me look."));
        Output.Error keyError = new Output.Error("KeyError", "'Price'", List.of(
                "---------------------------------------------------------------------------",
                "KeyError                                  Traceback (most recent call last)",
                "Cell In [2], line 1\n----> 1 print(sales['Price'].mean())\n",
                "KeyError: 'Price'"));
        Cell failing = new Cell(2, CellKind.ACTION, 1, "print(sales['Price'].mean())", CellStatus.ERROR, 2,
                List.of(keyError), List.of(), 5);
        session = session.withEntry(new Entry.CodeCell(T0.plusSeconds(4), failing));
        session = session.withEntry(new Entry.Observation(T0.plusSeconds(5), 1, "KeyError: 'Price'\n[9 turns left]"));
        session = session.withEntry(new Entry.Reply(T0.plusSeconds(6), 2,
                "The column is lower case.\n<execute>\nprint(sales['price'].mean())\nimport matplotlib.pyplot as plt\nplt.plot(sales['price'])\nplt.show()\nsales.head(2)\n</execute>",
                "The column is lower case."));
        Map<String, String> figureData = new LinkedHashMap<>();
        figureData.put(MimeBundle.TEXT_PLAIN, "<Figure size 640x480 with 1 Axes>");
        figureData.put(MimeBundle.IMAGE_PNG, Base64.getEncoder().encodeToString(png));
        Map<String, String> table = new LinkedHashMap<>();
        table.put(MimeBundle.TEXT_PLAIN, "   price region\n0    1.0      a\n1    2.0      b");
        table.put(MimeBundle.TEXT_HTML, "<table><tr><td>1.0</td></tr></table>");
        table.put(MimeBundle.TABLE_SCHEMA, "{\"schema\": {\"fields\": [{\"name\": \"price\"}]}, \"data\": [{\"price\": 1.0}]}");
        Cell fixed = new Cell(3, CellKind.ACTION, 2,
                "print(sales['price'].mean())\nimport matplotlib.pyplot as plt\nplt.plot(sales['price'])\nplt.show()\nsales.head(2)",
                CellStatus.OK, 3, List.of(
                new Output.Stream(Output.StreamName.STDOUT, "2.0\n"),
                new Output.Stream(Output.StreamName.STDERR, "a warning\n"),
                new Output.Display(new MimeBundle(figureData), Map.of("image/png", Map.of("width", 4, "height", 3))),
                new Output.Result(3, new MimeBundle(table), Map.of())), List.of(figure), 40);
        session = session.withEntry(new Entry.CodeCell(T0.plusSeconds(7), fixed));
        session = session.withEntry(new Entry.Observation(T0.plusSeconds(8), 2, "2.0\n[figure 1: 4×3 PNG saved as " + figure + "]\n[8 turns left]"));
        session = session.withEntry(new Entry.Reply(T0.plusSeconds(9), 3, "<solution>The mean price is 2.0.</solution>", "<solution>The mean price is 2.0.</solution>"));
        session = session.withEntry(new Entry.Answer(T0.plusSeconds(9), "The mean price is 2.0."));
        return session.withStatus(SessionStatus.ANSWERED, "", T0.plusSeconds(10));
    }
}
