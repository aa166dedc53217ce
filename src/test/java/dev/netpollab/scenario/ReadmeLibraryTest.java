package dev.netpollab.scenario;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README's library list is generated from the scenario files; this test fails as soon as they disagree. */
class ReadmeLibraryTest {
    private static final Path README = Path.of("README.md");
    private static final ScenarioLibrary LIB = ScenarioLibrary.loadPaths(List.of(Path.of("scenarios")));

    @Test
    @DisplayName("README.md lists exactly the library of scenarios/ (run `make readme` after adding or changing a scenario)")
    void readmeMatchesTheFiles() throws IOException {
        assertThat(LIB.problems()).isEmpty();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertThat(LibraryListing.current(readme)).as("README.md's library list is out of date: run `make readme`")
                .isEqualTo(LibraryListing.markdown(LIB));
        assertThat(LibraryListing.counts(readme)).as("every \"N scenarios\" of README.md counts the whole library: run `make readme`")
                .isNotEmpty().containsOnly(LIB.scenarios().size() + " scenarios");
    }

    @Test
    @DisplayName("the list names every scenario, every exam set and the level counts, from the files and nothing else")
    void listingComesFromTheFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("07-tiny.yaml"), ScenarioTexts.VALID);
        Files.writeString(dir.resolve("set.yaml"), """
                apiVersion: netpol-lab/v1
                kind: ExamSet
                metadata: {name: tiny-set, title: "A | tiny set"}
                minutes: 10
                tasks: [{scenario: tiny-shop, weight: 3}]
                """);
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        String md = LibraryListing.markdown(lib);
        assertThat(md).startsWith(LibraryListing.BEGIN).endsWith(LibraryListing.END)
                .contains("1 scenarios: 1 easy, 0 medium, 0 hard")
                .contains("| 07 | `tiny-shop` | Tiny shop | easy | 5 | default-deny |")
                .contains("| `tiny-set` | A \\| tiny set | 1 | 10 | 67 % |");
    }

    @Test
    @DisplayName("rewriting replaces the block and the counts only, is idempotent, and refuses a README without markers")
    void rewrite() {
        String before = "# Title\n30 scenarios (0 passed).\n\nintro\n" + LibraryListing.BEGIN + "\nstale\n" + LibraryListing.END + "\n\n## Next\ntext\n";
        String after = LibraryListing.rewrite(before, LIB);
        int n = LIB.scenarios().size();
        assertThat(after).startsWith("# Title\n" + n + " scenarios (0 passed).\n\nintro\n").endsWith("\n\n## Next\ntext\n")
                .doesNotContain("stale").contains(LibraryListing.markdown(LIB));
        assertThat(LibraryListing.rewrite(after, LIB)).isEqualTo(after);
        assertThatThrownBy(() -> LibraryListing.rewrite("# no block here\n", LIB)).isInstanceOf(UserError.class)
                .hasMessageContaining(LibraryListing.BEGIN);
    }
}
