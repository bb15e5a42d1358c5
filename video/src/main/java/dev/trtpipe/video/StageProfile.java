package dev.trtpipe.video;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link PipelineProbe} that adds up where a run's frames spent their time, stage by stage, and keeps when
 * each frame left the decoder and when its result was handled — enough to time a window of the run (e.g.
 * its steady state, after the workers have warmed up). Thread-safe.
 */
public final class StageProfile implements PipelineProbe {

    /** Where a frame's time goes, in the order a frame passes through. */
    public enum Stage {
        /** Decoding thread: in FFmpeg's decoder. */
        DECODE("decode", "decoder"),
        /** Decoding thread: blocked on a full hand-over queue (the workers or the handler are behind). */
        BLOCKED_ON_QUEUE("queue full", "decoder"),
        /** From the hand-over until a worker takes the frame (all workers busy). */
        WAITING_FOR_WORKER("wait for worker", "frame"),
        /** Worker: conversion to RGB planes. */
        CONVERT("convert", "worker"),
        /** Worker: the per-frame work (detection). */
        WORK("work", "worker"),
        /** Caller: waiting for the next frame's result, in frame order. */
        WAITING_FOR_RESULT("wait for result", "caller"),
        /** Caller: in the result handler. */
        HANDLE("handle", "caller");

        private final String label;
        private final String thread;

        Stage(String label, String thread) {
            this.label = label;
            this.thread = thread;
        }

        public String label() {
            return label;
        }

        /** Which thread spends it: {@code decoder}, {@code worker}, {@code caller}, or {@code frame} (no thread: a frame waiting). */
        public String thread() {
            return thread;
        }
    }

    private final Map<Stage, LongAdder> totals = new EnumMap<>(Stage.class);
    private long[] decodedAt = new long[256];
    private long[] handledAt = new long[256];
    private final LongAdder inPlace = new LongAdder();
    private int decoded;
    private int handled;

    public StageProfile() {
        for (Stage s : Stage.values()) {
            totals.put(s, new LongAdder());
        }
    }

    @Override
    public void decoded(long seq, long at, long decodeNanos, long blockedNanos) {
        totals.get(Stage.DECODE).add(decodeNanos);
        totals.get(Stage.BLOCKED_ON_QUEUE).add(blockedNanos);
        synchronized (this) {
            decodedAt = put(decodedAt, seq, at);
            decoded = Math.max(decoded, Math.toIntExact(seq + 1));
        }
    }

    @Override
    public void worked(long seq, long waitedNanos, long convertNanos, long workNanos) {
        totals.get(Stage.WAITING_FOR_WORKER).add(waitedNanos);
        totals.get(Stage.CONVERT).add(convertNanos);
        totals.get(Stage.WORK).add(workNanos);
    }

    @Override
    public void convertedInPlace(long seq) {
        inPlace.increment();
    }

    /** Frames swscale wrote straight into the work's memory (see {@link PipelineProbe#convertedInPlace}). */
    public long framesConvertedInPlace() {
        return inPlace.sum();
    }

    @Override
    public void handled(long seq, long at, long waitedNanos, long handleNanos) {
        totals.get(Stage.WAITING_FOR_RESULT).add(waitedNanos);
        totals.get(Stage.HANDLE).add(handleNanos);
        synchronized (this) {
            handledAt = put(handledAt, seq, at);
            handled = Math.max(handled, Math.toIntExact(seq + 1));
        }
    }

    private static long[] put(long[] times, long seq, long at) {
        int i = Math.toIntExact(seq);
        long[] grown = i < times.length ? times : Arrays.copyOf(times, Math.max(2 * times.length, i + 1));
        grown[i] = at;
        return grown;
    }

    /** Frames whose result was handled. */
    public synchronized int handledFrames() {
        return handled;
    }

    /** {@link System#nanoTime()} when frame {@code seq} (0-based among the frames worked on) left the decoder. */
    public synchronized long decodedAt(int seq) {
        if (seq < 0 || seq >= decoded) {
            throw new IndexOutOfBoundsException("frame " + seq + " of " + decoded + " decoded");
        }
        return decodedAt[seq];
    }

    /** {@link System#nanoTime()} when frame {@code seq}'s result handler returned. */
    public synchronized long handledAt(int seq) {
        if (seq < 0 || seq >= handled) {
            throw new IndexOutOfBoundsException("frame " + seq + " of " + handled + " handled");
        }
        return handledAt[seq];
    }

    /** The time all frames spent in {@code stage}, added up over the threads that spent it. */
    public long totalNanos(Stage stage) {
        return totals.get(stage).sum();
    }
}
