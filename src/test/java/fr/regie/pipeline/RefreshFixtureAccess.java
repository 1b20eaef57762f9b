package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests of other packages write the refresh fixture's registry. */
public final class RefreshFixtureAccess {
    private RefreshFixtureAccess() {}

    public static Path write(Path dir, String jdbcUrl) throws IOException {
        return RefreshFixture.write(dir, jdbcUrl);
    }
}
