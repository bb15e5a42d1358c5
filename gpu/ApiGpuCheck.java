// The Java API on the GPU machine (gpu/api.sh): Engines.build an FP16 engine from the bundled Yolo-Fastest ONNX,
// then Detectors.open on the .onnx (ONNX Runtime, CPU) and on the engine (TensorRT), both on dog_decoded.png,
// and one table row per backend with the boxes' largest difference from ONNX Runtime's. Compiled on the
// development machine (the staged Java runtime has no compiler):
//   javac -d .gpu/app/api-check -cp cli/target/trtpipe.jar:api/target/trtpipe-api-0.1.0-SNAPSHOT.jar gpu/ApiGpuCheck.java
import dev.trtpipe.api.DetectedObject;
import dev.trtpipe.api.Detections;
import dev.trtpipe.api.DetectorOptions;
import dev.trtpipe.api.Detectors;
import dev.trtpipe.api.Engines;
import dev.trtpipe.api.ObjectDetector;
import dev.trtpipe.api.TensorRtUnavailableException;
import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import java.util.List;

public class ApiGpuCheck {
    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Path onnx = app.resolve("models/yolo-fastest-1.1.onnx");
        Path image = app.resolve("images/dog_decoded.png");
        DetectorOptions options = DetectorOptions.builder().names(app.resolve("models/coco.names")).build();
        System.out.println("| model | backend | build s | detections | dog (left, top, right, bottom) | max box diff vs onnxruntime |");
        System.out.println("|---|---|---|---|---|---|");
        List<DetectedObject> reference = row(onnx, options, image, "-", null);
        Path plan = work.resolve("yolo-fastest-1.1-fp16.plan");
        try {
            BuildReport built = Engines.build(onnx, plan, BuildOptions.builder().precision(Precision.FP16)
                    .optimizationLevel(0).timingCache(work.resolve("trt.cache")).build());
            row(plan, options, image, String.format("%.1f", built.buildSeconds()), reference);
        } catch (TensorRtUnavailableException e) {
            System.out.println("| " + plan.getFileName() + " | TensorRtUnavailableException | - | - | - | " + e.getMessage() + " |");
        }
    }

    private static List<DetectedObject> row(Path model, DetectorOptions options, Path image, String build,
                                            List<DetectedObject> reference) throws Exception {
        try (ObjectDetector detector = Detectors.open(model, options)) {
            Detections found = detector.detect(image);
            DetectedObject dog = found.ofClass("dog").stream().findFirst().orElse(null);
            String diff = reference == null ? "-" : maxBoxDifference(found.objects(), reference);
            System.out.printf("| %s | %s | %s | %d | %s | %s |%n", model.getFileName(), detector.backendName(), build,
                    found.objects().size(), dog == null ? "none" : dog.box().left() + ", " + dog.box().top() + ", "
                            + dog.box().right() + ", " + dog.box().bottom() + String.format(" (%.2f)", dog.score()), diff);
            return found.objects();
        }
    }

    /** Largest corner difference in pixels between detections of the same class in the same order; "count differs" otherwise. */
    private static String maxBoxDifference(List<DetectedObject> a, List<DetectedObject> b) {
        if (a.size() != b.size()) {
            return "count differs (" + a.size() + " vs " + b.size() + ")";
        }
        int max = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).className().equals(b.get(i).className())) {
                return "order differs at " + i;
            }
            max = Math.max(max, Math.max(Math.max(Math.abs(a.get(i).box().left() - b.get(i).box().left()),
                    Math.abs(a.get(i).box().top() - b.get(i).box().top())), Math.max(Math.abs(a.get(i).box().right()
                    - b.get(i).box().right()), Math.abs(a.get(i).box().bottom() - b.get(i).box().bottom()))));
        }
        return max + " px";
    }
}
