/**
 * Connects the CodeAct agent to the window: questions and data loads run in order on the agent's own
 * worker thread; its events are adapted to the FX thread in {@link studio.codeact.gui.assistant.AssistantBridge} only.
 */
package studio.codeact.gui.assistant;
