package studio.codeact.llm.anthropic;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import studio.codeact.llm.ChatCall;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.StreamHandler;
import studio.codeact.llm.anthropic.internal.EventDecoder;
import studio.codeact.llm.anthropic.internal.ModelPage;
import studio.codeact.llm.anthropic.internal.RequestMapper;
import studio.codeact.llm.anthropic.internal.ResponseMapper;
import studio.codeact.llm.http.HttpClients;
import studio.codeact.llm.http.HttpTransport;
import studio.codeact.llm.http.JsonPost;
import studio.codeact.llm.http.JsonBodyReader;
import studio.codeact.llm.http.StreamingChatCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, {@code GET /v1/models}) with the
 * {@code x-api-key} and {@code anthropic-version} headers. System messages become the top-level
 * {@code system} field; images go as base64 blocks; tools as {@code tool_use}/{@code tool_result}
 * blocks. {@code max_tokens} is required by the API: requests without a limit send
 * {@value #DEFAULT_MAX_TOKENS}.
 *
 * <p>Thread-safe; each call runs on a thread of its own. A request with a tool schema that is not
 * JSON is refused with {@link IllegalArgumentException} before anything is sent.
 */
public final class AnthropicChatModel implements ChatModel {

    public static final String API_VERSION = "2023-06-01";
    public static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int MAX_MODEL_PAGES = 20;

    private final ProviderConfig config;
    private final HttpTransport transport;
    private final RequestMapper mapper = new RequestMapper(DEFAULT_MAX_TOKENS);
    private final HttpUrl messagesUrl;
    private final HttpUrl modelsUrl;

    public AnthropicChatModel(ProviderConfig config) {
        this(config, HttpClients.shared());
    }

    /**
     * @param base the OkHttp client whose pool to share (tests and benchmarks pass their own)
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public AnthropicChatModel(ProviderConfig config, OkHttpClient base) {
        this.config = config;
        this.transport = new HttpTransport(config, base);
        HttpUrl root = HttpUrl.parse(config.baseUrl());
        if (root == null) {
            throw new IllegalArgumentException("the base URL '" + config.baseUrl()
                    + "' is not an http:// or https:// URL; check Settings → Model");
        }
        // The base URL is https://api.anthropic.com; accept one that already ends in /v1 too.
        HttpUrl v1 = root.pathSegments().getLast().equals("v1") ? root : root.newBuilder().addPathSegment("v1").build();
        this.messagesUrl = v1.newBuilder().addPathSegment("messages").build();
        this.modelsUrl = v1.newBuilder().addPathSegment("models").build();
    }

    @Override
    public String provider() {
        return Provider.ANTHROPIC.id();
    }

    public ProviderConfig config() {
        return config;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Request http = post(mapper.toJson(request, false), false);
        return transport.execute(http, request.model(),
                new JsonBodyReader<>(transport.errors(), json -> ResponseMapper.parse(json, transport.errors(), request.model())));
    }

    @Override
    public ChatCall stream(ChatRequest request, StreamHandler handler) {
        Request http = post(mapper.toJson(request, true), true);
        return StreamingChatCall.start(transport, http, request.model(), new EventDecoder(transport.errors(), request.model()), handler);
    }

    /** All pages of the model list. */
    @Override
    public List<ModelInfo> listModels() {
        List<ModelInfo> models = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_MODEL_PAGES; page++) {
            HttpUrl.Builder url = modelsUrl.newBuilder().addQueryParameter("limit", "1000");
            if (after != null) {
                url.addQueryParameter("after_id", after);
            }
            Request http = headers(new Request.Builder().url(url.build()).get()).build();
            ModelPage result = transport.execute(http, null, new JsonBodyReader<>(transport.errors(),
                    json -> ResponseMapper.modelPage(json, transport.errors())));
            models.addAll(ResponseMapper.models(result));
            if (!Boolean.TRUE.equals(result.hasMore()) || result.lastId() == null) {
                break;
            }
            after = result.lastId();
        }
        return List.copyOf(models);
    }

    private Request post(String json, boolean stream) {
        return JsonPost.build(headers(new Request.Builder().url(messagesUrl)), json, stream);
    }

    private Request.Builder headers(Request.Builder builder) {
        builder.header("anthropic-version", API_VERSION);
        if (config.hasApiKey()) {
            builder.header("x-api-key", config.apiKey());
        }
        return builder;
    }

    @Override
    public String toString() {
        return "AnthropicChatModel[" + config.baseUrl() + ", model=" + config.model() + "]";
    }
}
