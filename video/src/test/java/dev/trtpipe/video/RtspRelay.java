package dev.trtpipe.video;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * A tiny RTSP server on loopback, for tests (a very small mediamtx): FFmpeg's own RTSP muxer publishes a clip
 * into it (OPTIONS, ANNOUNCE with the SDP, SETUP, RECORD, then RTP interleaved in {@code $}-framed packets over
 * the same TCP connection), and it plays what was published to each client that asks (OPTIONS, DESCRIBE,
 * SETUP, PLAY, the same packets), as a camera or an RTSP server would. The stream is published once, in full,
 * before anyone plays it: JavaCV opens grabbers and recorders under one process-wide lock, so a publisher
 * still starting would block the client's open in the same JVM.
 *
 * <p>{@link #sessions} says how many video frames each successive PLAY session gets before the server closes
 * the connection (a stream dropping mid-way); once the list is used up, DESCRIBE answers 404 (a camera gone), as it
 * does for any path other than the published one.
 * Both transports are offered: RTP interleaved on the RTSP connection (TCP, what {@code detect --video rtsp://} asks for
 * by default) and RTP over UDP to the client's ports ({@code --rtsp-transport udp}).
 */
public final class RtspRelay implements AutoCloseable {

    /** Every frame of the clip, then a clean end (the publisher's RTCP BYE, then the connection closes). */
    public static final int WHOLE = Integer.MAX_VALUE;

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch published = new CountDownLatch(1);
    private volatile String sdp;
    private volatile String publishedPath;
    /** The publisher's interleaved packets, each with its {@code $}, channel and length prefix. */
    private final List<byte[]> packets = new CopyOnWriteArrayList<>();
    private volatile List<Integer> sessions = List.of(WHOLE);
    private final AtomicInteger plays = new AtomicInteger();
    private final AtomicInteger describes = new AtomicInteger();
    private final List<String> transports = new CopyOnWriteArrayList<>();
    private static final Pattern CLIENT_PORTS = Pattern.compile("client_port=(\\d+)-(\\d+)");

    private RtspRelay() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "rtsp-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RtspRelay start() throws IOException {
        return new RtspRelay();
    }

    public String url(String path) {
        return "rtsp://127.0.0.1:" + server.getLocalPort() + "/" + path;
    }

    /** Frames each successive PLAY session delivers before the connection drops ({@link #WHOLE}: all, then a clean end). */
    public void sessions(List<Integer> framesPerSession) {
        sessions = List.copyOf(framesPerSession);
    }

    /** DESCRIBE requests seen: one per client open (each reconnect attempt of a reader is one). */
    public int describes() {
        return describes.get();
    }

    /**
     * Publishes {@code clip} through FFmpeg's RTSP muxer without re-encoding (its packets as they are, so a client
     * decodes exactly the frames a reader of the file decodes), and waits until the publisher has finished.
     */
    public void publish(Path clip, String path) throws Exception {
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(clip.toFile())) {
            in.start();
            try (FFmpegFrameRecorder out = new FFmpegFrameRecorder(url(path), in.getImageWidth(), in.getImageHeight(), 0)) {
                out.setFormat("rtsp");
                out.setOption("rtsp_transport", "tcp");
                out.setVideoCodec(in.getVideoCodec());
                out.setFrameRate(in.getFrameRate());
                out.start(in.getFormatContext());
                for (AVPacket p = in.grabPacket(); p != null; p = in.grabPacket()) {
                    out.recordPacket(p);
                }
                out.stop();
            }
        }
        if (!published.await(10, TimeUnit.SECONDS)) {
            throw new IOException("the publisher never finished");
        }
    }

    /** Video frames published (RTP packets on channel 0 with the marker bit: the last packet of a picture). */
    public int publishedFrames() {
        return (int) packets.stream().filter(RtspRelay::endsVideoFrame).count();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread t = new Thread(() -> converse(s), "rtsp-relay-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One TCP connection: a publisher or a player, told apart by what it asks. */
    private void converse(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            String session = Integer.toString(4242 + s.getPort());
            UdpTarget udp = null;
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (first == '$') {
                    byte[] packet = interleaved(in);
                    if (published.getCount() > 0) {
                        packets.add(packet); // from the publisher; a player's RTCP receiver reports are dropped
                    }
                    continue;
                }
                Request r = Request.read(first, in);
                switch (r.method) {
                    case "OPTIONS" -> reply(out, r, 200, "Public: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, TEARDOWN\r\n", "");
                    case "ANNOUNCE" -> {
                        sdp = r.body;
                        publishedPath = r.path();
                        reply(out, r, 200, "", "");
                    }
                    case "DESCRIBE" -> {
                        describes.incrementAndGet();
                        if (sdp == null || !r.path().equals(publishedPath) || plays.get() >= sessions.size()) {
                            reply(out, r, 404, "", "");
                        } else {
                            reply(out, r, 200, "Content-Base: " + r.url + "/\r\nContent-Type: application/sdp\r\n", sdp);
                        }
                    }
                    case "SETUP" -> {
                        String transport = r.header("transport");
                        Matcher clientPorts = CLIENT_PORTS.matcher(transport);
                        if (transport.contains("RTP/AVP/TCP")) {
                            if (!transport.contains("mode=record")) {
                                transports.add("tcp"); // a player's, not the publisher's
                            }
                            reply(out, r, 200, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: " + session
                                    + ";timeout=60\r\n", "");
                        } else if (clientPorts.find()) {
                            transports.add("udp");
                            udp = new UdpTarget(s.getInetAddress(), Integer.parseInt(clientPorts.group(1)),
                                    Integer.parseInt(clientPorts.group(2)));
                            reply(out, r, 200, "Transport: RTP/AVP;unicast;client_port=" + udp.rtpPort + "-" + udp.rtcpPort
                                    + ";server_port=" + udp.rtp.getLocalPort() + "-" + udp.rtcp.getLocalPort() + "\r\nSession: "
                                    + session + ";timeout=60\r\n", "");
                        } else {
                            reply(out, r, 461, "", ""); // Unsupported Transport
                        }
                    }
                    case "RECORD" -> reply(out, r, 200, "Session: " + session + "\r\n", "");
                    case "PLAY" -> {
                        int index = plays.getAndIncrement();
                        reply(out, r, 200, "Session: " + session + "\r\nRange: npt=0.000-\r\n", "");
                        int frames = index < sessions.size() ? sessions.get(index) : 0;
                        UdpTarget target = udp;
                        Thread sender = new Thread(() -> play(s, out, target, frames), "rtsp-relay-play");
                        sender.setDaemon(true);
                        sender.start();
                    }
                    case "TEARDOWN" -> {
                        reply(out, r, 200, "Session: " + session + "\r\n", "");
                        if (sdp != null && !packets.isEmpty()) {
                            published.countDown();
                        }
                        return;
                    }
                    default -> reply(out, r, 200, "Session: " + session + "\r\n", ""); // GET_PARAMETER keep-alives
                }
            }
        } catch (EOFException | SocketException e) {
            // the other side went away: normal at the end of a session
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            if (sdp != null && !packets.isEmpty()) {
                published.countDown(); // a publisher that closes without TEARDOWN is done all the same
            }
        }
    }

    /**
     * Sends the packets of {@code frames} video frames (all of them for {@link #WHOLE}), interleaved on the RTSP
     * connection or, when the client asked for UDP, as datagrams to its RTP and RTCP ports; then ends the session.
     */
    private void play(Socket s, OutputStream out, UdpTarget udp, int frames) {
        try {
            int sent = 0;
            for (byte[] packet : packets) {
                if (sent >= frames) {
                    break;
                }
                if (udp != null) {
                    udp.send(packet);
                } else {
                    synchronized (out) {
                        out.write(packet);
                    }
                }
                if (endsVideoFrame(packet)) {
                    sent++;
                }
            }
            synchronized (out) {
                out.flush();
            }
            if (udp != null) {
                udp.close();
            }
            // FIN after the last byte, not a close: closing with the client's reports unread would send a reset,
            // which may discard packets the client has not read yet
            s.shutdownOutput();
        } catch (IOException e) {
            // the client closed first
        }
    }

    /** Which transport each player's SETUP asked for ({@code tcp}: interleaved, {@code udp}), in order. */
    public List<String> transports() {
        return List.copyOf(transports);
    }

    /** A client's RTP and RTCP ports, and the relay's two sockets that send to them. */
    private static final class UdpTarget {
        final InetAddress client;
        final int rtpPort;
        final int rtcpPort;
        final DatagramSocket rtp;
        final DatagramSocket rtcp;

        UdpTarget(InetAddress client, int rtpPort, int rtcpPort) throws SocketException {
            this.client = client;
            this.rtpPort = rtpPort;
            this.rtcpPort = rtcpPort;
            this.rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            this.rtcp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        }

        /** An interleaved packet's payload, to the port its channel stands for (0: RTP, 1: RTCP). */
        void send(byte[] interleaved) throws IOException {
            boolean control = interleaved[1] != 0;
            (control ? rtcp : rtp).send(new DatagramPacket(interleaved, 4, interleaved.length - 4, client, control ? rtcpPort : rtpPort));
            if (!control) {
                pause(); // loopback is fast, but a burst of a whole clip could still overrun the receiver's socket buffer
            }
        }

        void close() {
            rtp.close();
            rtcp.close();
        }

        private static void pause() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean endsVideoFrame(byte[] packet) {
        return packet[1] == 0 && packet.length > 5 && (packet[5] & 0x80) != 0;
    }

    private static byte[] interleaved(DataInputStream in) throws IOException {
        int channel = in.readUnsignedByte();
        int length = in.readUnsignedShort();
        byte[] packet = new byte[4 + length];
        packet[0] = '$';
        packet[1] = (byte) channel;
        packet[2] = (byte) (length >> 8);
        packet[3] = (byte) length;
        in.readFully(packet, 4, length);
        return packet;
    }

    private static void reply(OutputStream out, Request r, int status, String headers, String body) throws IOException {
        String reason = switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            default -> "Unsupported Transport";
        };
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "RTSP/1.0 " + status + " " + reason + "\r\nCSeq: " + r.header("cseq") + "\r\n" + headers
                + (content.length > 0 ? "Content-Length: " + content.length + "\r\n" : "") + "\r\n";
        synchronized (out) {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }

    /** An RTSP request: {@code METHOD url RTSP/1.0}, headers, and a body of Content-Length bytes. */
    private record Request(String method, String url, Map<String, String> headers, String body) {

        static Request read(int firstByte, DataInputStream in) throws IOException {
            String requestLine = (char) firstByte + line(in);
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
            byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            in.readFully(body);
            return new Request(parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
        }

        /** The URL's path: {@code /cam1} of {@code rtsp://127.0.0.1:8554/cam1}. */
        String path() {
            return java.net.URI.create(url).getPath();
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        private static String line(DataInputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException();
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The frames of {@code clip} decoded straight from the file, as the reference for what a player should see. */
    public static List<VideoFrame> decodeFile(Path clip) throws Exception {
        try (VideoReader reader = VideoReader.open(VideoSource.parse(clip.toString()), RetryPolicy.of(0),
                java.time.Duration.ofSeconds(5))) {
            return VideoReaderTest.readAll(reader);
        }
    }
}
