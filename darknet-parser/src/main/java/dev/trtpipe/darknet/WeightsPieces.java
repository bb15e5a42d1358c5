package dev.trtpipe.darknet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a weights file is cut into the heap arrays {@link WeightsLoad} fills: the header, then runs of whole
 * layer records of at least {@value #MIN_PIECE} bytes each, and where each layer's record lies in them.
 */
final class WeightsPieces {

    /**
     * Smallest array for layer records: G1 puts arrays of half a heap region or more (regions are 1–32 MiB)
     * straight into the old generation; smaller ones would be allocated young and copied by every
     * collection while the file is read, costing time and peak memory.
     */
    static final int MIN_PIECE = 16 << 20;

    /** Where a layer's record lies: in which piece, from which byte of it. */
    record Place(WeightsLoad.Piece piece, int offset) {
    }

    private final List<WeightsLoad.Piece> pieces = new ArrayList<>();
    private final Map<Integer, Place> places = new HashMap<>();

    private WeightsPieces() {
    }

    /**
     * Plans the pieces of a file of {@code fileBytes} bytes; the records of layers beyond its end (a
     * partial file) get no place.
     */
    static WeightsPieces plan(Path weights, DarknetModel model, int headerBytes, long fileBytes) {
        WeightsPieces plan = new WeightsPieces();
        plan.pieces.add(new WeightsLoad.Piece(0, headerBytes));
        List<Layer> run = new ArrayList<>(); // layers of the piece being formed
        long runStart = headerBytes;
        long offset = headerBytes;
        for (Layer layer : model.layers()) {
            long recordBytes = 4 * layer.weightCount();
            if (recordBytes == 0 || offset + recordBytes > fileBytes) {
                continue; // no weights, or beyond the end of a partial file (so are all later ones)
            }
            if (offset + recordBytes - runStart > Integer.MAX_VALUE - 8) {
                throw new DarknetFormatException(weights + ": layer " + layer.index() + " [" + layer.type() + "] has "
                        + layer.weightCount() + " weights, more than a Java array holds (2 GiB)");
            }
            run.add(layer);
            offset += recordBytes;
            if (offset - runStart >= MIN_PIECE) {
                plan.addPiece(runStart, offset, run);
                runStart = offset;
            }
        }
        if (!run.isEmpty()) {
            plan.addPiece(runStart, offset, run);
        }
        return plan;
    }

    /** In file order, covering the file without gaps. */
    List<WeightsLoad.Piece> pieces() {
        return pieces;
    }

    /** Where the layer's record is; empty for a layer without weights or beyond the end of a partial file. */
    Optional<Place> place(Layer layer) {
        return Optional.ofNullable(places.get(layer.index()));
    }

    /** The piece {@code [from, to)}, holding the records of {@code run} (which it empties). */
    private void addPiece(long from, long to, List<Layer> run) {
        WeightsLoad.Piece piece = new WeightsLoad.Piece(from, (int) (to - from));
        int offset = 0;
        for (Layer layer : run) {
            places.put(layer.index(), new Place(piece, offset));
            offset += (int) (4 * layer.weightCount());
        }
        run.clear();
        pieces.add(piece);
    }
}
