package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

/**
 * The figures of one model in one mode over one class of tasks.
 *
 * @param model         the model's label
 * @param mode          the action mode
 * @param group         {@code multi-tool}, {@code atomic}, or {@code all}
 * @param runs          finished runs counted
 * @param solved        runs whose answer was right
 * @param averageTurns  mean model replies per run (failed runs count with the turns they used)
 * @param averageTokens mean tokens per run over the runs whose server reported usage; -1 if none did
 * @param errors        runs lost to a model-server or engine failure (counted as unsolved)
 */
public record SummaryRow(String model, ActionFormat mode, String group, int runs, int solved, double averageTurns,
                         double averageTokens, int errors) {

    /** Solved runs over runs, 0 when nothing ran. */
    public double successRate() {
        return runs == 0 ? 0 : (double) solved / runs;
    }
}
