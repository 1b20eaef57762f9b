package fr.regie.cli.draft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.source.CsvReader;
import fr.regie.source.XlsxSheet;

/**
 * The first records of a partner's file, enough to draft a mapping: the columns (or JSON keys) as
 * the file spells them, and up to {@code limit} records of text values. For JSON, the iterator
 * given, else the first array of objects found (breadth first), written as a JSONPath.
 */
record FileSample(Path file, Kind kind, List<String> columns, List<Map<String, String>> rows, Optional<String> iterator,
                  Optional<String> sheet) {
    /** How the file is read. */
    enum Kind { CSV, XLSX, JSON }

    static FileSample read(Path file, Optional<String> iterator, int limit) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".geojson")) {
            return json(file, iterator, limit);
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
            return xlsx(file, limit);
        }
        return csv(file, limit);
    }

    private static FileSample csv(Path file, int limit) throws IOException {
        try (CsvReader in = CsvReader.open(file, StandardCharsets.UTF_8)) {
            List<String> columns = in.header();
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> r = in.next(); r != null && rows.size() < limit; r = in.next()) {
                rows.add(row(columns, r));
            }
            return new FileSample(file, Kind.CSV, columns, rows, Optional.empty(), Optional.empty());
        }
    }

    private static FileSample xlsx(Path file, int limit) throws IOException {
        String sheetName;
        List<String> columns = new ArrayList<>();
        int headerRow = 1;
        // The header as the sheet shows it: the first row with a value (title rows are rare in partners' files).
        try (Workbook wb = WorkbookFactory.create(file.toFile(), null, true)) {
            Sheet sheet = wb.getSheetAt(0);
            sheetName = sheet.getSheetName();
            DataFormatter f = new DataFormatter(Locale.ROOT);
            for (int i = sheet.getFirstRowNum(); i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                if (row != null && row.getLastCellNum() > 0) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        columns.add(row.getCell(c) == null ? "" : f.formatCellValue(row.getCell(c)).strip());
                    }
                    headerRow = i + 1;
                    break;
                }
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (XlsxSheet in = XlsxSheet.open(file, sheetName, headerRow)) {
            for (List<String> r = in.next(); r != null && rows.size() < limit; r = in.next()) {
                rows.add(row(columns, r));
            }
        }
        return new FileSample(file, Kind.XLSX, columns, rows, Optional.empty(), Optional.of(sheetName));
    }

    private static Map<String, String> row(List<String> columns, List<String> values) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), i < values.size() && values.get(i) != null ? values.get(i) : "");
        }
        return m;
    }

    private static FileSample json(Path file, Optional<String> iterator, int limit) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        String path = iterator.orElseGet(() -> firstArrayOfObjects(root)
                .orElseThrow(() -> new IllegalArgumentException(file + ": no array of objects found; give --iterator '$.x[*]'")));
        JsonNode array = resolve(root, path)
                .orElseThrow(() -> new IllegalArgumentException(file + ": the iterator " + path + " finds no array (this draft reads $.a.b[*] paths)"));
        Set<String> keys = new LinkedHashSet<>();
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isObject() && objects.size() < limit) {
                objects.add(n);
                n.fieldNames().forEachRemaining(keys::add);
            }
        }
        List<String> columns = List.copyOf(keys);
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode o : objects) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (String k : columns) {
                JsonNode v = o.get(k);
                m.put(k, v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
            }
            rows.add(m);
        }
        return new FileSample(file, Kind.JSON, columns, rows, Optional.of(path), Optional.empty());
    }

    /** {@code $[*]} or {@code $.a.b[*]} of the first array of objects, breadth first. */
    static Optional<String> firstArrayOfObjects(JsonNode root) {
        List<Map.Entry<String, JsonNode>> queue = new ArrayList<>(List.of(Map.entry("$", root)));
        for (int i = 0; i < queue.size() && i < 10_000; i++) {
            String at = queue.get(i).getKey();
            JsonNode n = queue.get(i).getValue();
            if (n.isArray() && n.size() > 0 && n.get(0).isObject()) {
                return Optional.of(at + "[*]");
            }
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + e.getKey() : "['" + e.getKey().replace("'", "\\'") + "']";
                    queue.add(Map.entry(at + key, e.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    /** The array a simple JSONPath ({@code $}, then {@code .key} or {@code ['key']} steps, then {@code [*]}) names. */
    static Optional<JsonNode> resolve(JsonNode root, String path) {
        if (!path.startsWith("$") || !path.endsWith("[*]")) {
            return Optional.empty();
        }
        String steps = path.substring(1, path.length() - 3);
        JsonNode n = root;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\['((?:[^'\\\\]|\\\\.)*)'\\]").matcher(steps);
        int at = 0;
        while (at < steps.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            String key = m.group(1) != null ? m.group(1) : m.group(2).replace("\\'", "'");
            n = n.get(key);
            if (n == null) {
                return Optional.empty();
            }
            at = m.end();
        }
        return n.isArray() ? Optional.of(n) : Optional.empty();
    }
}
