package dev.allot.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded loopback load generator: {@code connections} keep-alive HTTP/1.1 connections, each sending one request
 * after the other (closed loop) for a fixed time. Deliberately small so it leaves the CPU to the server.
 */
final class LoadLoop {
    /** What a run measured. */
    record Result(long requests, long errors, double seconds, long p50Micros, long p99Micros) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private LoadLoop() {}

    static Result run(int port, String path, String token, int connections, double seconds) throws Exception {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[connections][];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int index = c;
            threads[c] = new Thread(() -> latencies[index] = loop(port, request, end, requests, errors));
            threads[c].start();
        }
        long start = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies)
                .flatMapToLong(Arrays::stream)
                .filter(v -> v > 0)
                .sorted()
                .toArray();
        return new Result(requests.get(), errors.get(), elapsed, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static long[] loop(int port, byte[] request, long end, AtomicLong requests, AtomicLong errors) {
        long[] samples = new long[1 << 20];
        int count = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                out.write(request);
                out.flush();
                int status = readResponse(in);
                if (status != 200) {
                    errors.incrementAndGet();
                }
                requests.incrementAndGet();
                if (count < samples.length) {
                    samples[count++] = (System.nanoTime() - sent) / 1_000;
                }
            }
        } catch (IOException e) {
            errors.incrementAndGet();
        }
        return Arrays.copyOf(samples, count);
    }

    /** Reads one response (headers, then a Content-Length body) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        long length = 0;
        boolean chunked = false;
        for (String text = readLine(in, line); !text.isEmpty(); text = readLine(in, line)) {
            if (status < 0) {
                status = Integer.parseInt(text.split(" ")[1]);
            } else if (text.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(text.substring(15).trim());
            } else if (text.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
                chunked = text.toLowerCase(java.util.Locale.ROOT).contains("chunked");
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
            return status;
        }
        for (long chunk = Long.parseLong(readLine(in, line), 16);
                chunk > 0;
                chunk = Long.parseLong(readLine(in, line), 16)) {
            in.skipNBytes(chunk);
            readLine(in, line);
        }
        readLine(in, line);
        return status;
    }

    private static String readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) b);
        }
        return line.toString().trim();
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))];
    }
}
