package studio.codeact.agent;

import studio.codeact.engine.Output;
import studio.codeact.session.Cell;

/**
 * What the agent reports while it works. The CLI and the GUI only consume these; switch over
 * them exhaustively. {@link Terminal} events end a question and are also what
 * {@link CodeActAgent#ask} returns.
 *
 * <p>Thread: see {@link AgentListener} — every event arrives on the thread that called
 * {@code ask} (or {@code loadDatasets}), in order.
 */
public sealed interface AgentEvent {

    /** The events that end a question. */
    sealed interface Terminal extends AgentEvent { }

    /** Something the user should know that is not part of the conversation (a restart, a fallback, a loading warning). */
    record Notice(String text) implements AgentEvent { }

    /** A model turn begins. */
    record TurnStarted(int turn, int maxTurns) implements AgentEvent { }

    /** A piece of the model's reply as it streams in. */
    record AssistantDelta(int turn, String text) implements AgentEvent { }

    /** The model's complete reply (with closing tags restored), and how many actions it holds. */
    record AssistantReplied(int turn, String text, int actions) implements AgentEvent { }

    /** An action (or a setup cell) starts running. */
    record ActionStarted(int cell, int turn, String code) implements AgentEvent { }

    /** One output of the running cell, as it happens. */
    record CellOutput(int cell, Output output) implements AgentEvent { }

    /** A cell ended (or was rejected); the record holds its outputs, status and figures. */
    record ActionFinished(Cell cell) implements AgentEvent { }

    /** The observation sent to the model after a turn's actions. */
    record Observation(int turn, String text) implements AgentEvent { }

    /** A turn ended. */
    record TurnFinished(int turn, TurnStats stats) implements AgentEvent { }

    /** The model answered. */
    record Answered(String answer) implements Terminal { }

    /** The model, the engine or the agent failed; {@code message} is one sentence for the user. */
    record Failed(String message) implements Terminal { }

    /** The turn limit was reached without an answer. */
    record TurnLimitReached(int turns) implements Terminal { }

    /** The user cancelled. */
    record Cancelled() implements Terminal { }
}
