package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsNestedValuesInOrderWithTheirTypes() {
        Object value = Json.parse(" {\"b\": [1, 5000000000, -2.5e3, true, false, null, {}, []],"
                + " \"a\": \"q\\\"\\\\\\n\\u00e9^[a-z]$\"} ");
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("b", "a");
        assertThat((List<?>) map.get("b"))
                .isEqualTo(Arrays.asList(1, 5_000_000_000L, -2500.0, true, false, null, Map.of(), List.of()));
        assertThat(map.get("a")).isEqualTo("q\"\\\né^[a-z]$");
    }

    @Test
    void reportsWhereTheInputIsBroken() {
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessage("expected ':' at offset 5");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessage("expected ']' at offset 5");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessage("expected end of input at offset 3");
    }
}
