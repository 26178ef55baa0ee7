package studio.codeact.session;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/** Closes, after each test, every {@link SessionStore} the test opened (and so its writer thread). */
final class OpenStores implements AfterEachCallback {

    private final List<SessionStore> stores = new ArrayList<>();

    SessionStore track(SessionStore store) {
        stores.add(store);
        return store;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stores.forEach(SessionStore::close);
        stores.clear();
    }
}
