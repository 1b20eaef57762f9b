package fr.regie.server.http;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): a status, a title and
 * a detail saying what was wrong with the request. Never a stack trace.
 */
public final class Problem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problem() {}

    public static void send(HttpServletResponse resp, int status, String detail) throws IOException {
        send(resp, status, detail, java.util.Map.of());
    }

    /** A problem with members of its own besides the standard ones (RFC 9457 extension members: text values). */
    public static void send(HttpServletResponse resp, int status, String detail, java.util.Map<String, String> members) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(body(status, detail, members));
    }

    /** The problem document of a status and detail, as UTF-8 JSON. */
    public static byte[] body(int status, String detail) {
        return body(status, detail, java.util.Map.of());
    }

    private static byte[] body(int status, String detail, java.util.Map<String, String> members) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", status);
        body.put("title", title(status));
        body.put("detail", detail);
        members.forEach(body::put);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
