package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentTest {
    @Test
    void fractionsThatReadBackExactlyAreWrittenAsPercentages() {
        assertThat(Percent.format(0.05)).isEqualTo("5%");
        assertThat(Percent.format(0.5)).isEqualTo("50%");
        assertThat(Percent.format(0.07)).isEqualTo("7%");
        assertThat(Percent.format(0.125)).isEqualTo("12.5%");
        assertThat(Percent.format(0)).isEqualTo("0%");
        assertThat(Percent.format(1)).isEqualTo("100%");
    }

    @Test
    void otherFractionsStayFractionsSoNothingIsLost() {
        String written = Percent.format(1.0 / 3);

        assertThat(written).doesNotEndWith("%");
        assertThat(Double.parseDouble(written)).isEqualTo(1.0 / 3);
    }
}
