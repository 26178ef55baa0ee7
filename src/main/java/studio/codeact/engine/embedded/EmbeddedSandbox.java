package studio.codeact.engine.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.sandbox.ProcessSweeper;
import studio.codeact.engine.sandbox.SandboxFolders;
import studio.codeact.engine.sandbox.SandboxLaunch;
import studio.codeact.engine.sandbox.SandboxPolicy;
import studio.codeact.engine.sandbox.SandboxStatus;
import studio.codeact.engine.sandbox.Secrets;

import java.util.Set;

/**
 * Sets up one embedded engine's sandbox: removes the key variables from the process environment
 * (sandbox on or off), and with the sandbox on gives the engine a confined thread
 * ({@link ConfinedThread}) whose policy lets it write only in its working folder and the
 * process's shared private folders, and refuses signals to the app's own process.
 */
final class EmbeddedSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedSandbox() {
    }

    /** Returns the engine's sandbox state in the doctor's words: "on (mechanism)", "off", or "unavailable: reason". */
    static String setUp(EmbeddedInterpreter interpreter, int engine, EngineConfig config) {
        Set<String> names = Secrets.namesToRemove(System.getenv(), config.sandbox());
        if (!names.isEmpty()) {
            String json;
            try {
                json = JSON.writeValueAsString(names);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            interpreter.submit(api -> {
                interpreter.bridge.scrub(api, json);
                return null;
            }).join();
        }
        if (!config.sandbox().enabled()) {
            return "off";
        }
        SandboxStatus status = SandboxStatus.probe();
        if (!status.available()) {
            return "unavailable: " + status.reason().orElse("unknown");
        }
        String policy = SandboxPolicy.of(config.sandbox(), SandboxLaunch.home(), config.workingDirectory(), SandboxFolders.shared())
                .protectPid(ProcessHandle.current().pid())
                .toJson();
        try {
            interpreter.confine(engine, policy);
        } catch (EngineException e) {
            return "unavailable: " + e.getMessage();
        }
        ProcessSweeper.install();
        return "on (" + status.mechanism() + (config.sandbox().allowNetwork() ? "; network allowed" : "") + ")";
    }
}
