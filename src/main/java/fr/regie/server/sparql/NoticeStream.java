package fr.regie.server.sparql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import fr.regie.server.sparql.TruncationNotice.Room;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The body of a response as {@link TruncationNotice} extends it: bytes pass through, except
 * that a JSON answer gets its announcement right after its opening brace and a line-based or
 * XML one gets it at the end. Whether there is anything to announce, and where, is read from
 * the response's headers at the first byte (they are final by then).
 */
final class NoticeStream extends ServletOutputStream {
    private final ServletOutputStream out;
    private final HttpServletResponse response;
    private Optional<Truncation> notice;
    private Room room;
    /** Whether the JSON member still waits for the opening brace. */
    private boolean memberPending;

    NoticeStream(ServletOutputStream out, HttpServletResponse response) {
        this.out = out;
        this.response = response;
    }

    private void decide() {
        if (notice == null) {
            notice = Truncation.parse(response.getHeader(Truncation.HEADER));
            room = notice.isPresent() ? TruncationNotice.roomIn(response.getContentType()) : Room.NONE;
            memberPending = room == Room.JSON_MEMBER;
        }
    }

    @Override
    public void write(int b) throws IOException {
        decide();
        out.write(b);
        if (memberPending && b == '{') {
            memberPending = false;
            out.write(member());
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        decide();
        if (memberPending) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '{') {
                    out.write(b, off, i + 1 - off);
                    memberPending = false;
                    out.write(member());
                    out.write(b, i + 1, off + len - i - 1);
                    return;
                }
            }
        }
        out.write(b, off, len);
    }

    private byte[] member() {
        Truncation t = notice.orElseThrow();
        String detail = new String(JsonStringEncoder.getInstance().quoteAsString(t.sentence()));
        return (" \"truncated\": { \"unit\": \"" + t.unit() + "\", \"limit\": " + t.limit() + ", \"detail\": \"" + detail + "\" },")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Writes what comes after the body, if anything; called once the servlet has answered. */
    void finish() throws IOException {
        decide();
        String tail = switch (room) {
            case LAST_LINE -> "# " + notice.orElseThrow().sentence() + "\n";
            case XML_COMMENT -> "<!-- " + notice.orElseThrow().sentence() + " -->\n";
            default -> null;
        };
        if (tail != null) {
            out.write(tail.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        out.setWriteListener(listener);
    }
}
