package dev.trtpipe.etlt;

/**
 * One dimension of a tensor shape: a size, or a symbol for a dynamic dimension ({@code N} in ONNX,
 * {@code -1} for UFF's implicit batch).
 */
public record Dim(long size, String symbol) {

    public static Dim of(long size) {
        return size >= 0 ? new Dim(size, null) : new Dim(size, Long.toString(size));
    }

    public static Dim symbolic(String symbol) {
        return new Dim(-1, symbol);
    }

    /** A fixed, known size. */
    public boolean isStatic() {
        return symbol == null;
    }

    @Override
    public String toString() {
        return isStatic() ? Long.toString(size) : symbol;
    }
}
