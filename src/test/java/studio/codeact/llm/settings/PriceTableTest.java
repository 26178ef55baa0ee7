package studio.codeact.llm.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceTableTest {

    @Test
    void theTextFormReadsOneModelALineAndRoundTripsThroughTheSettingsFile() {
        PriceTable table = PriceTable.parse("""
                # dollars per million tokens
                gpt-4o-mini 0.15 0.075 0.6
                claude-sonnet-4-5 3 0.3 15 3.75
                """);

        ObjectNode settings = new ObjectMapper().createObjectNode();
        table.writeTo(settings);
        PriceTable read = PriceTable.read(settings);

        assertThat(read).isEqualTo(table);
        assertThat(read.prices()).containsEntry("claude-sonnet-4-5", new ModelPrice(3, 0.3, 15, 3.75))
                .containsEntry("gpt-4o-mini", new ModelPrice(0.15, 0.075, 0.6, 0.15));
        assertThat(PriceTable.parse(read.toText())).isEqualTo(table);
    }

    @Test
    void aDatedModelIdFindsThePriceOfItsName() {
        PriceTable table = new PriceTable(Map.of("gpt-4o", new ModelPrice(2.5, 1.25, 10, 2.5), "gpt-4o-mini", new ModelPrice(0.15, 0.075, 0.6, 0.15)));

        assertThat(table.forModel("gpt-4o-mini-2024-07-18")).contains(new ModelPrice(0.15, 0.075, 0.6, 0.15));
        assertThat(table.forModel("gpt-4o-2024-08-06")).contains(new ModelPrice(2.5, 1.25, 10, 2.5));
        assertThat(table.forModel("qwen2.5-coder:7b")).isEmpty();
        assertThat(PriceTable.EMPTY.forModel("gpt-4o")).isEmpty();
    }

    @Test
    void aBadLineSaysWhichAndWhatItShouldLookLike() {
        assertThatThrownBy(() -> PriceTable.parse("gpt-4o 2.5 10"))
                .hasMessageContaining("price line 1").hasMessageContaining("MODEL INPUT CACHED_INPUT OUTPUT");
        assertThatThrownBy(() -> PriceTable.parse("\ngpt-4o 2.5 cheap 10"))
                .hasMessageContaining("price line 2").hasMessageContaining("'cheap' is not a number");
        assertThatThrownBy(() -> PriceTable.parse("gpt-4o -1 1 1")).hasMessageContaining("zero or more");
    }

    @Test
    void costCountsEachKindOfTokenAtItsPrice() {
        ModelPrice price = new ModelPrice(3, 0.3, 15, 3.75);

        assertThat(price.cost(1_000_000, 2_000_000, 100_000, 10_000)).isCloseTo(3 + 0.6 + 0.375 + 0.15, org.assertj.core.data.Offset.offset(1e-9));
    }
}
