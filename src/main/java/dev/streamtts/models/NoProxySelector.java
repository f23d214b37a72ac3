package dev.streamtts.models;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A proxy except for the hosts of NO_PROXY ("localhost,.example.com", "*" for all). */
final class NoProxySelector extends ProxySelector {
    private final ProxySelector proxy;
    private final List<String> bypass;

    NoProxySelector(ProxySelector proxy, String noProxy) {
        this.proxy = proxy;
        this.bypass = Arrays.stream(noProxy.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        for (String b : bypass) {
            String suffix = b.startsWith(".") ? b : "." + b;
            if (b.equals("*") || host.equals(b.replaceFirst("^\\.", "")) || host.endsWith(suffix)) {
                return List.of(Proxy.NO_PROXY);
            }
        }
        return proxy.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        proxy.connectFailed(uri, sa, ioe);
    }
}
