package fr.regie.testing;

import java.io.IOException;
import java.nio.file.Path;

import fr.regie.store.Store;

/**
 * A child process that holds a store, as a running server does: it opens the store named by its
 * argument, says {@code held}, and keeps it until its standard input closes.
 */
public final class StoreHolder {
    private StoreHolder() {}

    public static void main(String[] args) throws IOException {
        try (Store store = Store.open(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close our input.
            }
        }
    }

    /** Starts a holder of {@code store} and waits until it holds it. */
    public static Process start(Path store) throws IOException {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xmx128m", StoreHolder.class.getName(), store.toString())
                .redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("held")) {
                return p;
            }
            seen.append(line).append('\n');
        }
        throw new IOException("the store holder stopped without holding " + store + ": " + seen);
    }
}
