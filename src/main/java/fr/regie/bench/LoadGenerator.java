package fr.regie.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load generator: {@code connections} clients, each sending its next request as
 * soon as the previous answer is read in full, for a fixed time. Every request's latency is kept
 * (no sampling), so percentiles are exact. An answer counts as an error unless it is a 200 with
 * a body; a failed connection counts as an error too.
 */
final class LoadGenerator {
    private final int connections;
    private final Duration timeout;

    LoadGenerator(int connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    /** What one run measured. */
    record Result(String label, long requests, long errors, Duration elapsed, long p50Micros, long p99Micros,
                  long maxMicros, long bytes, List<String> errorSamples) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Sends requests built by {@code request} (given a running index) for {@code duration}, with
     * {@code connections} clients at once.
     */
    Result run(String label, Duration duration, IntFunction<HttpRequest> request) throws InterruptedException {
        return run(label, duration, request, 0);
    }

    /**
     * As {@link #run(String, Duration, IntFunction)}, at most {@code perSecond} requests a second
     * in all (each client sends on its own schedule; 0: as fast as answers come).
     */
    Result run(String label, Duration duration, IntFunction<HttpRequest> request, double perSecond) throws InterruptedException {
        // One client per connection, so that each worker keeps its own kept-alive connection.
        List<Worker> workers = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(connections);
        AtomicLong index = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < connections; i++) {
            long interval = perSecond <= 0 ? 0 : (long) (connections * 1e9 / perSecond);
            Worker w = new Worker(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build(),
                    request, index, end, done, start + i * (interval / connections), interval);
            workers.add(w);
            Thread.ofPlatform().name("load-" + i).daemon().start(w);
        }
        done.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long requests = 0;
        long errors = 0;
        long bytes = 0;
        int n = 0;
        for (Worker w : workers) {
            n += w.count;
        }
        long[] all = new long[n];
        int at = 0;
        List<String> samples = new ArrayList<>();
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
            requests += w.count;
            errors += w.errors;
            bytes += w.bytes;
            if (w.firstError != null && samples.size() < 3) {
                samples.add(w.firstError);
            }
            w.client.close();
        }
        Arrays.sort(all);
        return new Result(label, requests, errors, elapsed, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1000, bytes, samples);
    }

    private static long percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1000;
    }

    private final class Worker implements Runnable {
        final HttpClient client;
        final IntFunction<HttpRequest> request;
        final AtomicLong index;
        final long end;
        final CountDownLatch done;
        /** When this client sends next, and every how many nanoseconds (0: at once, always). */
        long next;
        final long interval;
        long[] latencies = new long[4096];
        int count;
        long errors;
        long bytes;
        String firstError;

        Worker(HttpClient client, IntFunction<HttpRequest> request, AtomicLong index, long end, CountDownLatch done, long first,
               long interval) {
            this.next = first;
            this.interval = interval;
            this.client = client;
            this.request = request;
            this.index = index;
            this.end = end;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                while (System.nanoTime() < end) {
                    if (interval > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        next += interval;
                        if (System.nanoTime() >= end) {
                            break;
                        }
                    }
                    HttpRequest r = request.apply((int) index.getAndIncrement());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> resp = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
                        record(System.nanoTime() - t0);
                        bytes += resp.body().length;
                        if (resp.statusCode() != 200 || resp.body().length == 0) {
                            error(r.uri() + " → " + resp.statusCode());
                        }
                    } catch (IOException e) {
                        record(System.nanoTime() - t0);
                        error(r.uri() + " → " + e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        private void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }
    }

    static HttpRequest get(URI uri, String accept, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build();
    }

    /** A GET with more headers, given as name, value, name, value… */
    static HttpRequest get(URI uri, String accept, Duration timeout, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }
}
