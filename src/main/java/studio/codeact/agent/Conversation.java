package studio.codeact.agent;

import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the agent's exchanges as the messages of one request, for the action mode in use:
 * tagged text (replies with {@code <execute>} blocks, observations as user messages headed
 * {@code Observation:}) or native tools (tool calls answered by tool results). Replies whose
 * actions came as text are sent as text in either mode. With the system role folded, the system
 * prompt opens the first user message instead.
 */
final class Conversation {

    static final String OBSERVATION_HEADING = "Observation:\n";
    static final String FOLD_SEPARATOR = "\n\n---\n\n";

    /** The messages and the characters of text they carry. */
    record Rendered(List<ChatMessage> messages, int chars) { }

    private Conversation() {
    }

    static Rendered render(String systemPrompt, List<Exchange> exchanges, ActionMode mode, boolean foldSystem, boolean vision) {
        List<ChatMessage> messages = new ArrayList<>();
        if (!foldSystem) {
            messages.add(new ChatMessage.System(systemPrompt));
        }
        int lastObserved = lastObservedIndex(exchanges);
        Exchange.Reply previousReply = null;
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            switch (exchange) {
                case Exchange.Question question -> messages.add(ChatMessage.User.text(question.text()));
                case Exchange.Gap gap -> appendToLastUser(messages, gap.note());
                case Exchange.Reply reply -> {
                    previousReply = reply;
                    if (mode == ActionMode.TOOLS && reply.viaTools()) {
                        messages.add(new ChatMessage.Assistant(reply.prose(), reply.actions().stream().map(Exchange.Action::call).toList()));
                    } else {
                        messages.add(ChatMessage.Assistant.text(reply.asTaggedText()));
                    }
                }
                case Exchange.Observed observed -> {
                    List<Figure> images = vision && i == lastObserved ? observed.observation().images() : List.of();
                    if (mode == ActionMode.TOOLS && previousReply != null && previousReply.viaTools()) {
                        addToolResults(messages, previousReply, observed.observation(), images);
                    } else {
                        messages.add(user(OBSERVATION_HEADING + observed.observation().text(), images));
                    }
                }
            }
        }
        if (foldSystem) {
            foldInto(messages, systemPrompt);
        }
        return new Rendered(List.copyOf(messages), count(messages));
    }

    private static void addToolResults(List<ChatMessage> messages, Exchange.Reply reply, TurnObservation observation, List<Figure> images) {
        List<Exchange.Action> actions = reply.actions();
        for (int k = 0; k < actions.size(); k++) {
            ToolCall call = actions.get(k).call();
            String content = k < observation.actions().size() ? observation.actions().get(k) : "[not run]";
            if (k == actions.size() - 1 && !observation.footer().isEmpty()) {
                content = content + "\n" + observation.footer();
            }
            messages.add(new ChatMessage.ToolResult(call.id(), call.name(), content));
        }
        if (!images.isEmpty()) {
            messages.add(user("The figures from the last action:", images));
        }
    }

    private static ChatMessage.User user(String text, List<Figure> images) {
        List<ChatMessage.Content> content = new ArrayList<>();
        content.add(new ChatMessage.Content.Text(text));
        for (Figure figure : images) {
            content.add(new ChatMessage.Content.Image(figure.png(), "image/png"));
        }
        return new ChatMessage.User(content);
    }

    private static void appendToLastUser(List<ChatMessage> messages, String note) {
        if (!messages.isEmpty() && messages.getLast() instanceof ChatMessage.User last) {
            List<ChatMessage.Content> content = new ArrayList<>(last.content());
            content.add(new ChatMessage.Content.Text("\n\n" + note));
            messages.set(messages.size() - 1, new ChatMessage.User(content));
        } else {
            messages.add(ChatMessage.User.text(note));
        }
    }

    private static void foldInto(List<ChatMessage> messages, String systemPrompt) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof ChatMessage.User user) {
                List<ChatMessage.Content> content = new ArrayList<>();
                content.add(new ChatMessage.Content.Text(systemPrompt + FOLD_SEPARATOR));
                content.addAll(user.content());
                messages.set(i, new ChatMessage.User(content));
                return;
            }
        }
        messages.addFirst(ChatMessage.User.text(systemPrompt));
    }

    private static int lastObservedIndex(List<Exchange> exchanges) {
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            if (exchanges.get(i) instanceof Exchange.Observed) {
                return i;
            }
        }
        return -1;
    }

    /** Characters of text (and tool-call arguments) in the messages. */
    static int count(List<ChatMessage> messages) {
        int chars = 0;
        for (ChatMessage message : messages) {
            chars += switch (message) {
                case ChatMessage.System system -> system.text().length();
                case ChatMessage.User user -> user.text().length();
                case ChatMessage.Assistant assistant -> assistant.text().length()
                        + assistant.toolCalls().stream().mapToInt(c -> c.argumentsJson() == null ? 0 : c.argumentsJson().length()).sum();
                case ChatMessage.ToolResult result -> result.content().length();
            };
        }
        return chars;
    }
}
