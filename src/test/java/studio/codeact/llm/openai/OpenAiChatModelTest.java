package studio.codeact.llm.openai;

import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatModelContractTest;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.ProviderWire;

/** The provider contract over OpenAI's Chat Completions wire format, plus what only this provider does. */
class OpenAiChatModelTest extends ChatModelContractTest {

    @Override
    protected ProviderWire wire() {
        return new OpenAiWire();
    }

    @Override
    protected ChatModel model(ProviderConfig config) {
        return new OpenAiChatModel(config);
    }
}
