package dev.trtpipe.darknet;

import java.util.Locale;

/** Darknet's NMS variants, named as the {@code nms_kind} key of a {@code [yolo]} section spells them. */
public enum NmsKind {
    /** {@code do_nms_sort}: plain IoU (PJ darknet, AB {@code nms_kind=default}). */
    DEFAULT,
    /** AB {@code GREEDY_NMS}: DIoU with the fixed exponent 0.6. */
    GREEDYNMS,
    /** AB {@code DIOU_NMS}: DIoU with the exponent {@code beta_nms}. */
    DIOUNMS;

    /** The cfg spelling ({@code default}, {@code greedynms}, {@code diounms}). */
    public String cfgName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the cfg spelling; {@code null} when darknet has no such kind. */
    public static NmsKind fromCfgName(String value) {
        for (NmsKind kind : values()) {
            if (kind.cfgName().equals(value)) {
                return kind;
            }
        }
        return null;
    }
}
