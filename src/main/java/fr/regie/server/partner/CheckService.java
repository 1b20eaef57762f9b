package fr.regie.server.partner;

import fr.regie.pipeline.CheckReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Partner;
import fr.regie.server.ServerContext;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.http.Problem;
import fr.regie.server.page.Layout;
import fr.regie.server.page.PageRequest;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

/**
 * {@code POST /partners/{id}/check}: a multipart/form-data body with {@code dataset} (or
 * {@code ?dataset=}), one or more {@code mapping} files and at most one {@code sample} file. The
 * parts are streamed to a folder of the check's own (never held in memory), which is deleted when
 * the check ends, whatever happens. One check at a time per partner (429 otherwise), a few at once
 * on the server (503), each within a timeout (504). The answer is the report, as JSON or HTML; a
 * report with mapping errors is a 422 problem whose detail lists them and whose {@code report}
 * member is the whole report, each error naming the uploaded file as it was sent.
 */
final class CheckService implements CheckEndpoint {
    /** How long a refused caller is told to wait before trying again, in seconds. */
    static final int RETRY_AFTER = 10;
    private static final List<MediaFormat> OFFERED = List.of(MediaFormat.JSON, MediaFormat.HTML);

    private final ServerContext context;
    private final Checker checker;
    private final CheckLimits limits;
    private final CheckHistory.Saver saver;
    private final Semaphore slots;
    private final ConcurrentHashMap<String, Boolean> running = new ConcurrentHashMap<>();

    CheckService(ServerContext context, Checker checker, CheckLimits limits, CheckHistory.Saver saver) {
        this.context = context;
        this.checker = checker;
        this.limits = limits;
        this.saver = saver;
        this.slots = new Semaphore(limits.concurrent());
    }

    /** The uploaded parts, saved: mapping files under the names they were sent with. */
    private record Uploaded(Optional<String> dataset, List<Path> mappings, Optional<Path> sample) {}

    /** A refusal of the request, with its status. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpServletRequest req, HttpServletResponse resp, Partner partner) throws IOException {
        String type = Optional.ofNullable(req.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("multipart/form-data")) {
            Problem.send(resp, 415, "send the mapping as multipart/form-data (fields: dataset, mapping, sample), not '" + type + "'");
            return;
        }
        if (req.getContentLengthLong() > limits.requestBytes()) {
            Problem.send(resp, 413, "the request body is larger than " + limits.requestBytes() + " bytes");
            return;
        }
        Optional<MediaFormat> format = Negotiation.negotiate(req, resp, OFFERED);
        if (format.isEmpty()) {
            return;
        }
        if (running.putIfAbsent(partner.id(), Boolean.TRUE) != null) {
            resp.setHeader("Retry-After", Integer.toString(RETRY_AFTER));
            Problem.send(resp, 429, "a check of partner '" + partner.id() + "' is running: one at a time; retry in " + RETRY_AFTER + " s");
            return;
        }
        boolean handedOver = false;
        Path work = null;
        try {
            if (!slots.tryAcquire()) {
                resp.setHeader("Retry-After", Integer.toString(RETRY_AFTER));
                Problem.send(resp, 503, "the server runs " + limits.concurrent() + " checks already; retry in " + RETRY_AFTER + " s");
                return;
            }
            try {
                work = Files.createTempDirectory("regie-check-");
                Uploaded up = receive(req, work);
                DatasetSpec spec = dataset(partner, Optional.ofNullable(req.getParameter("dataset")).or(up::dataset));
                Path folder = work;
                FutureTask<CheckReport> task = new FutureTask<>(() -> checker.run(spec, up.mappings(), up.sample(), folder, limits.timeout()));
                CountDownLatch ended = new CountDownLatch(1);
                Thread.ofVirtual().name("check-" + partner.id()).start(() -> {
                    try {
                        task.run();
                    } finally {
                        // The check's files and slots are released when it ends (a check stopped at the timeout may end later).
                        delete(folder);
                        slots.release();
                        running.remove(partner.id());
                        ended.countDown();
                    }
                });
                handedOver = true;
                answer(req, resp, partner, format.get(), task, ended, folder);
            } catch (Refused r) {
                Problem.send(resp, r.status, r.getMessage());
            } finally {
                if (!handedOver) {
                    slots.release();
                }
            }
        } finally {
            if (!handedOver) {
                running.remove(partner.id());
                if (work != null) {
                    delete(work);
                }
            }
        }
    }

    private void answer(HttpServletRequest req, HttpServletResponse resp, Partner partner, MediaFormat format, FutureTask<CheckReport> task,
                        CountDownLatch ended, Path work) throws IOException {
        CheckReport report;
        try {
            // A little longer than the check's own timeout, which it should keep itself.
            report = task.get(limits.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
            // The check's folder and slots are free before the partner hears back, so that it may post again at once.
            ended.await(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            Problem.send(resp, 504, "the check took longer than " + limits.timeout().toSeconds() + " s and was stopped");
            return;
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            Problem.send(resp, 503, "the server stopped the check");
            return;
        } catch (ExecutionException e) {
            Problem.send(resp, 500, "the check failed: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            return;
        }
        String prefix = work.resolve("mappings").toAbsolutePath() + "/";
        List<String> errors = report.errors().stream().map(e -> e.replace(prefix, "")).toList();
        report = new CheckReport(report.dataset(), report.at(), report.took(), report.ok(), errors, report.rows(), report.triples(),
                report.linkedDirect(), report.linkedThroughHistory(), report.linkedByGeometry(), report.notPlaced(), report.notPlacedRecords(),
                report.conforms(), report.violations(), report.warnings(), report.shaclExamples(), report.undeclaredTerms(), report.added(),
                report.removed(), report.unchanged(), report.removedExamples(), report.sourceNotes());
        String json = report.toJson().replace(prefix, "");
        saver.save(partner.id(), report);
        if (!errors.isEmpty()) {
            ObjectNode problem = PartnerJson.MAPPER.createObjectNode();
            problem.put("status", 422);
            problem.put("title", "Unprocessable Content");
            problem.put("detail", String.join("\n", errors));
            problem.set("report", PartnerJson.MAPPER.readTree(json));
            resp.setStatus(422);
            resp.setContentType("application/problem+json");
            resp.setCharacterEncoding("UTF-8");
            resp.getOutputStream().write(PartnerJson.MAPPER.writeValueAsBytes(problem));
            return;
        }
        if (format == MediaFormat.HTML) {
            PageRequest p = PageRequest.of(context, req, resp);
            Layout.send(req, resp, CheckReportPage.page(p, partner, report));
            return;
        }
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType(MediaFormat.JSON.contentType());
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** One of the partner's own datasets, by id. */
    private DatasetSpec dataset(Partner partner, Optional<String> id) throws Refused {
        List<DatasetSpec> own = PartnerRecords.datasetsOf(context.registry(), partner);
        if (id.isEmpty() || id.get().isBlank()) {
            throw new Refused(400, "dataset: name one of your datasets (" + String.join(", ", own.stream().map(DatasetSpec::id).toList()) + ")");
        }
        return own.stream().filter(d -> d.id().equals(id.get())).findFirst()
                .orElseThrow(() -> new Refused(404, "dataset: '" + id.get() + "' is not one of partner '" + partner.id() + "''s datasets ("
                        + String.join(", ", own.stream().map(DatasetSpec::id).toList()) + ")"));
    }

    /** Streams the parts to {@code work}: {@code mappings/NAME} and {@code sample/NAME}. */
    private Uploaded receive(HttpServletRequest req, Path work) throws IOException, Refused {
        Path parts = Files.createDirectory(work.resolve("parts"));
        // Every part goes to disk at once (threshold 0); Jetty stops reading past the limits.
        req.setAttribute("org.eclipse.jetty.multipartConfig", new MultipartConfigElement(parts.toString(),
                Math.max(limits.mappingBytes(), limits.sampleBytes()), limits.requestBytes(), 0));
        java.util.Collection<Part> all;
        try {
            all = req.getParts();
        } catch (IOException | ServletException | IllegalStateException e) {
            // Jetty says "bad multipart" and gives the reason (a limit passed, a broken body) as the cause.
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null && chain.length() < 2_000; t = t.getCause()) {
                chain.append(chain.length() == 0 ? "" : ": ").append(Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName()));
            }
            String why = chain.toString();
            String lower = why.toLowerCase(Locale.ROOT);
            boolean size = lower.contains("max") || lower.contains("exceed") || lower.contains("too large") || lower.contains("limit");
            throw new Refused(size ? 413 : 400, size ? "a part or the whole body is too large (mapping " + limits.mappingBytes()
                    + " bytes, sample " + limits.sampleBytes() + " bytes at most): " + why : "the multipart body could not be read: " + why);
        }
        Optional<String> dataset = Optional.empty();
        List<Path> mappings = new ArrayList<>();
        Optional<Path> sample = Optional.empty();
        Path mappingDir = Files.createDirectory(work.resolve("mappings"));
        Path sampleDir = Files.createDirectory(work.resolve("sample"));
        for (Part p : all) {
            switch (p.getName()) {
                case "dataset" -> {
                    if (p.getSize() > 200) {
                        throw new Refused(400, "dataset: an identifier, not " + p.getSize() + " bytes");
                    }
                    try (InputStream in = p.getInputStream()) {
                        dataset = Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
                    }
                }
                case "mapping" -> {
                    if (p.getSize() > limits.mappingBytes()) {
                        throw new Refused(413, "mapping '" + p.getSubmittedFileName() + "': " + p.getSize() + " bytes, more than "
                                + limits.mappingBytes());
                    }
                    if (mappings.size() == limits.mappingFiles()) {
                        throw new Refused(413, "mapping: " + limits.mappingFiles() + " files at most");
                    }
                    mappings.add(save(p, mappingDir, "mapping-" + (mappings.size() + 1) + ".ttl"));
                }
                case "sample" -> {
                    if (sample.isPresent()) {
                        throw new Refused(400, "sample: one file at most");
                    }
                    if (p.getSize() > limits.sampleBytes()) {
                        throw new Refused(413, "sample: " + p.getSize() + " bytes, more than " + limits.sampleBytes());
                    }
                    sample = Optional.of(save(p, sampleDir, "sample"));
                }
                default -> throw new Refused(400, "unknown field '" + p.getName() + "' (fields: dataset, mapping, sample)");
            }
        }
        if (mappings.isEmpty()) {
            throw new Refused(400, "mapping: send at least one mapping file (Turtle, R2RML or RML) in a part named 'mapping'");
        }
        return new Uploaded(dataset, List.copyOf(mappings), sample);
    }

    /**
     * Saves a part under the name it was sent with, made safe (its last segment, letters, digits,
     * dot, dash and underscore; the same name twice gets a number): errors then name the partner's
     * own file.
     */
    static Path save(Part p, Path dir, String fallback) throws IOException {
        String sent = Optional.ofNullable(p.getSubmittedFileName()).orElse("");
        String name = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = fallback;
        }
        name = name.length() > 100 ? name.substring(name.length() - 100) : name;
        Path target = dir.resolve(name);
        for (int i = 2; Files.exists(target); i++) {
            target = dir.resolve(i + "-" + name);
        }
        try (InputStream in = p.getInputStream()) {
            Files.copy(in, target);
        }
        p.delete();
        return target;
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(CheckService.class).warn("could not delete the check folder {}: {}", dir, e.toString());
        }
    }
}
