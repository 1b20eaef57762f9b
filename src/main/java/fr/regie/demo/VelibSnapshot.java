package fr.regie.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the opendata.paris.fr export of Vélib' availability (UTF-8 with a byte order mark, CRLF,
 * {@code ;}, no quoted fields, coordinates as one {@code "lat, lon"} field, OUI/NON flags) into
 * stations. It reads this one file as it is published; anything else is refused with its line.
 */
final class VelibSnapshot {
    private static final int COLUMNS = 15;

    private VelibSnapshot() {}

    static List<VelibStation> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<VelibStation> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(";", -1);
            if (f.length != COLUMNS || line.indexOf('"') >= 0) {
                throw new IOException(csv + ", line " + (i + 1) + ": expected " + COLUMNS + " unquoted fields separated by ';'");
            }
            try {
                String[] latLon = f[11].split(",\\s*");
                int mechanical = Integer.parseInt(f[6]);
                int ebike = Integer.parseInt(f[7]);
                out.add(new VelibStation(f[0], f[1], Double.parseDouble(latLon[0]), Double.parseDouble(latLon[1]),
                        Integer.parseInt(f[3]), Integer.parseInt(f[4]) + mechanical + ebike, f[2].equals("OUI"), f[8].equals("OUI"),
                        f[9].equals("OUI"), mechanical, ebike, OffsetDateTime.parse(f[10]).toEpochSecond()));
            } catch (RuntimeException e) {
                throw new IOException(csv + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
