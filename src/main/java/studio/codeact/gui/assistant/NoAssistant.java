package studio.codeact.gui.assistant;

import studio.codeact.engine.EngineException;
import studio.codeact.gui.data.FileLoader;

import java.util.concurrent.CompletableFuture;

/** A window without a language-model side: questions and data loads fail with the reason. */
public final class NoAssistant implements Assistant {

    private final String reason;

    public NoAssistant(String reason) {
        this.reason = reason;
    }

    @Override
    public CompletableFuture<?> ask(String question) {
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
    }

    @Override
    public void stop() {
    }

    @Override
    public FileLoader fileLoader() {
        return file -> CompletableFuture.failedFuture(new EngineException(reason));
    }

    @Override
    public void reset() {
    }

    @Override
    public CompletableFuture<java.nio.file.Path> export(String format, java.nio.file.Path target) {
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
    }

    @Override
    public CompletableFuture<java.util.Optional<java.nio.file.Path>> save() {
        return CompletableFuture.completedFuture(java.util.Optional.empty());
    }

    @Override
    public java.util.Optional<java.nio.file.Path> sessionFolder() {
        return java.util.Optional.empty();
    }
}
