package fr.regie.server.http;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import org.eclipse.jetty.http.HttpException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads a request body sent without a length (in chunks) before anyone else does, so that a
 * body past the limit ({@link Connections}) or a broken chunk is the client's error (413, 400 as
 * problem+json) and not a failure in the middle of Fuseki's own reading, which it answered 500.
 * The body is at most the limit, held in memory once; a body with a declared length is left as
 * it is (Jetty refuses one too long from its length alone).
 */
public final class ChunkedBodies implements Filter {
    private final java.util.List<Upload> uploads;

    /** Holds every chunked body but those sent to {@code uploads}, which their endpoints stream. */
    public ChunkedBodies(java.util.List<Upload> uploads) {
        this.uploads = java.util.List.copyOf(uploads);
    }

    public ChunkedBodies() {
        this(java.util.List.of());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || req.getContentLengthLong() >= 0 || req.getHeader("Transfer-Encoding") == null
                || uploads.stream().anyMatch(u -> u.matches(req.getRequestURI().substring(req.getContextPath().length())))) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse resp = (HttpServletResponse) response;
        try {
            if (isForm(req)) {
                req.getParameterMap(); // Jetty reads and parses the form now
                chain.doFilter(request, response);
            } else {
                byte[] body = req.getInputStream().readAllBytes();
                chain.doFilter(new Held(req, body), response);
            }
        } catch (IOException | RuntimeException e) {
            int status = clientStatus(e);
            if (status == 0) {
                throw e;
            }
            Problem.send(resp, status, status == 413
                    ? "the request body is larger than this server takes (a query of up to its longest length fits)"
                    : "the request body could not be read: " + e.getMessage());
        }
    }

    private static boolean isForm(HttpServletRequest req) {
        String type = req.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The 4xx status Jetty gave a failure in reading the body, or 0 if it is not the client's. */
    private static int clientStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return h.getCode();
            }
        }
        return 0;
    }

    /** A request whose body has been read already. */
    private static final class Held extends HttpServletRequestWrapper {
        private final byte[] body;

        Held(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
        }

        private Charset charset() throws IOException {
            String name = getCharacterEncoding();
            try {
                return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new java.io.UnsupportedEncodingException(name);
            }
        }
    }
}
