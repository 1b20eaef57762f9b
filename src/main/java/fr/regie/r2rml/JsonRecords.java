package fr.regie.r2rml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

/**
 * The records of a JSON document under the {@code rml:JSONPath} formulation: each match of the
 * iterator is a record, and a reference is a JSONPath expression evaluated on it. An iterator of
 * the common form {@code $.a.b[*]} (field names, then {@code [*]}) is streamed: one record is held
 * at a time, whatever the document's size. Any other iterator needs the whole document, which is
 * refused above a size limit (256 MB by default) rather than exhausting the heap.
 */
public final class JsonRecords implements Records {
    /** The largest document read whole (an iterator that cannot be streamed). */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Configuration CONF = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER)).mappingProvider(new JacksonMappingProvider(MAPPER))
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS).build();
    /** {@code $}, {@code $.a}, {@code $['a']}, … ending with {@code [*]}: what can be streamed. */
    private static final Pattern STREAMABLE = Pattern.compile("\\$((?:\\.[A-Za-z_][A-Za-z0-9_]*|\\['[^'\\\\]*'\\])*)\\[\\*\\]");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\['([^'\\\\]*)'\\]");

    private final String name;
    private final InputStream in;
    private final Iterator<JsonNode> whole;
    private final JsonParser stream;
    private final Map<String, JsonPath> paths = new HashMap<>();
    private JsonNode current;
    private long number;
    private long line;
    private boolean streamEnded;

    private JsonRecords(String name, InputStream in, Iterator<JsonNode> whole, JsonParser stream) {
        this.name = name;
        this.in = in;
        this.whole = whole;
        this.stream = stream;
    }

    /**
     * Opens the records of {@code in} (closed with the records); {@code name} names the document in
     * messages, {@code iterator} defaults to {@code $}; {@code maxBytes} bounds a document read whole.
     */
    public static JsonRecords open(InputStream in, String name, Optional<String> iterator, long maxBytes) throws IOException {
        String it = iterator.orElse("$").strip();
        Matcher m = STREAMABLE.matcher(it);
        try {
            if (m.matches()) {
                JsonParser p = MAPPER.getFactory().createParser(in);
                JsonRecords r = new JsonRecords(name, in, null, p);
                r.descend(steps(m.group(1)));
                return r;
            }
            JsonNode doc = MAPPER.readTree(new Bounded(in, maxBytes, name));
            JsonNode matches = JsonPath.using(CONF).parse(doc == null ? MAPPER.nullNode() : doc).read(JsonPath.compile(it));
            List<JsonNode> records = new ArrayList<>();
            matches.forEach(records::add);
            return new JsonRecords(name, in, records.iterator(), null);
        } catch (JsonProcessingException e) {
            in.close();
            throw new IOException(name + ", line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static List<String> steps(String path) {
        List<String> out = new ArrayList<>();
        Matcher s = STEP.matcher(path);
        while (s.find()) {
            out.add(s.group(1) != null ? s.group(1) : s.group(2));
        }
        return out;
    }

    /** Moves the parser into the container the iterator selects, or to the end when there is none. */
    private void descend(List<String> steps) throws IOException {
        JsonToken t = stream.nextToken();
        for (String step : steps) {
            if (t != JsonToken.START_OBJECT) {
                streamEnded = true;
                return;
            }
            boolean found = false;
            while ((t = stream.nextToken()) == JsonToken.FIELD_NAME) {
                String field = stream.currentName();
                t = stream.nextToken();
                if (field.equals(step)) {
                    found = true;
                    break;
                }
                stream.skipChildren();
            }
            if (!found) {
                streamEnded = true;
                return;
            }
        }
        if (t != JsonToken.START_ARRAY && t != JsonToken.START_OBJECT) {
            streamEnded = true;
        }
    }

    @Override
    public boolean next() throws IOException {
        if (whole != null) {
            if (!whole.hasNext()) {
                current = null;
                return false;
            }
            current = whole.next();
            number++;
            return true;
        }
        try {
            if (streamEnded) {
                current = null;
                return false;
            }
            JsonToken t = stream.nextToken();
            if (t == JsonToken.FIELD_NAME) {
                t = stream.nextToken();
            }
            if (t == null || t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                streamEnded = true;
                current = null;
                return false;
            }
            line = stream.currentTokenLocation().getLineNr();
            current = MAPPER.readTree(stream);
            number++;
            return true;
        } catch (JsonProcessingException e) {
            throw new IOException(name + ", line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public List<Value> values(String reference) {
        JsonPath path = paths.computeIfAbsent(reference, JsonPath::compile);
        JsonNode found = JsonPath.using(CONF).parse(current).read(path);
        List<Value> out = new ArrayList<>(found.size());
        for (JsonNode n : found) {
            Value v = value(n, reference);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The natural RDF literal of a JSON value (RML-Core §6.4): strings plain, numbers and booleans typed. */
    private Value value(JsonNode n, String reference) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return Value.string(n.textValue());
        }
        if (n.isBoolean()) {
            return new Value(n.booleanValue() ? "true" : "false", XSDDatatype.XSDboolean);
        }
        if (n.isIntegralNumber()) {
            return new Value(n.bigIntegerValue().toString(), XSDDatatype.XSDinteger);
        }
        if (n.isNumber()) {
            return new Value(canonicalDouble(n.decimalValue()), XSDDatatype.XSDdouble);
        }
        throw new SourceException(where(), "the reference " + reference + " gives a JSON " + (n.isArray() ? "array" : "object")
                + ", not a value (select its items, for example " + reference + "[*])");
    }

    /** The canonical lexical form of an xsd:double: one digit before the point, an exponent ({@code 3.0E1}). */
    static String canonicalDouble(BigDecimal d) {
        if (d.signum() == 0) {
            return "0.0E0";
        }
        BigDecimal s = d.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - s.scale();
        String rest = digits.substring(1);
        return (s.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + (rest.isEmpty() ? "0" : rest) + "E" + exponent;
    }

    @Override
    public String where() {
        return name + ", record " + number + (line > 0 ? " (line " + line + ")" : "");
    }

    @Override
    public long hash() {
        long h = 0xcbf29ce484222325L;
        String text = current == null ? "" : current.toString();
        for (int k = 0; k < text.length(); k++) {
            h = (h ^ text.charAt(k)) * 0x100000001b3L;
        }
        return h;
    }

    @Override
    public void close() throws IOException {
        try {
            if (stream != null) {
                stream.close();
            }
        } finally {
            in.close();
        }
    }

    /** Refuses to read past {@code max} bytes, naming the document and the limit. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private final String name;
        private long read;

        Bounded(InputStream in, long max, String name) {
            super(in);
            this.max = max;
            this.name = name;
        }

        private void count(long n) throws IOException {
            read += Math.max(n, 0);
            if (read > max) {
                throw new IOException(name + ": the JSON document is larger than " + max + " bytes, the limit for an iterator"
                        + " that needs the whole document (use an iterator of the form $.field[*], which is streamed, or raise the limit)");
            }
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(n);
            return n;
        }
    }
}
