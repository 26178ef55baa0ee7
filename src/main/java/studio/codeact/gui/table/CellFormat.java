package studio.codeact.gui.table;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How table values read: integers plain, floats to 6 significant places, timestamps in UTC (midnight as the bare date). */
final class CellFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ThreadLocal<DecimalFormat> FLOAT = ThreadLocal.withInitial(
            () -> new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)));

    private CellFormat() {
    }

    static String format(Object value) {
        return switch (value) {
            case null -> "NaN";
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
            case Double d when Math.abs(d) >= 1e9 || (Math.abs(d) < 1e-4 && d != 0) -> String.format(Locale.ROOT, "%.6g", d);
            case Double d -> FLOAT.get().format(d);
            case Instant instant when instant.getEpochSecond() % 86_400 == 0 && instant.getNano() == 0 -> DAY.format(instant);
            case Instant instant -> instant.getNano() == 0 ? TIME.format(instant) : instant.toString();
            default -> value.toString();
        };
    }
}
