package studio.codeact.bench;

/**
 * The two kinds of task the summary reports apart: tasks that need two or more tool calls (the
 * paper's M3ToolEval setting) and tasks that need exactly one (its API-Bank comparison).
 */
public enum TaskClass {
    MULTI_TOOL("multi-tool"),
    ATOMIC("atomic");

    private final String id;

    TaskClass(String id) {
        this.id = id;
    }

    /** As written in task files and results: {@code multi-tool} or {@code atomic}. */
    public String id() {
        return id;
    }

    public static TaskClass parse(String text) {
        for (TaskClass value : values()) {
            if (value.id.equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown task class '" + text + "'; use multi-tool or atomic");
    }
}
