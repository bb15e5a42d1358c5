package dev.trtpipe.samples.darknet;

import java.util.List;
import java.util.Optional;

/**
 * Darknet files whose published SHA-256 is known, so a sample can say whether it runs the real model.
 * The YOLOv3 hashes are the ones download scripts of several independent projects check against
 * pjreddie.com; TensorRT's yolov3_onnx sample checks the same files by MD5 (yolov3.weights
 * {@code c84e5b99d0e52cd466ae710cadf6d84c}, yolov3.cfg {@code b969a43a848bbf26901643b833cfb96c};
 * docs/peers.md §2). The Yolo-Fastest hashes are those of the files in dog-qiuqiu/Yolo-Fastest's model zoo
 * that trtpipe bundles ({@code ../shared/models/darknet/PROVENANCE.txt}).
 */
public final class PublishedFiles {

    public static final KnownFile YOLOV3_WEIGHTS = new KnownFile("pjreddie's published yolov3.weights (COCO, 80 classes)",
            "523e4e69e1d015393a1b0a441cef1d9c7659e3eb2d7e15f793f060a21b32f297", "https://pjreddie.com/media/files/yolov3.weights");

    public static final KnownFile YOLOV3_CFG = new KnownFile("pjreddie's yolov3.cfg (608x608), the cfg of TensorRT's yolov3_onnx sample",
            "22489ea38575dfa36c67a90048e8759576416a79d32dc11e15d2217777b9a953",
            "https://github.com/pjreddie/darknet/blob/master/cfg/yolov3.cfg");

    public static final KnownFile YOLO_FASTEST_WEIGHTS = new KnownFile("Yolo-Fastest-1.1 COCO weights (dog-qiuqiu/Yolo-Fastest model zoo)",
            "1c445c42bbd6df63edea2cc69f99667b5650d663ca11e34b116240740cd42890",
            "https://github.com/dog-qiuqiu/Yolo-Fastest/tree/master/ModelZoo/yolo-fastest-1.1_coco");

    public static final KnownFile YOLO_FASTEST_CFG = new KnownFile("Yolo-Fastest-1.1 COCO cfg (dog-qiuqiu/Yolo-Fastest model zoo)",
            "f6df5775c1e862998cf69046eba9265be3ae84dfe8b2caab7529823f0795bf70",
            "https://github.com/dog-qiuqiu/Yolo-Fastest/tree/master/ModelZoo/yolo-fastest-1.1_coco");

    private static final List<KnownFile> ALL = List.of(YOLOV3_WEIGHTS, YOLOV3_CFG, YOLO_FASTEST_WEIGHTS, YOLO_FASTEST_CFG);

    private PublishedFiles() {
    }

    public static Optional<KnownFile> bySha256(String sha256) {
        return ALL.stream().filter(f -> f.sha256().equalsIgnoreCase(sha256)).findFirst();
    }
}
