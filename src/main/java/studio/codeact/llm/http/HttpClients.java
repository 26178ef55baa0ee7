package studio.codeact.llm.http;

import okhttp3.OkHttpClient;

/** The one OkHttp client whose connection pool all model calls share. */
public final class HttpClients {

    private HttpClients() {
    }

    private static final class Holder {
        static final OkHttpClient SHARED = new OkHttpClient.Builder().build();
    }

    /** Shared by every provider; derive per-connection clients from it with {@code newBuilder()}. */
    public static OkHttpClient shared() {
        return Holder.SHARED;
    }
}
