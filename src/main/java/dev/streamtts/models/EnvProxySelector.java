package dev.streamtts.models;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * The proxy of an environment variable (HTTPS_PROXY, …), which knows its name for messages: "the proxy
 * http://127.0.0.1:3128 (from HTTPS_PROXY)". A user name and password in the variable are never shown.
 */
final class EnvProxySelector extends ProxySelector {
    private final ProxySelector selector;
    private final String shown;
    private final String variable;

    EnvProxySelector(ProxySelector selector, String scheme, String host, int port, String variable) {
        this.selector = selector;
        this.shown = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        this.variable = variable;
    }

    /** {@code http://HOST:PORT (from VARIABLE)}. */
    String describe() {
        return shown + " (from " + variable + ")";
    }

    /** The variable it was set by. */
    String variable() {
        return variable;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return selector.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        selector.connectFailed(uri, sa, ioe);
    }
}
