package dev.trtpipe.uff;

import dev.trtpipe.uff.proto.Uff.Data;
import dev.trtpipe.uff.proto.Uff.DimensionOrders;
import dev.trtpipe.uff.proto.Uff.ListInt64;
import java.util.List;

/**
 * A UFF {@code inputs_orders} entry (e.g. the shared {@code orders_NC+_+CK}): per input, which axis is
 * N/K (code 0), C (1) and the spatial axes (2, then {@code 0x7fffffff} for "the following ones"). Used to
 * find where a kernel keeps its channels; activations must be N, C, spatial (NCHW).
 */
final class DimOrders {

    private static final long INCREMENT = 0x7fffffff;

    private DimOrders() {
    }

    /**
     * Axis positions of a rank-{@code rank} tensor as {@code [K or N, C, spatial...]}, read from input
     * {@code input}'s order; {@code fallback} when the node has no orders.
     */
    static int[] axes(UffNode node, int input, int rank, int[] fallback) {
        Data orders = node.field("inputs_orders").orElse(null);
        if (orders == null || orders.getDataOneofCase() != Data.DataOneofCase.DIM_ORDERS_LIST
                || orders.getDimOrdersList().getValCount() <= input) {
            return fallback;
        }
        DimensionOrders d = orders.getDimOrdersList().getVal(input);
        if (d.getOrdersCount() != 1) {
            return fallback;
        }
        ListInt64 codes = d.getOrdersMap().values().iterator().next();
        return positions(node, codes.getValList(), rank);
    }

    private static int[] positions(UffNode node, List<Long> codes, int rank) {
        int[] out = new int[rank];
        java.util.Arrays.fill(out, -1);
        int spatial = rank - 2;
        int position = 0;
        for (int i = 0; i < codes.size() && position < rank; i++) {
            long code = codes.get(i);
            if (code == 0 || code == 1) {
                out[(int) code] = position++;
            } else if (code == 2) {
                out[2] = position++;
            } else if (code == INCREMENT) {
                for (int s = 3; s < 2 + spatial; s++) {
                    out[s] = position++;
                }
            } else {
                throw node.problem("has dimension-order code " + code + ", which is not N/K, C or spatial");
            }
        }
        for (int axis : out) {
            if (axis < 0) {
                throw node.problem("has dimension orders " + codes + " that do not cover a rank-" + rank + " tensor");
            }
        }
        return out;
    }

    /** Activations must be channels-first. */
    static void requireChannelsFirst(UffNode node, int rank) {
        int[] ncs = axes(node, 0, rank, identity(rank));
        for (int i = 0; i < rank; i++) {
            if (ncs[i] != i) {
                throw node.problem("reads its input in a channels-last order; only N, C, spatial (NCHW) activations are supported");
            }
        }
    }

    static int[] identity(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = i;
        }
        return p;
    }
}
