package dev.streamtts.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback serving byte arrays, with range requests, and knobs for the failures
 * downloads must survive: a connection cut after N bytes, a slow trickle.
 */
final class FileServer implements AutoCloseable {
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final AtomicInteger fullGets = new AtomicInteger();
    /** Cut the connection after this many body bytes, once (0: never). */
    volatile long cutAfter;
    /** Answer this many requests with HTTP 503 before serving (Integer.MAX_VALUE: always). */
    volatile int busyAnswers;
    final AtomicInteger busy = new AtomicInteger();
    /** Pause between 8 KiB chunks. */
    volatile long trickleMillis;
    private final HttpServer server;

    FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    private void handle(HttpExchange ex) throws IOException {
        if (busyAnswers > 0) {
            if (busyAnswers != Integer.MAX_VALUE) {
                busyAnswers--;
            }
            busy.incrementAndGet();
            ex.sendResponseHeaders(503, -1);
            ex.close();
            return;
        }
        byte[] body = files.get(ex.getRequestURI().getPath().substring(1));
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            ranges.add(range);
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            fullGets.incrementAndGet();
            ex.sendResponseHeaders(200, body.length);
        }
        try (OutputStream out = ex.getResponseBody()) {
            int sent = 0;
            for (int i = from; i < body.length; i += 8192) {
                int n = Math.min(8192, body.length - i);
                if (cutAfter > 0 && sent + n > cutAfter) {
                    cutAfter = 0;
                    out.write(body, i, (int) Math.max(0, cutAfter));
                    out.flush();
                    ex.getHttpContext().getServer();
                    ex.close(); // the client sees a body shorter than announced
                    return;
                }
                out.write(body, i, n);
                sent += n;
                if (trickleMillis > 0) {
                    out.flush();
                    sleep(trickleMillis);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
