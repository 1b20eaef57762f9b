package fr.regie.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the partner guide's test reads a guide: marks, commands, and when printed output diverges from the guide's. */
class GuideStepsTest {
    @TempDir
    Path dir;

    @Test
    void marksCommandsContinuationsAndExitCodes() throws IOException {
        Path g = dir.resolve("g.md");
        Files.writeString(g, """
                text
                <!-- guide-test -->
                ```sh
                ./regie check --store a/b \\
                    ds --strict
                ls -l
                ```
                <!-- guide-test exit=1 -->

                ```sh
                ./regie refresh x
                ```
                <!-- guide-test: output -->
                ```
                x accepted v1 (9.9 s)
                ```
                ```sh
                ./regie not-marked
                ```
                """);
        List<GuideSteps.Step> s = GuideSteps.read(g).steps();
        assertEquals(List.of(GuideSteps.Kind.COMMANDS, GuideSteps.Kind.COMMANDS, GuideSteps.Kind.OUTPUT), s.stream().map(GuideSteps.Step::kind).toList());
        assertEquals(List.of(List.of("check", "--store", "a/b", "ds", "--strict")), s.get(0).commands());
        assertEquals(1, s.get(1).exit());
        assertEquals(0, s.get(0).exit());
        assertEquals(List.of("x accepted v1 (9.9 s)"), s.get(2).lines());
    }

    @Test
    void aMarkWithoutABlockIsAnError() throws IOException {
        Path g = dir.resolve("g.md");
        Files.writeString(g, "<!-- guide-test -->\nno block\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> GuideSteps.read(g)).getMessage().contains("g.md:1"));
    }

    @Test
    void durationsAndPaddingAsideAnyOtherDifferenceIsMissing() {
        String printed = "france-services      accepted  v1        5,690 rows  +66,778 -0 triples  conforms  10.7 s\n  live version: 0\n";
        assertEquals(List.of(), GuideSteps.missing(List.of("france-services accepted  v1  5,690 rows  +66,778 -0 triples  conforms  8.0 s",
                "live version: 0", ""), printed));
        assertEquals(List.of("france-services accepted v1 5,691 rows +66,778 -0 triples conforms 8.0 s"),
                GuideSteps.missing(List.of("france-services accepted v1 5,691 rows +66,778 -0 triples conforms 8.0 s"), printed));
        assertEquals(List.of("live version: 1"), GuideSteps.missing(List.of("live version: 1"), printed));
    }
}
