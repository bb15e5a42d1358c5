package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.testing.ConcurrencyProbe;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.ForwardingBackend;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DetectionPool} over ONNX Runtime replay models (Yolo-Fastest's spec, darknet's own head dumps).
 * The "shifted" model adds the input's mean to every head value, so each image gets detections of its
 * own and a result computed from another thread's input buffer would show.
 */
class DetectionPoolTest {

    private static final String AB_RESIZE = "trained/alexeyab/yolo-fastest-1.1_dog_resize";
    private static final List<String> IMAGES = List.of("images/dog_decoded.png", "images/person_decoded.png",
            "images/giraffe.jpg", "images/eagle.jpg", "images/horses.jpg");

    private static OnnxRuntimeBackend shifted;
    private static List<LabeledImage> decoded;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadModelAndImages() throws IOException {
        shifted = OnnxRuntimeBackend.fromBytes(ReplayModels.yoloFastestShiftedByInput(AB_RESIZE, 1f), "shifted.onnx", 1);
        decoded = new ArrayList<>();
        for (String image : IMAGES) {
            decoded.add(new LabeledImage(image, ImageLoader.load(SharedRefs.resolve(image))));
        }
    }

    @AfterAll
    static void closeModel() {
        shifted.close();
    }

    @Test
    void resultsAreTheSequentialDetectorsInInputOrder() throws Exception {
        List<LabeledImage> images = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (LabeledImage image : decoded) {
                images.add(new LabeledImage(image.source() + "#" + round, image.image()));
            }
        }
        Detector sequential = detector(shifted);
        List<DetectionResult> expected = new ArrayList<>();
        for (LabeledImage image : images) {
            expected.add(sequential.detect(image.image(), image.source()));
        }
        // the check is only as strong as the images' results are different from one another
        assertThat(new HashSet<>(expected.stream().map(DetectionResult::detections).toList())).hasSize(IMAGES.size());

        List<DetectionResult> pooled;
        try (DetectionPool pool = new DetectionPool(SharedBackend.of(new ConcurrencyProbe(shifted, Duration.ZERO)), 4, this::detector)) {
            pooled = pool.detectAll(images);
        }

        assertThat(pooled).extracting(DetectionResult::source).containsExactlyElementsOf(images.stream().map(LabeledImage::source).toList());
        for (int i = 0; i < images.size(); i++) {
            assertThat(pooled.get(i).detections()).as(images.get(i).source()).isEqualTo(expected.get(i).detections());
            assertThat(pooled.get(i).image()).isSameAs(images.get(i).image());
        }
    }

    @Test
    void filesAreLoadedAndDetectedInInputOrder() throws Exception {
        List<Path> files = IMAGES.stream().map(SharedRefs::resolve).toList();
        Detector sequential = detector(shifted);

        List<DetectionResult> pooled;
        try (DetectionPool pool = new DetectionPool(SharedBackend.of(new ConcurrencyProbe(shifted, Duration.ZERO)), 3, this::detector)) {
            pooled = pool.detectFiles(files);
        }

        assertThat(pooled).hasSameSizeAs(files);
        for (int i = 0; i < files.size(); i++) {
            DetectionResult want = sequential.detect(files.get(i));
            assertThat(pooled.get(i).source()).isEqualTo(files.get(i).toString());
            assertThat(pooled.get(i).width()).isEqualTo(want.width());
            assertThat(pooled.get(i).detections()).isEqualTo(want.detections());
            assertThat(pooled.get(i).timings().loadNanos()).isPositive();
        }
    }

    @Test
    void aSinkGetsEveryFileInInputOrderWithFewImagesInFlight() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            IMAGES.stream().map(SharedRefs::resolve).forEach(files::add);
        }
        ConcurrencyProbe probe = new ConcurrencyProbe(shifted, Duration.ofMillis(2));
        List<String> sources = new ArrayList<>();
        List<Integer> callsSeenBySink = new ArrayList<>();

        try (DetectionPool pool = new DetectionPool(SharedBackend.of(probe), 2, this::detector)) {
            pool.detectFiles(files, result -> {
                sources.add(result.source());
                callsSeenBySink.add(probe.calls());
            });
        }

        assertThat(sources).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
        // two threads keep at most four images submitted: when the sink takes image i, the backend has run at most i + 4
        for (int i = 0; i < callsSeenBySink.size(); i++) {
            assertThat(callsSeenBySink.get(i)).as("backend calls when image %d reached the sink", i).isLessThanOrEqualTo(i + 4);
        }
    }

    @Test
    void aFailingSinkStopsThePoolAndItsErrorComesBackAsItIs() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(SharedRefs.resolve(IMAGES.get(i % 2)));
        }
        ConcurrencyProbe probe = new ConcurrencyProbe(shifted, Duration.ZERO);
        List<String> seen = new ArrayList<>();

        try (DetectionPool pool = new DetectionPool(SharedBackend.of(probe), 2, this::detector)) {
            assertThatThrownBy(() -> pool.detectFiles(files, result -> {
                seen.add(result.source());
                if (seen.size() == 3) {
                    throw new IOException("disk full");
                }
            })).isInstanceOf(IOException.class).hasMessage("disk full");
        }

        assertThat(seen).hasSize(3);
        assertThat(probe.calls()).isLessThan(files.size());
    }

    @Test
    void pooledDetectionsAreDarknets() throws Exception {
        try (OnnxRuntimeBackend replay = OnnxRuntimeBackend.fromBytes(ReplayModels.yoloFastest(AB_RESIZE), "replay.onnx", 1);
             DetectionPool pool = new DetectionPool(SharedBackend.of(new ConcurrencyProbe(replay, Duration.ZERO)), 2, this::detector)) {
            DetectionResult result = pool.submit(SharedRefs.resolve("images/dog_decoded.png")).get();

            List<String> want = DetectionsTsv.read(SharedRefs.resolve("ref/" + AB_RESIZE + "/detections.tsv")).stream()
                    .map(r -> r.classId() + " " + r.left() + "," + r.top() + "," + r.right() + "," + r.bottom()).toList();
            assertThat(result.detections()).extracting(d -> d.classId() + " " + d.pixels().left() + "," + d.pixels().top()
                    + "," + d.pixels().right() + "," + d.pixels().bottom()).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    @Test
    void theFirstFailingFileIsReportedByNameAndThePoolCarriesOn() throws Exception {
        Path missing = tmp.resolve("missing.jpg");
        Path broken = Files.write(tmp.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        List<Path> files = List.of(SharedRefs.resolve(IMAGES.get(0)), missing, SharedRefs.resolve(IMAGES.get(1)), broken);

        try (DetectionPool pool = new DetectionPool(SharedBackend.of(new ConcurrencyProbe(shifted, Duration.ZERO)), 2, this::detector)) {
            assertThatThrownBy(() -> pool.detectFiles(files))
                    .isInstanceOfSatisfying(ImageDetectionException.class, e -> assertThat(e.source()).isEqualTo(missing.toString()))
                    .hasMessage(missing + ": no such file");

            assertThat(pool.detectFiles(List.of(SharedRefs.resolve(IMAGES.get(1))))).hasSize(1);
        }
    }

    @Test
    void aFailingImageInMemoryIsReportedByItsLabel() throws Exception {
        RgbImage black = RgbImage.ofPlanes(64, 48, new byte[3 * 64 * 48]);
        List<LabeledImage> images = List.of(decoded.get(0), new LabeledImage("black frame", black), decoded.get(1));
        ForwardingBackend refusesBlack = new ForwardingBackend(shifted) {
            @Override
            public Map<String, float[]> infer(float[] input, long[] shape) throws Exception {
                for (float v : input) {
                    if (v != 0) {
                        return super.infer(input, shape);
                    }
                }
                throw new IOException("the input is all zeros");
            }
        };

        try (DetectionPool pool = new DetectionPool(SharedBackend.of(refusesBlack), 2, this::detector)) {
            assertThatThrownBy(() -> pool.detectAll(images)).isInstanceOf(ImageDetectionException.class)
                    .hasMessage("black frame: the input is all zeros");

            Future<DetectionResult> single = pool.submit(black, "black again");
            assertThatThrownBy(single::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ImageDetectionException.class).hasMessage("black again: the input is all zeros");
        }
    }

    @Test
    void neverCallsTheBackendConcurrently() throws Exception {
        ConcurrencyProbe probe = new ConcurrencyProbe(shifted, Duration.ofMillis(3));
        List<LabeledImage> images = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            images.add(decoded.get(i % decoded.size()));
        }

        try (DetectionPool pool = new DetectionPool(SharedBackend.of(probe), 4, this::detector)) {
            pool.detectAll(images);
        }

        assertThat(probe.calls()).isEqualTo(24);
        assertThat(probe.maxConcurrent()).isEqualTo(1);
    }

    /** The control for the test above: the probe does see overlapping calls when nothing keeps them apart. */
    @Test
    void theProbeSeesOverlapWhenThreadsShareAnUnguardedBackend() throws Exception {
        ConcurrencyProbe probe = new ConcurrencyProbe(shifted, Duration.ofMillis(20));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<DetectionResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Detector own = detector(probe);
                LabeledImage image = decoded.get(i % decoded.size());
                results.add(threads.submit(() -> own.detect(image.image(), image.source())));
            }
            for (Future<DetectionResult> r : results) {
                r.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(probe.maxConcurrent()).isGreaterThan(1);
    }

    @Test
    void detectorsMustRunOnTheSharedBackend() {
        SharedBackend sharedBackend = SharedBackend.of(new ConcurrencyProbe(shifted, Duration.ZERO));
        assertThatThrownBy(() -> new DetectionPool(sharedBackend, 2, b -> detector(shifted)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the shared backend");
        assertThatThrownBy(() -> new DetectionPool(sharedBackend, 0, this::detector))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one thread");
    }

    @Test
    void aClosedPoolRefusesWork() {
        DetectionPool pool = new DetectionPool(SharedBackend.of(new ConcurrencyProbe(shifted, Duration.ZERO)), 2, this::detector);
        pool.close();

        assertThatThrownBy(() -> pool.submit(decoded.get(0).image(), "late")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the detection pool is closed");
    }

    private Detector detector(InferenceBackend backend) {
        return Detector.fromMetadata("shifted.onnx", backend, DetectorSettings.defaults());
    }
}
