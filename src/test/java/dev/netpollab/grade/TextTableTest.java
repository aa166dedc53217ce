package dev.netpollab.grade;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {
    private static TextTable table() {
        return new TextTable("ID", "TOPICS")
                .row("short", "egress")
                .row("a-longer-id", "egress, dns, services, cross-namespace, default-deny")
                .row(Colors.detect(false).green("x"), "\u001b[32mcoloured, topics, that, are, long\u001b[0m");
    }

    @Test
    @DisplayName("columns line up three spaces apart; without a width every line is whole")
    void whole() {
        assertThat(table().lines()).containsExactly(
                "ID            TOPICS",
                "short         egress",
                "a-longer-id   egress, dns, services, cross-namespace, default-deny",
                "x             \u001b[32mcoloured, topics, that, are, long\u001b[0m");
    }

    @Test
    @DisplayName("fitted to a terminal, a long last cell is cut between words with … so no line wraps; short cells and coloured text stay whole")
    void fitted() {
        var lines = table().fitTo(40).lines();
        assertThat(lines.get(1)).isEqualTo("short         egress");
        assertThat(lines.get(2)).isEqualTo("a-longer-id   egress, dns, services, …");
        assertThat(Colors.width(lines.get(2))).isLessThan(40);
        assertThat(lines.get(3)).endsWith("long\u001b[0m");
        // No room worth cutting to: the line is left as it is rather than cut to nothing.
        assertThat(table().fitTo(18).lines().get(2)).endsWith("default-deny");
    }
}
