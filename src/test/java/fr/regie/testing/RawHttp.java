package fr.regie.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written by hand on a socket, for what Java's HTTP client will not send: a {@code Host}
 * of our choosing, an absolute request target, a malformed line. One request per connection.
 */
public record RawHttp(int status, List<String[]> headers, String body) {

    /** Sends {@code head} (request line and headers, without the blank line) and an optional body. */
    public static RawHttp send(int port, String head, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String request = head.strip() + "\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Length: " + content.length + "\r\n") + "\r\n";
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(s.getInputStream());
        }
    }

    /** GET {@code target} with this {@code Host} and further header lines ("Name: value"). */
    public static RawHttp get(int port, String target, String host, String... headerLines) throws IOException {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headerLines) {
            head.append(h).append("\r\n");
        }
        return send(port, head.toString(), null);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
    }

    /** The media type, without parameters, in lower case ("" when there is none). */
    public String mediaType() {
        return header("Content-Type").map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    private static RawHttp parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("no complete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()});
        }
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding") && h[1].equalsIgnoreCase("chunked"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = end + 4;
        if (!chunked) {
            body.write(all, at, all.length - at);
        } else {
            while (true) {
                int lineEnd = indexOf(all, new byte[] {'\r', '\n'}, at);
                int size = Integer.parseInt(new String(all, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                body.write(all, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }
        return new RawHttp(status, List.copyOf(headers), body.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        for (int i = from; i + what.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }
}
