package studio.codeact.installers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the Linux app image and .deb with installers/build.sh from the jar that {@code package}
 * just made, then checks the package's metadata and contents and runs what it installs.
 * An integration test (failsafe, after {@code package}); about 30 s, most of it jlink and
 * jpackage. Needs fakeroot, dpkg-deb and xvfb-run (./codeact test installs them).
 */
@Tag("installer")
class InstallersIT {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path DEST = ROOT.resolve("target/installers-it");
    private static final Path APP_IMAGE = DEST.resolve("app-image/codeact-studio");
    private static final String CLI_MAIN = "studio.codeact.cli.Main";
    private static final String GUI_MAIN = "studio.codeact.gui.Desktop";

    private static Path deb;
    private static Path installed;

    @BeforeAll
    static void buildTheInstallers() throws Exception {
        requireAFreshJar();
        long start = System.nanoTime();
        // gzip -1 instead of dpkg-deb's default xz: the same files and metadata, ten times faster
        // (xz takes over a minute for the 85 MB payload on two busy cores).
        Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "DPKG_DEB_COMPRESSOR_TYPE", "gzip", "DPKG_DEB_COMPRESSOR_LEVEL", "1");
        Command.Result build = Command.run(ROOT, environment, Duration.ofMinutes(8),
                List.of("bash", "installers/build.sh", "--no-build", "--dest", DEST.toString()));
        assertThat(build.exitCode()).as(build.describe()).isZero();
        System.out.printf("installers/build.sh took %.1f s%n", (System.nanoTime() - start) / 1e9);

        try (Stream<Path> files = Files.list(DEST)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().endsWith(".deb")).toList();
            assertThat(debs).as("the .deb in " + DEST).hasSize(1);
            deb = debs.getFirst();
        }
        assertThat(deb.getFileName().toString()).matches("codeact-studio_\\d+\\.\\d+\\.\\d+_amd64\\.deb");
        // Unpack it as dpkg would install it, without touching the system.
        installed = DEST.resolve("unpacked");
        Command.Result unpack = Command.run(Duration.ofMinutes(2), "dpkg-deb", "-x", deb.toString(), installed.toString());
        assertThat(unpack.exitCode()).as(unpack.describe()).isZero();
    }

    @Test
    void debMetadataNamesThePackageAndEverythingItNeedsAtRunTime() throws Exception {
        Command.Result info = Command.run(Duration.ofMinutes(1), "dpkg-deb", "-I", deb.toString());
        assertThat(info.exitCode()).as(info.describe()).isZero();
        assertThat(info.output()).contains(" Package: codeact-studio\n", " Architecture: amd64\n", " Section: science\n");
        String depends = field(info.output(), "Depends");
        assertThat(depends).contains("libgtk-3-0", "libpython3.11", "python3-pandas", "python3-sklearn",
                "python3-matplotlib", "python3-seaborn", "python3-statsmodels", "python3-openpyxl", "python3-ipykernel",
                "python3-matplotlib-inline", "xdg-utils", "libc6");
    }

    @Test
    void dependsNamesOnlyPackagesThatExistInDebian() throws Exception {
        Command.Result info = Command.run(Duration.ofMinutes(1), "dpkg-deb", "-f", deb.toString(), "Depends");
        String depends = info.output().replace("Depends:", "").trim();
        // jpackage finds its own entries (libc6, libx11-6, ..., xdg-utils) with dpkg -S, so they are real.
        // Ours start at libgtk-3-0; each group of alternatives must have a member installed on this
        // Debian machine (./codeact test installs them), so a misspelt name fails here, not on a user's apt.
        assertThat(depends).contains("libgtk-3-0");
        String ours = depends.substring(depends.indexOf("libgtk-3-0"));
        for (String group : ours.split(",")) {
            List<String> alternatives = Arrays.stream(group.split("\\|")).map(String::trim).toList();
            boolean anyInstalled = false;
            for (String name : alternatives) {
                Command.Result status = Command.run(Duration.ofSeconds(30), "dpkg-query", "-W", "-f=${Status}", name);
                anyInstalled |= status.output().contains("install ok installed");
            }
            assertThat(anyInstalled).as("none of %s is an installed Debian package here", alternatives).isTrue();
        }
    }

    @Test
    void debHoldsBothLaunchersTheJarsTheRuntimeTheIconTheMenuEntryAndTheSamples() throws Exception {
        Command.Result list = Command.run(Duration.ofMinutes(1), "dpkg-deb", "-c", deb.toString());
        assertThat(list.exitCode()).as(list.describe()).isZero();
        List<String> paths = list.output().lines().map(line -> line.substring(line.indexOf("./"))).toList();
        String opt = "./opt/codeact-studio/";
        assertThat(paths).contains(opt + "bin/codeact-studio", opt + "bin/codeact", opt + "lib/app/codeact.jar",
                opt + "lib/app/lib/picocli-4.7.7.jar", opt + "lib/runtime/lib/server/libjvm.so",
                opt + "lib/codeact-studio.png", opt + "lib/codeact-studio-codeact-studio.desktop",
                opt + "lib/samples/retail_sales.csv", opt + "lib/samples/workforce.xlsx",
                opt + "lib/samples/demos/customer_churn.demo.json");
        assertThat(paths).anyMatch(p -> p.matches("\\./opt/codeact-studio/lib/app/lib/javafx-graphics-.*-linux\\.jar"));
        assertThat(paths).filteredOn(p -> p.endsWith(".desktop")).as("only the desktop app is in the menu")
                .containsExactly(opt + "lib/codeact-studio-codeact-studio.desktop");
    }

    @Test
    void menuEntryStartsTheDesktopLauncherWithOurIcon() throws IOException {
        Path lib = installed.resolve("opt/codeact-studio/lib");
        String entry = Files.readString(lib.resolve("codeact-studio-codeact-studio.desktop"));
        assertThat(entry).contains("Name=CodeAct Studio\n", "Exec=/opt/codeact-studio/bin/codeact-studio %F\n",
                "Icon=/opt/codeact-studio/lib/codeact-studio.png\n", "Type=Application\n", "Terminal=false\n");
        // "Open with CodeAct Studio" from a file manager: the data types it reads, without making it their default application.
        assertThat(entry).containsPattern("(?m)^MimeType=.*text/csv;.*text/tab-separated-values;.*application/vnd.ms-excel;"
                + ".*application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;.*application/json;.*application/vnd.apache.parquet;");
        assertThat(Files.readAllBytes(lib.resolve("codeact-studio.png")))
                .isEqualTo(Files.readAllBytes(ROOT.resolve("assets/icon-256.png")));
    }

    @Test
    void installedCommandLineRunsDoctorOnItsBundledRuntime() throws Exception {
        Path bin = installed.resolve("opt/codeact-studio/bin");
        Command.Result version = Command.run(Duration.ofMinutes(1), bin.resolve("codeact").toString(), "--version");
        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.output()).startsWith("CodeAct Studio ");

        Command.Result doctor = Command.run(Duration.ofMinutes(2), bin.resolve("codeact").toString(), "doctor");
        assertThat(doctor.exitCode()).as(doctor.describe()).isZero();
        assertThat(doctor.output()).contains("java       25", installed.resolve("opt/codeact-studio/lib/runtime").toString(),
                "python     3.", "ok         everything CodeAct Studio needs is here");
    }

    @Test
    void bundledRuntimeShowsAJavaFxWindowUnderXvfb() throws Exception {
        String classPath = String.join(":", ROOT.resolve("target/test-classes").toString(),
                APP_IMAGE.resolve("lib/app/codeact.jar").toString(), APP_IMAGE.resolve("lib/app/lib/*").toString());
        Command.Result probe = Command.watch(ROOT, Map.of(), Duration.ofSeconds(60), "shown javafx", List.of("xvfb-run", "-a",
                APP_IMAGE.resolve("lib/runtime/bin/java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, FxProbe.class.getName(), "--stay"));
        assertThat(probe.exitCode()).as(probe.describe()).isEqualTo(Command.Result.RUNNING);
        assertThat(probe.output()).as(probe.describe()).contains("shown javafx 25");
    }

    @Test
    void desktopLauncherStartsItsMainClass() throws Exception {
        String config = Files.readString(APP_IMAGE.resolve("lib/app/codeact-studio.cfg"));
        boolean guiBuilt = jarHas(GUI_MAIN);
        String mainClass = guiBuilt ? GUI_MAIN : CLI_MAIN;
        assertThat(config).contains("app.mainclass=" + mainClass + "\n", "java-options=--enable-native-access=ALL-UNNAMED\n");
        Path launcher = APP_IMAGE.resolve("bin/codeact-studio");
        if (!guiBuilt) {
            // Until the desktop app exists, build.sh falls back to the command line.
            Command.Result version = Command.run(Duration.ofMinutes(1), launcher.toString(), "--version");
            assertThat(version.exitCode()).as(version.describe()).isZero();
            assertThat(version.output()).startsWith("CodeAct Studio ");
        } else {
            // The desktop app must come up on a display and stay up (or exit cleanly) for 15 s.
            Command.Result gui = Command.watch(ROOT, Map.of(), Duration.ofSeconds(15), List.of("xvfb-run", "-a", launcher.toString()));
            assertThat(gui.exitCode()).as(gui.describe()).isIn(Command.Result.RUNNING, 0);
            assertThat(gui.output()).as(gui.describe()).doesNotContain("Exception");
        }
    }

    /**
     * Under failsafe the jar was just packaged. Run another way (surefire's -Dtest), the jar may be
     * missing or older than the sources; then say so instead of testing an old build.
     */
    private static void requireAFreshJar() throws IOException {
        Path jar = ROOT.resolve("target/codeact.jar");
        assertThat(jar).as("run with ./mvnw verify (the installer test needs the packaged jar)").exists();
        assertThat(ROOT.resolve("target/lib")).isDirectory();
        long built = Files.getLastModifiedTime(jar).toMillis();
        try (Stream<Path> sources = Stream.concat(Stream.of(ROOT.resolve("pom.xml")), Files.walk(ROOT.resolve("src/main")))) {
            List<Path> newer = sources.filter(Files::isRegularFile)
                    .filter(f -> f.toFile().lastModified() > built).limit(3).toList();
            assertThat(newer).as("sources newer than target/codeact.jar: package first, or run ./mvnw verify").isEmpty();
        }
    }

    private static boolean jarHas(String className) throws Exception {
        Command.Result list = Command.run(Duration.ofMinutes(1),
                Path.of(System.getProperty("java.home"), "bin", "jar").toString(), "tf", ROOT.resolve("target/codeact.jar").toString());
        return list.output().lines().anyMatch(line -> line.equals(className.replace('.', '/') + ".class"));
    }

    /** The value of one field of {@code dpkg-deb -I} output (one line). */
    private static String field(String info, String name) {
        return info.lines().map(String::trim).filter(line -> line.startsWith(name + ": ")).findFirst()
                .map(line -> line.substring(name.length() + 2)).orElseThrow(() -> new AssertionError("no " + name + " in\n" + info));
    }
}
