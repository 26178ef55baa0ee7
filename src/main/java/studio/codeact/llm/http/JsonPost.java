package studio.codeact.llm.http;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The POST of a JSON chat request, plain or streamed, as every provider sends it. */
public final class JsonPost {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private JsonPost() {
    }

    /**
     * Finishes {@code request} (URL and auth headers already set) as a POST of {@code json}.
     * Streams ask for an uncompressed body: a compressing proxy would hold tokens back until its
     * buffer fills (OkHttp still gunzips plain answers itself).
     */
    public static Request build(Request.Builder request, String json, boolean stream) {
        request.header("Accept", stream ? "text/event-stream" : "application/json")
                .post(RequestBody.create(json, JSON));
        if (stream) {
            request.header("Accept-Encoding", "identity");
        }
        return request.build();
    }
}
