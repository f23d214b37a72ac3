package dev.streamtts.models;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a failed HTTP request into what the user reads: the proxy or the host that failed and what to do;
 * and says whether another try may help (a timeout, a reset) or not (refused, unknown host).
 */
final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /**
     * Always throws: {@link DownloadException} when trying again will not help, {@link RetryableException}
     * when it may.
     *
     * @param via    the proxy the request went through, or null
     * @param waited how long the request had been waiting
     */
    static void rethrow(IOException e, URI url, Proxies.Via via, Duration readTimeout, Duration waited)
            throws DownloadException, RetryableException {
        String host = url.getHost();
        String through = via == null ? "" : " through the proxy " + via.name();
        if (e instanceof HttpConnectTimeoutException) {
            // the connect timeout, or the request's when it ends first; through a proxy this includes its
            // answer to CONNECT (a proxy that accepts and never answers ends here)
            String after = "no answer in " + seconds(waited);
            if (via != null) {
                throw new DownloadException("cannot connect to the proxy " + via.name() + ": " + after + via.hint(), e);
            }
            throw new DownloadException("cannot reach " + host + " (" + after + "); check the network connection or the "
                    + "proxy (HTTPS_PROXY)", e);
        }
        if (e instanceof ConnectException c) {
            if (via != null) {
                throw new DownloadException("cannot connect to the proxy " + via.name() + ": " + whyNoConnection(via.address(), c)
                        + via.hint(), e);
            }
            throw new DownloadException("cannot reach " + host + " (" + whyNoConnection(addressOf(url), c)
                    + "); check the network connection or the proxy (HTTPS_PROXY)", e);
        }
        if (e instanceof HttpTimeoutException) {
            throw new RetryableException("no answer from " + host + through + " in " + seconds(readTimeout), e);
        }
        if (rootCause(e) instanceof UnknownHostException || rootCause(e) instanceof UnresolvedAddressException) {
            if (via != null) {
                throw new DownloadException("cannot connect to the proxy " + via.name() + ": unknown host" + via.hint(), e);
            }
            throw new DownloadException("cannot reach " + host + " (unknown host); check the network "
                    + "connection or the proxy (HTTPS_PROXY)", e);
        }
        throw new RetryableException("connection failed" + through + ": " + describe(e), e);
    }

    /**
     * Why a connection failed. The HTTP client of Java 17 says only "ConnectException" (its cause, a
     * ClosedChannelException, has lost the reason), so one plain connection is tried to find out.
     */
    private static String whyNoConnection(InetSocketAddress address, ConnectException e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage().toLowerCase(Locale.ROOT);
        }
        if (address == null || address.isUnresolved()) {
            return "unknown host";
        }
        try (Socket probe = new Socket()) {
            probe.connect(address, 3000);
            return "the connection failed (" + describe(e) + "), though it can be reached now";
        } catch (SocketTimeoutException t) {
            return "no answer in 3 s";
        } catch (IOException probed) {
            String m = probed.getMessage();
            return m == null || m.isBlank() ? describe(e) : m.toLowerCase(Locale.ROOT);
        }
    }

    private static InetSocketAddress addressOf(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost() == null ? null : new InetSocketAddress(url.getHost(), port);
    }

    /** "0.7 s", "5 s", "20 s". */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 || ms >= 10_000 ? Math.round(ms / 1000.0) + " s"
                : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The innermost message, or the innermost exception's name when it has none. */
    static String describe(Throwable e) {
        Throwable root = rootCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
