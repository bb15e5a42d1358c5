package dev.trtpipe.trt.check;

/**
 * The values random inputs are drawn from: {@code [low, high)} for floating-point inputs, the integers
 * {@code low..high} for integer inputs.
 */
public record ValueRange(double low, double high) {

    public ValueRange {
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("value range " + low + "," + high + " needs finite low <= high");
        }
    }

    /**
     * polygraphy's defaults: floats in [0, 1) and integers 0..1 (safe for index and mask inputs, which larger
     * values would send out of bounds), but uint8 over its whole 0..255, as image bytes are.
     */
    public static ValueRange defaultFor(ElementType type) {
        return type == ElementType.UINT8 ? new ValueRange(0, 255) : new ValueRange(0, 1);
    }

    /** Parses {@code low,high}, e.g. {@code -1,1}. */
    public static ValueRange parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("value range '" + text + "' must be low,high, e.g. -1,1");
        }
        try {
            return new ValueRange(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value range '" + text + "' must be two numbers low,high, e.g. -1,1");
        }
    }
}
