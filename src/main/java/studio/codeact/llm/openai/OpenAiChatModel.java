package studio.codeact.llm.openai;

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
import studio.codeact.llm.http.HttpClients;
import studio.codeact.llm.http.HttpTransport;
import studio.codeact.llm.http.JsonPost;
import studio.codeact.llm.http.JsonBodyReader;
import studio.codeact.llm.http.StreamingChatCall;
import studio.codeact.llm.openai.internal.ChunkDecoder;
import studio.codeact.llm.openai.internal.RequestMapper;
import studio.codeact.llm.openai.internal.ResponseMapper;

import java.util.List;

/**
 * Any server that speaks OpenAI's Chat Completions API: OpenAI itself, Ollama
 * ({@code http://localhost:11434/v1}), llama.cpp server, vLLM, LM Studio, OpenRouter and the like.
 * The base URL is the part before {@code /chat/completions} and {@code /models}.
 *
 * <p>Streaming uses server-sent events ending in {@code data: [DONE]}, with
 * {@code stream_options.include_usage} for token counts. Images go as data URLs; tools as
 * {@code tools}/{@code tool_calls}. OpenAI reports a stop sequence only as {@code stop}, so
 * {@link studio.codeact.llm.FinishReason#STOP_SEQUENCE} comes only from servers that say which
 * stop string ended the answer (vLLM's {@code stop_reason}).
 *
 * <p>Thread-safe; each call runs on a thread of its own. A request with a tool schema that is not
 * JSON is refused with {@link IllegalArgumentException} before anything is sent.
 */
public final class OpenAiChatModel implements ChatModel {


    private final ProviderConfig config;
    private final HttpTransport transport;
    private final RequestMapper mapper;
    private final HttpUrl chatUrl;
    private final HttpUrl modelsUrl;

    public OpenAiChatModel(ProviderConfig config) {
        this(config, HttpClients.shared());
    }

    /**
     * @param base the OkHttp client whose pool to share (tests and benchmarks pass their own)
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public OpenAiChatModel(ProviderConfig config, OkHttpClient base) {
        this.config = config;
        this.transport = new HttpTransport(config, base);
        HttpUrl root = HttpUrl.parse(config.baseUrl());
        if (root == null) {
            throw new IllegalArgumentException("the base URL '" + config.baseUrl()
                    + "' is not an http:// or https:// URL; check Settings → Model");
        }
        this.chatUrl = root.newBuilder().addPathSegments("chat/completions").build();
        this.modelsUrl = root.newBuilder().addPathSegment("models").build();
        this.mapper = new RequestMapper(root.host().equals("api.openai.com"));
    }

    @Override
    public String provider() {
        return Provider.OPENAI.id();
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
        return StreamingChatCall.start(transport, http, request.model(), new ChunkDecoder(transport.errors(), request.model()), handler);
    }

    @Override
    public List<ModelInfo> listModels() {
        Request http = authorized(new Request.Builder().url(modelsUrl).get()).build();
        return transport.execute(http, null, new JsonBodyReader<>(transport.errors(), json -> ResponseMapper.models(json, transport.errors())));
    }

    private Request post(String json, boolean stream) {
        return JsonPost.build(authorized(new Request.Builder().url(chatUrl)), json, stream);
    }

    private Request.Builder authorized(Request.Builder builder) {
        if (config.hasApiKey()) {
            builder.header("Authorization", "Bearer " + config.apiKey());
        }
        return builder;
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + config.baseUrl() + ", model=" + config.model() + "]";
    }
}
