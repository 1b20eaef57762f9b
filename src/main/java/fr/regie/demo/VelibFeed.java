package fr.regie.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Vélib' GBFS feed, built from the availability snapshot: serves
 * {@code /station_status.json} (bikes by kind, free docks, flags, {@code last_reported}) and
 * {@code /station_information.json} (name, position, capacity). Each call to the status after
 * the first moves the clock one tick (60 s) and a few stations' bikes by a seeded walk, so a
 * poller sees a feed that changes, the same way on every run; told to {@link #hold}, it stops
 * changing and answers {@code If-None-Match} with 304.
 */
public final class VelibFeed implements AutoCloseable {
    /** The snapshot the demo ships. */
    public static final Path SNAPSHOT = Path.of("examples/plaine-commune/velib-live/velib-disponibilite-en-temps-reel.csv");
    private static final int TTL = 60;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Random walk;
    private final ObjectMapper json = new ObjectMapper();
    private final long start;
    private List<VelibStation> stations;
    private long tick;
    private boolean served;
    private boolean holding;

    private VelibFeed(List<VelibStation> stations, long seed, int port) throws IOException {
        this.stations = List.copyOf(stations);
        this.walk = new Random(seed);
        this.start = stations.stream().mapToLong(VelibStation::lastReported).max().orElse(0);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/station_status.json", this::status);
        server.createContext("/station_information.json", this::information);
        server.start();
    }

    /** Starts the feed of {@code csv} on {@code port} of the loopback interface (0: a free port). */
    public static VelibFeed start(Path csv, long seed, int port) throws IOException {
        return new VelibFeed(VelibSnapshot.read(csv), seed, port);
    }

    /** Serves the shipped snapshot: {@code VelibFeed [port [seed]]}; stops with the process. */
    public static void main(String[] args) throws IOException {
        VelibFeed feed = start(SNAPSHOT, args.length > 1 ? Long.parseLong(args[1]) : 1L, args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("Vélib' feed: " + feed.statusUrl());
    }

    /** The URL of the station status. */
    public URI statusUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/station_status.json");
    }

    /** Stops or resumes the changes: while holding, the status stays the same and If-None-Match gives 304. */
    public synchronized void hold(boolean hold) {
        this.holding = hold;
    }

    /** Moves the clock one tick (60 s): one to eight stations see bikes arrive or leave. */
    public synchronized void tick() {
        tick++;
        long at = start + tick * TTL;
        List<VelibStation> next = new ArrayList<>(stations);
        for (int k = 1 + walk.nextInt(8); k > 0; k--) {
            int i = walk.nextInt(next.size());
            int delta = (walk.nextBoolean() ? 1 : -1) * (1 + walk.nextInt(3));
            boolean electric = walk.nextBoolean();
            if (next.get(i).installed()) {
                next.set(i, next.get(i).move(electric, delta, at));
            }
        }
        stations = List.copyOf(next);
    }

    /** The status body and its ETag, as of now. */
    synchronized String etag() {
        return "\"velib-" + tick + "\"";
    }

    private void status(HttpExchange x) throws IOException {
        byte[] body;
        String etag;
        synchronized (this) {
            if (!holding && served) {
                tick();
            }
            served = true;
            etag = etag();
            if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                x.getResponseHeaders().set("ETag", etag);
                x.sendResponseHeaders(304, -1);
                x.close();
                return;
            }
            body = statusJson();
        }
        x.getResponseHeaders().set("ETag", etag);
        send(x, body);
    }

    private void information(HttpExchange x) throws IOException {
        ObjectNode root = json.createObjectNode().put("last_updated", start).put("ttl", 86_400).put("version", "2.3");
        ArrayNode list = root.putObject("data").putArray("stations");
        for (VelibStation s : snapshotOfStations()) {
            list.addObject().put("station_id", s.code()).put("stationCode", s.code()).put("name", s.name())
                    .put("lat", s.lat()).put("lon", s.lon()).put("capacity", s.capacity());
        }
        send(x, json.writeValueAsBytes(root));
    }

    private synchronized List<VelibStation> snapshotOfStations() {
        return stations;
    }

    private byte[] statusJson() throws IOException {
        ObjectNode root = json.createObjectNode().put("last_updated", start + tick * TTL).put("ttl", TTL).put("version", "2.3");
        ArrayNode list = root.putObject("data").putArray("stations");
        for (VelibStation s : stations) {
            ObjectNode o = list.addObject().put("station_id", s.code()).put("stationCode", s.code())
                    .put("num_bikes_available", s.bikes());
            ArrayNode types = o.putArray("num_bikes_available_types");
            types.addObject().put("mechanical", s.mechanical());
            types.addObject().put("ebike", s.ebike());
            o.put("num_docks_available", s.docks()).put("is_installed", s.installed() ? 1 : 0).put("is_renting", s.renting() ? 1 : 0)
                    .put("is_returning", s.returning() ? 1 : 0).put("last_reported", s.lastReported());
        }
        return json.writeValueAsBytes(root);
    }

    private static void send(HttpExchange x, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
