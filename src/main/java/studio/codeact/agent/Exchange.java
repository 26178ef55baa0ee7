package studio.codeact.agent;

import studio.codeact.llm.ToolCall;

import java.util.List;
import java.util.Objects;

/**
 * One step of the conversation as the agent keeps it, independent of how it is sent: the same
 * exchanges render as tagged text or as tool calls and tool results ({@link Conversation}), and
 * old ones are shortened or left out to fit the context budget ({@link ContextBudget}).
 */
sealed interface Exchange {

    /** A question of the user. */
    record Question(String text) implements Exchange {
        public Question {
            Objects.requireNonNull(text);
        }
    }

    /**
     * A reply of the model.
     *
     * @param text     the reply as the conversation keeps it: tags restored (text actions), or the prose (tool calls)
     * @param prose    the reply without its actions
     * @param actions  its actions, in order
     * @param viaTools whether the actions came as tool calls (each {@link Action} then has its call)
     */
    record Reply(String text, String prose, List<Action> actions, boolean viaTools) implements Exchange {

        /** What ends prose that was clipped. */
        static final String CLIPPED = " [\u2026]";

        public Reply {
            actions = List.copyOf(actions);
        }

        public boolean hasActions() {
            return !actions.isEmpty();
        }

        /** The reply in CodeAct form: its prose with every action in {@code <execute>} tags. */
        public String asTaggedText() {
            if (!viaTools) {
                return text;
            }
            StringBuilder tagged = new StringBuilder(prose.strip());
            for (Action action : actions) {
                if (!tagged.isEmpty()) {
                    tagged.append('\n');
                }
                tagged.append(ActionParser.OPEN).append('\n').append(action.code()).append('\n').append(ActionParser.CLOSE);
            }
            return tagged.toString();
        }

        /** The same reply with its prose cut to {@code limit} characters; the code is kept whole. */
        public Reply withProseClipped(int limit) {
            if (prose.length() <= limit || prose.length() <= limit + CLIPPED.length() && prose.endsWith(CLIPPED)) {
                return this;
            }
            String clipped = prose.substring(0, limit).stripTrailing() + CLIPPED;
            if (viaTools) {
                return new Reply(clipped, clipped, actions, true);
            }
            StringBuilder tagged = new StringBuilder(clipped);
            for (Action action : actions) {
                tagged.append('\n').append(ActionParser.OPEN).append('\n').append(action.code()).append('\n').append(ActionParser.CLOSE);
            }
            return new Reply(tagged.toString(), clipped, actions, false);
        }
    }

    /** What the actions of the preceding reply produced. */
    record Observed(TurnObservation observation, boolean shortened) implements Exchange {
        public Observed {
            Objects.requireNonNull(observation);
        }
    }

    /** Where earlier turns were left out to fit the context budget. */
    record Gap(int turns) implements Exchange {
        public String note() {
            return "[" + turns + (turns == 1 ? " earlier turn was" : " earlier turns were") + " left out here to fit the context budget]";
        }
    }

    /**
     * One action of a reply.
     *
     * @param code the Python code
     * @param call the tool call that carried it, or {@code null} for a text action
     */
    record Action(String code, ToolCall call) {
        public Action {
            Objects.requireNonNull(code);
        }
    }
}
