package studio.codeact.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StuckDetectorTest {

    @Test
    void theSameActionThreeTimesWarnsAndAFourthStops() {
        StuckDetector detector = new StuckDetector();

        assertThat(detector.record("print(x)", null)).isEqualTo(StuckDetector.Verdict.OK);
        assertThat(detector.record("print(x) ", null)).isEqualTo(StuckDetector.Verdict.OK);
        assertThat(detector.record("print(x)\n", null)).isEqualTo(StuckDetector.Verdict.WARN);
        assertThat(detector.warning()).contains("same code 3 times");
        assertThat(detector.record("print(x)", null)).isEqualTo(StuckDetector.Verdict.STOP);
        assertThat(detector.stopReason()).contains("same code 4 times");
    }

    @Test
    void theSameErrorFromDifferentCodeCountsToo() {
        StuckDetector detector = new StuckDetector();

        detector.record("df['A']", "KeyError: 'A'");
        detector.record("df[['A']]", "KeyError: 'A'");
        assertThat(detector.record("df.loc[:, 'A']", "KeyError: 'A'")).isEqualTo(StuckDetector.Verdict.WARN);
        assertThat(detector.warning()).contains("same error 3 times");
        assertThat(detector.record("df.A", "KeyError: 'A'")).isEqualTo(StuckDetector.Verdict.STOP);
        assertThat(detector.stopReason()).contains("same error 4 times");
    }

    @Test
    void changingApproachAfterTheWarningClearsIt() {
        StuckDetector detector = new StuckDetector();
        detector.record("a", "E: 1");
        detector.record("b", "E: 1");
        assertThat(detector.record("c", "E: 1")).isEqualTo(StuckDetector.Verdict.WARN);

        assertThat(detector.record("print(df.columns)", null)).isEqualTo(StuckDetector.Verdict.OK);
        assertThat(detector.record("d", "E: 1")).isEqualTo(StuckDetector.Verdict.OK);
    }

    @Test
    void varyingWorkIsNeverFlagged() {
        StuckDetector detector = new StuckDetector();
        for (int i = 0; i < 30; i++) {
            assertThat(detector.record("step " + i, i % 2 == 0 ? "E: " + i : null)).isEqualTo(StuckDetector.Verdict.OK);
        }
    }
}
