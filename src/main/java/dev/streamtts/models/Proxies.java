package dev.streamtts.models;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The proxy settings of downloads: read from the environment, and named in messages when one fails. */
final class Proxies {
    private Proxies() {
    }

    /** An HTTP client that follows redirects (model hubs redirect to their CDN) and the proxy settings. */
    static HttpClient httpClient(Map<String, String> env) {
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20));
        ProxySelector proxy = proxyFrom(env);
        if (proxy != null) {
            b.proxy(proxy);
        }
        return b.build();
    }

    /**
     * HTTPS_PROXY / HTTP_PROXY (either case) as a selector that knows the variable it came from; NO_PROXY
     * hosts bypass it.
     */
    static ProxySelector proxyFrom(Map<String, String> env) {
        String variable = first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy");
        String spec = variable == null ? null : env.get(variable);
        if (spec == null || spec.isBlank()) {
            return ProxySelector.getDefault();
        }
        URI uri = URI.create(spec.contains("://") ? spec : "http://" + spec);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        ProxySelector proxy = ProxySelector.of(new InetSocketAddress(uri.getHost(), port));
        String noProxy = env.get(String.valueOf(first(env, "NO_PROXY", "no_proxy")));
        if (noProxy != null && !noProxy.isBlank()) {
            proxy = new NoProxySelector(proxy, noProxy);
        }
        return new EnvProxySelector(proxy, uri.getScheme(), uri.getHost(), port, variable);
    }

    /** The first of the variables that is set. */
    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            if (env.get(n) != null) {
                return n;
            }
        }
        return null;
    }

    /**
     * The proxy requests to {@code uri} go through, as the client picks it (the first HTTP proxy of its
     * selector, else the default one's), or null when they go direct.
     */
    static Via via(HttpClient client, URI uri) {
        ProxySelector selector = client.proxy().orElseGet(ProxySelector::getDefault);
        List<Proxy> proxies;
        try {
            proxies = selector == null ? List.of() : selector.select(uri);
        } catch (RuntimeException e) {
            return null;
        }
        if (proxies == null || proxies.isEmpty() || proxies.get(0).type() != Proxy.Type.HTTP
                || !(proxies.get(0).address() instanceof InetSocketAddress address)) {
            return null;
        }
        if (selector instanceof EnvProxySelector env) {
            return new Via(env.describe(), address, "; check that the proxy is running, or change " + env.variable()
                    + " (or NO_PROXY)");
        }
        return new Via("http://" + address.getHostString() + ":" + address.getPort() + " (from Java's proxy settings)",
                address, "; check that the proxy is running, or change Java's proxy settings (https.proxyHost)");
    }

    /** A proxy: its name for messages (with where it was set), its address, and what to do when it fails. */
    record Via(String name, InetSocketAddress address, String hint) {
    }
}
