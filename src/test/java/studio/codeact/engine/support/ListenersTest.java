package studio.codeact.engine.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ListenersTest {

    @Test
    void aThrowingListenerDoesNotSilenceTheOthers() {
        List<String> heard = new ArrayList<>();
        Listeners<Consumer<String>> listeners = new Listeners<>("a test listener");
        listeners.add(news -> heard.add("first " + news));
        listeners.add(news -> {
            throw new IllegalStateException("a listener that fails");
        });
        listeners.add(news -> heard.add("third " + news));

        listeners.forEach(listener -> listener.accept("a"));
        listeners.forEach(listener -> listener.accept("b"));

        assertThat(heard).containsExactly("first a", "third a", "first b", "third b");
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        List<String> heard = new ArrayList<>();
        Listeners<Consumer<String>> listeners = new Listeners<>("a test listener");
        Consumer<String> listener = heard::add;
        listeners.add(listener);
        listeners.forEach(l -> l.accept("before"));
        listeners.remove(listener);
        listeners.forEach(l -> l.accept("after"));

        assertThat(heard).containsExactly("before");
        assertThat(listeners.isEmpty()).isTrue();
    }
}
