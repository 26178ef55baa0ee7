package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

/** One cell of the experiment: a task, in a mode, by a model. */
public record RunKey(String task, ActionFormat mode, String model) {

    @Override
    public String toString() {
        return model + "/" + mode.id() + "/" + task;
    }
}
