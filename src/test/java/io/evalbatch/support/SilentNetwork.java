package io.evalbatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a server that can go silent as a network partition does: connections stay open,
 * nothing gets through, nobody is told (no reset, unlike a stopped server). {@link #heal()} ends the
 * connections of before, as a partition's end eventually does, and relays new ones again.
 */
public final class SilentNetwork implements AutoCloseable {

    private final String host;
    private final int port;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    public SilentNetwork(String host, int port) {
        this.host = host;
        this.port = port;
        try {
            listener = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void silence() {
        silent = true;
    }

    public void heal() {
        silent = false;
        sockets.forEach(SilentNetwork::closeQuietly);
        sockets.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (silent) {
                    continue;   // accepted, and then never answered
                }
                Socket server = new Socket(host, port);
                sockets.add(server);
                daemon(() -> relay(client, server));
                daemon(() -> relay(server, client));
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees its connection end
            }
        }
    }

    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!silent) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side ended
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "silent-network");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        heal();
    }
}
