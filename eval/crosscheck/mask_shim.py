# test shim: pycocotools' _mask.iou for bbox inputs (maskApi.c bbIou), in Python floats
import numpy as np
def iou(dt, gt, iscrowd):
    if len(dt) == 0 or len(gt) == 0:
        return []
    o = np.zeros((len(dt), len(gt)))
    for d, db in enumerate(dt):
        da = db[2] * db[3]
        for g, gb in enumerate(gt):
            ga = gb[2] * gb[3]
            w = min(db[2] + db[0], gb[2] + gb[0]) - max(db[0], gb[0])
            if w <= 0: continue
            h = min(db[3] + db[1], gb[3] + gb[1]) - max(db[1], gb[1])
            if h <= 0: continue
            i = w * h
            u = da if iscrowd[g] else da + ga - i
            o[d, g] = i / u
    return o
