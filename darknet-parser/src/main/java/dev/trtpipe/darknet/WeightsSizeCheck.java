package dev.trtpipe.darknet;

import dev.trtpipe.detect.SettingFact;
import java.util.List;

/**
 * How a weights file's size compares with what its cfg needs (darknet.md §1.3–1.4): {@code EXACT},
 * {@code SHORT} or {@code LONG} by a number of floats, or {@code MISALIGNED} (not whole floats). For
 * SHORT files it names the layer the data ends in, and whether that is a layer boundary (as
 * {@code darknet partial} writes them). {@link #fact()} is the verdict with the setting that can accept a
 * partial file as a {@link SettingFact} placeholder; {@link #message()} writes it in the library's words.
 */
public record WeightsSizeCheck(Verdict verdict, WeightsHeader header, long fileBytes, long expectedFloats,
                               long actualFloats, Layer endLayer, boolean endsOnLayerBoundary, String fact)
        implements SettingFact {

    public enum Verdict { EXACT, SHORT, LONG, MISALIGNED }

    public boolean exact() {
        return verdict == Verdict.EXACT;
    }

    static WeightsSizeCheck of(WeightsHeader header, long fileBytes, DarknetModel model, String weightsName) {
        long payload = fileBytes - header.length();
        long expected = model.weightCount();
        String pair = weightsName + " (version " + header.version() + ", " + fileBytes + " bytes) for " + model.fileName();
        if (payload % 4 != 0) {
            return new WeightsSizeCheck(Verdict.MISALIGNED, header, fileBytes, expected, payload / 4, null, false,
                    pair + ": the " + payload + "-byte payload is not a whole number of float32 values"
                            + " — a truncated download or not a darknet weights file");
        }
        long actual = payload / 4;
        String otherHeader = otherHeaderHint(header, fileBytes, expected);
        if (actual == expected) {
            return new WeightsSizeCheck(Verdict.EXACT, header, fileBytes, expected, actual, null, true,
                    pair + ": EXACT, " + expected + " floats");
        }
        String counts = "expected " + expected + " floats (" + (header.length() + 4 * expected) + " bytes), found " + actual;
        if (actual > expected) {
            long extra = actual - expected;
            return new WeightsSizeCheck(Verdict.LONG, header, fileBytes, expected, actual, null, false,
                    pair + ": LONG by " + extra + " floats (" + 4 * extra + " bytes); " + counts
                            + "; the cfg probably does not match these weights (edited classes/filters, or another model)"
                            + otherHeader);
        }
        long missing = expected - actual;
        long start = 0;
        Layer end = null;
        boolean boundary = false;
        for (Layer layer : model.layers()) {
            long count = layer.weightCount();
            if (count > 0 && start + count > actual) {
                end = layer;
                boundary = start == actual;
                break;
            }
            start += count;
        }
        String where = boundary
                ? "the data ends after layer " + (end.index() - 1) + ", before layer " + end.index() + " [" + end.type()
                        + "] (" + model.fileName() + " line " + end.line() + ") — a `darknet partial` backbone"
                        + " (convert it with {ALLOW_PARTIAL}) or the wrong cfg"
                : "the data ends inside layer " + end.index() + " [" + end.type() + "] (" + model.fileName() + " line "
                        + end.line() + ") — the wrong cfg or a truncated download";
        return new WeightsSizeCheck(Verdict.SHORT, header, fileBytes, expected, actual, end, boundary,
                pair + ": SHORT by " + missing + " floats (" + 4 * missing + " bytes); " + counts + "; " + where + otherHeader);
    }

    /** darknet.md §1.4 rule 4: the size would fit exactly with the other header length. */
    private static String otherHeaderHint(WeightsHeader header, long fileBytes, long expected) {
        int other = header.length() == WeightsHeader.LONG_LENGTH ? WeightsHeader.SHORT_LENGTH : WeightsHeader.LONG_LENGTH;
        if (fileBytes - other == 4 * expected) {
            return "; it would match exactly with a " + other + "-byte header, but version " + header.version()
                    + " means " + header.length() + " bytes — is the header damaged?";
        }
        return "";
    }

    /** The layers whose weights lie beyond the data (for a SHORT file). */
    List<Layer> missingLayers(DarknetModel model) {
        return endLayer == null ? List.of() : model.layers().subList(endLayer.index(), model.layers().size()).stream()
                .filter(l -> l.weightCount() > 0).toList();
    }
}
