package fr.regie.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that turns an error written as something else than a problem document into one.
 * Fuseki answers its errors itself ({@code ServletOps.responseSendError}: the status, then the
 * message as {@code text/plain}), without going through the servlet container's error handler.
 * Once the status is 400 or more, a body of any other type than {@code application/problem+json}
 * is kept aside (its first few kilobytes) instead of being sent, and sent as the problem's
 * {@code detail} when it is closed or when the request ends. Successful answers and Régie's own
 * problems pass through untouched.
 */
final class ProblemResponse extends HttpServletResponseWrapper {
    /** The most of a message kept: Fuseki's are a line or a parse error. */
    private static final int MAX_MESSAGE = 4096;

    private final Capture capture = new Capture();
    private String contentType;
    /** The body passed through to the real response (a success, or a problem). */
    private boolean passedThrough;
    private boolean sent;
    private PrintWriter writer;

    ProblemResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setContentType(String type) {
        contentType = type;
        if (!diverted()) {
            super.setContentType(type);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
        } else if (!(name.equalsIgnoreCase("Content-Length") && diverted())) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
        } else if (!(name.equalsIgnoreCase("Content-Length") && diverted())) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setContentLength(int len) {
        if (!diverted()) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (!diverted()) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (!diverted()) {
            super.setCharacterEncoding(charset);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (diverted()) {
            return capture;
        }
        passedThrough = true;
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (diverted()) {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(capture, StandardCharsets.UTF_8));
            }
            return writer;
        }
        passedThrough = true;
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!diverted()) {
            super.flushBuffer();
        }
    }

    @Override
    public void resetBuffer() {
        capture.kept.reset();
        super.resetBuffer();
    }

    @Override
    public void reset() {
        capture.kept.reset();
        contentType = null;
        passedThrough = false;
        super.reset();
    }

    /**
     * Called when the request has gone through: an error whose body was kept aside, or that had
     * no body at all, is sent as a problem now.
     */
    void finish() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (getStatus() >= 400 && !sent && !passedThrough && !isCommitted()) {
            send();
        }
    }

    /**
     * An error status with a body that is not already a problem document, while the answer can
     * still change (a partial success not yet sent is dropped by {@link Problem#send}).
     */
    private boolean diverted() {
        return getStatus() >= 400 && !sent && !isCommitted()
                && (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json"));
    }

    private void send() throws IOException {
        sent = true;
        String message = capture.kept.toString(StandardCharsets.UTF_8).strip();
        // A server failure's message is Java's (a class name, an internal state): not for clients.
        int status = getStatus();
        String detail = status == SC_INTERNAL_SERVER_ERROR || message.isEmpty() ? ProblemErrorHandler.detail(status, null) : message;
        Problem.send((HttpServletResponse) getResponse(), status, detail);
    }

    /** The kept-aside body; closing it sends the problem at once, as the response would have ended. */
    private final class Capture extends ServletOutputStream {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (kept.size() < MAX_MESSAGE) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            kept.write(b, off, Math.max(0, Math.min(len, MAX_MESSAGE - kept.size())));
        }

        @Override
        public void print(String s) {
            byte[] bytes = String.valueOf(s).getBytes(StandardCharsets.UTF_8);
            write(bytes, 0, bytes.length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("an error message is written synchronously");
        }

        @Override
        public void close() throws IOException {
            if (!sent) {
                send();
            }
        }
    }
}
