package dev.trtpipe.uff;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Executes a UFF graph straight from its ops in plain Java (float64 accumulation, no ONNX involved), from
 * the op definitions: TensorFlow's HWIO kernels ({@code [kh, kw, C/groups, K]}), explicit symmetric pads,
 * numpy broadcasting, channels-first activations. The reference the translated ONNX is checked against.
 */
final class NaiveUffInterpreter {

    /** A dense row-major tensor. */
    record Tensor(long[] shape, float[] data) {
        int dim(int i) {
            return (int) shape[i];
        }
    }

    private final UffGraph graph;

    NaiveUffInterpreter(UffGraph graph) {
        this.graph = graph;
    }

    /** Runs the graph on {@code inputs} (by input name) and returns the marked outputs by name. */
    Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return run(inputs, graph.outputNames());
    }

    /**
     * Runs only the nodes that {@code wanted} depend on, and returns those tensors by name: the part of a plugin
     * graph in front of its plugin nodes (which this interpreter does not execute).
     */
    Map<String, Tensor> run(Map<String, Tensor> inputs, java.util.List<String> wanted) {
        java.util.Set<String> needed = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(wanted);
        Map<String, UffNode> byId = new HashMap<>();
        graph.nodes().forEach(n -> byId.put(n.id(), n));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (needed.add(id) && byId.containsKey(id)) {
                todo.addAll(byId.get(id).inputs());
            }
        }
        Map<String, Tensor> values = new HashMap<>();
        for (UffNode node : graph.nodes()) {
            if (!needed.contains(node.id())) {
                continue;
            }
            switch (node.operation()) {
                case "Input" -> values.put(node.id(), inputs.get(node.id()));
                case "Const" -> {
                    UffConstant c = graph.constant(node.id()).orElseThrow();
                    values.put(node.id(), new Tensor(c.shape(), c.floats()));
                }
                case "MarkOutput" -> { }
                default -> values.put(node.id(), execute(node, values));
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        wanted.forEach(n -> out.put(n, values.get(n)));
        return out;
    }

    private Tensor execute(UffNode node, Map<String, Tensor> v) {
        Tensor x = v.get(node.input(0));
        return switch (node.operation()) {
            case "Conv" -> conv(node, x, v.get(node.input(1)));
            case "Pool" -> pool(node, x);
            case "Binary" -> binary(node.string("func", ""), x, v.get(node.input(1)));
            case "Unary" -> map(x, unary(node.string("func", "")));
            case "Activation" -> map(x, activation(node.string("func", "")));
            case "Reshape" -> reshape(x, v.get(node.input(1)));
            case "Concat" -> concat((int) node.longValue("axis", 1), node.inputs().stream().map(v::get).toArray(Tensor[]::new));
            case "Identity" -> x;
            case "Transpose" -> transpose(x, v.get(node.input(1)));
            default -> throw new UnsupportedOperationException("interpreter: " + node.operation());
        };
    }

    private static Tensor conv(UffNode node, Tensor x, Tensor k) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int kh = k.dim(0), kw = k.dim(1), cg = k.dim(2), kOut = k.dim(3);
        long[] s = node.longs("strides").orElse(new long[] {1, 1});
        long[] d = node.longs("dilation").orElse(new long[] {1, 1});
        long[] p = node.longs("padding").orElse(new long[] {0, 0});
        int groups = (int) node.longValue("number_groups", 1);
        int oh = (int) ((h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1);
        int ow = (int) ((w + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1);
        int kPerGroup = kOut / groups;
        float[] out = new float[n * kOut * oh * ow];
        double[] acc = new double[ow];
        for (int b = 0; b < n; b++) {
            for (int ko = 0; ko < kOut; ko++) {
                int g = ko / kPerGroup;
                for (int oy = 0; oy < oh; oy++) {
                    Arrays.fill(acc, 0);
                    for (int ci = 0; ci < cg; ci++) {
                        int channel = g * cg + ci;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = (int) (oy * s[0] - p[0] + ky * d[0]);
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int row = ((b * c + channel) * h + iy) * w;
                            for (int kx = 0; kx < kw; kx++) {
                                double weight = k.data()[((ky * kw + kx) * cg + ci) * kOut + ko];
                                // the output columns whose input column ox·s − p + kx·d lies inside the row
                                int offset = (int) (kx * d[1] - p[1]);
                                int stride = (int) s[1];
                                int first = Math.max(0, Math.floorDiv(-offset + stride - 1, stride));
                                int last = Math.min(ow - 1, Math.floorDiv(w - 1 - offset, stride));
                                for (int ox = first; ox <= last; ox++) {
                                    acc[ox] += weight * x.data()[row + ox * stride + offset];
                                }
                            }
                        }
                    }
                    int base = ((b * kOut + ko) * oh + oy) * ow;
                    for (int ox = 0; ox < ow; ox++) {
                        out[base + ox] = (float) acc[ox];
                    }
                }
            }
        }
        return new Tensor(new long[] {n, kOut, oh, ow}, out);
    }

    private static Tensor pool(UffNode node, Tensor x) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        long[] k = node.longs("kernel").orElseThrow();
        long[] s = node.longs("strides").orElse(new long[] {1, 1});
        long[] p = node.longs("padding").orElse(new long[] {0, 0});
        boolean max = node.string("func", "").equals("max");
        int oh = (int) ((h + 2 * p[0] - k[0]) / s[0] + 1);
        int ow = (int) ((w + 2 * p[1] - k[1]) / s[1] + 1);
        float[] out = new float[n * c * oh * ow];
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double best = Double.NEGATIVE_INFINITY, sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < k[0]; ky++) {
                        for (int kx = 0; kx < k[1]; kx++) {
                            long iy = oy * s[0] - p[0] + ky, ix = ox * s[1] - p[1] + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                float val = x.data()[(int) ((plane * h + iy) * w + ix)];
                                best = Math.max(best, val);
                                sum += val;
                                count++;
                            }
                        }
                    }
                    out[o++] = (float) (max ? best : sum / count);
                }
            }
        }
        return new Tensor(new long[] {n, c, oh, ow}, out);
    }

    private static Tensor binary(String func, Tensor a, Tensor b) {
        int rank = Math.max(a.shape().length, b.shape().length);
        long[] sa = pad(a.shape(), rank), sb = pad(b.shape(), rank), out = new long[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = Math.max(sa[i], sb[i]);
        }
        int total = (int) product(out);
        float[] r = new float[total];
        int[] idx = new int[rank];
        for (int i = 0; i < total; i++) {
            int rem = i;
            for (int k = rank - 1; k >= 0; k--) {
                idx[k] = (int) (rem % out[k]);
                rem /= (int) out[k];
            }
            double x = a.data()[offset(idx, sa)], y = b.data()[offset(idx, sb)];
            r[i] = (float) switch (func) {
                case "add" -> x + y;
                case "sub" -> x - y;
                case "mul" -> x * y;
                case "div" -> x / y;
                case "max" -> Math.max(x, y);
                case "min" -> Math.min(x, y);
                default -> throw new UnsupportedOperationException("interpreter: Binary " + func);
            };
        }
        return new Tensor(out, r);
    }

    private static int offset(int[] idx, long[] shape) {
        int o = 0;
        for (int k = 0; k < shape.length; k++) {
            o = (int) (o * shape[k] + (shape[k] == 1 ? 0 : idx[k]));
        }
        return o;
    }

    private static long[] pad(long[] s, int rank) {
        long[] p = new long[rank];
        Arrays.fill(p, 1);
        System.arraycopy(s, 0, p, rank - s.length, s.length);
        return p;
    }

    static long product(long[] s) {
        long p = 1;
        for (long d : s) {
            p *= d;
        }
        return p;
    }

    private interface Fn {
        double apply(double x);
    }

    private static Fn unary(String func) {
        return switch (func) {
            case "rsqrt" -> x -> 1 / Math.sqrt(x);
            case "sqrt" -> Math::sqrt;
            case "exp" -> Math::exp;
            case "log" -> Math::log;
            case "neg" -> x -> -x;
            case "abs" -> Math::abs;
            case "square" -> x -> x * x;
            default -> throw new UnsupportedOperationException("interpreter: Unary " + func);
        };
    }

    private static Fn activation(String func) {
        return switch (func) {
            case "relu" -> x -> Math.max(0, x);
            case "relu6" -> x -> Math.min(6, Math.max(0, x));
            case "sigmoid" -> x -> 1 / (1 + Math.exp(-x));
            case "tanh" -> Math::tanh;
            case "swish" -> x -> x / (1 + Math.exp(-x));
            default -> throw new UnsupportedOperationException("interpreter: Activation " + func);
        };
    }

    private static Tensor map(Tensor x, Fn f) {
        float[] r = new float[x.data().length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) f.apply(x.data()[i]);
        }
        return new Tensor(x.shape(), r);
    }

    /** The shape constant's batch entry (1 or -1 as exported) follows the data: a reshape keeps the element order. */
    private static Tensor reshape(Tensor x, Tensor shapeConst) {
        long[] shape = new long[shapeConst.data().length];
        long known = 1;
        int wildcard = -1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (long) shapeConst.data()[i];
            if (shape[i] == -1) {
                wildcard = i;
            } else {
                known *= shape[i];
            }
        }
        long total = x.data().length;
        if (wildcard >= 0) {
            shape[wildcard] = total / known;
        } else if (known != total && shape.length > 0 && shape[0] == 1) {
            shape[0] = total / known; // exported with batch 1, run with another batch
        }
        return new Tensor(shape, x.data());
    }

    /** numpy's transpose: output axis i is input axis perm[i]. */
    private static Tensor transpose(Tensor x, Tensor permConst) {
        int rank = x.shape().length;
        int[] perm = new int[rank];
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = (int) permConst.data()[i];
            out[i] = x.shape()[perm[i]];
        }
        float[] r = new float[x.data().length];
        int[] idx = new int[rank];
        int[] src = new int[rank];
        for (int o = 0; o < r.length; o++) {
            int rest = o;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = (int) (rest % out[i]);
                rest /= (int) out[i];
            }
            for (int i = 0; i < rank; i++) {
                src[perm[i]] = idx[i];
            }
            r[o] = x.data()[offset(src, x.shape())];
        }
        return new Tensor(out, r);
    }

    private static Tensor concat(int axis, Tensor... parts) {
        long[] out = parts[0].shape().clone();
        out[axis] = 0;
        for (Tensor t : parts) {
            out[axis] += t.shape()[axis];
        }
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= out[i];
        }
        float[] r = new float[(int) product(out)];
        int o = 0;
        for (long b = 0; b < outer; b++) {
            for (Tensor t : parts) {
                int block = (int) (t.data().length / outer);
                System.arraycopy(t.data(), (int) (b * block), r, o, block);
                o += block;
            }
        }
        return new Tensor(out, r);
    }
}
