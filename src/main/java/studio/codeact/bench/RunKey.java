package studio.codeact.bench;

/** One cell of the experiment: a task, in a mode, by a model. */
public record RunKey(String task, ActionMode mode, String model) {

    @Override
    public String toString() {
        return model + "/" + mode.id() + "/" + task;
    }
}
