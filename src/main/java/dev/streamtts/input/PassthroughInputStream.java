package dev.streamtts.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every byte read from stdin to stdout the moment it is read, which makes {@code --passthrough}
 * a true filter: lines come out unchanged (CRLF, invalid UTF-8 and a cut-off last line included) and
 * without waiting for speech. When the reader on stdout goes away (SIGPIPE shows up in Java as an
 * IOException), copying stops quietly and reading, hence speech, goes on.
 */
public final class PassthroughInputStream extends FilterInputStream {
    private static final Logger log = LoggerFactory.getLogger(PassthroughInputStream.class);

    private final OutputStream out;
    private volatile boolean open = true;

    public PassthroughInputStream(InputStream in, OutputStream out) {
        super(in);
        this.out = out;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            copy(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            copy(b, off, n);
        }
        return n;
    }

    /** True while stdout still accepts the copy. */
    public boolean isCopying() {
        return open;
    }

    private void copy(byte[] b, int off, int len) {
        if (!open) {
            return;
        }
        try {
            out.write(b, off, len);
            out.flush();
        } catch (IOException e) {
            open = false;
            log.debug("stdout closed ({}); passthrough stopped, speech goes on", e.getMessage());
        }
    }
}
