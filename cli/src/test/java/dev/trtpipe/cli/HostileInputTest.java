package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.darknet.io.TemporaryFiles;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.StringStringEntryProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad-input corpus run through the real CLI entry ({@link Main#run}), one case per class of failure of
 * issue 15. Every case is held to the same rule: the expected exit code, at most three lines on stderr,
 * no stack trace, the message names the user's file and says what is wrong, every input file unchanged
 * and no temporary left behind.
 */
class HostileInputTest {

    private static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared"));
    private static final Path MINI = SHARED.resolve("ref/mini/yolov3-tiny");
    private static final Path ETLT = SHARED.resolve("etlt/faciallandmarks.etlt");

    @TempDir
    Path dir;

    private Path cfg;
    private Path weights;

    @BeforeEach
    void copyInputs() throws IOException {
        cfg = Files.copy(MINI.resolve("model.cfg"), dir.resolve("model.cfg"));
        weights = Files.copy(MINI.resolve("model.weights"), dir.resolve("model.weights"));
    }

    // 1. no output over an input

    @Test
    void darknet2onnxRefusesToWriteOverItsWeights() throws Exception {
        assertRefused(ExitCode.USAGE, List.of("--output " + weights, "is the input", "choose another output"),
                "darknet2onnx", "--cfg", cfg.toString(), "--weights", weights.toString(), "-o", weights.toString());
    }

    @Test
    void darknet2onnxRefusesASymlinkToItsCfg() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("out.onnx"), cfg);
        assertRefused(ExitCode.USAGE, List.of(link.toString(), "same file as the input " + cfg),
                "darknet2onnx", "--cfg", cfg.toString(), "--weights", weights.toString(), "-o", link.toString());
    }

    @Test
    void darknet2onnxRefusesAHardLinkToItsWeights() throws Exception {
        Path link = Files.createLink(dir.resolve("hard.onnx"), weights);
        assertRefused(ExitCode.USAGE, List.of(link.toString(), "same file as the input"),
                "darknet2onnx", "--cfg", cfg.toString(), "--weights", weights.toString(), "--output", link.toString());
    }

    @Test
    void twoOutputsNamingOneFileAreRefused() throws Exception {
        String same = dir.resolve("model.out").toString();
        assertRefused(ExitCode.USAGE, List.of("--output and --engine both name " + same),
                "darknet2trt", "--cfg", cfg.toString(), "--weights", weights.toString(), "-o", same, "-e", same);
    }

    @Test
    void detectRefusesAnAnnotatedVideoOverItsSource() throws Exception {
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[] {0, 0, 0, 24});
        assertRefused(ExitCode.USAGE, List.of("--out-video " + clip, "is the input"),
                "detect", "--model", weights.toString(), "--video", clip.toString(), "--out-video", clip.toString());
    }

    @Test
    void evalRefusesPerClassTableOverTheDataset() throws Exception {
        Path data = Files.writeString(dir.resolve("gt.json"), "{\"images\":[],\"annotations\":[],\"categories\":[]}");
        assertRefused(ExitCode.USAGE, List.of("--per-class " + data, "is the input"),
                "eval", "--data", data.toString(), "--detections", data.toString(), "--per-class", data.toString());
    }

    @Test
    void etlt2onnxRefusesToWriteOverTheEtlt() throws Exception {
        Path etlt = Files.copy(ETLT, dir.resolve("fl.etlt"));
        assertRefused(ExitCode.USAGE, List.of(etlt.toString(), "is the input"),
                "etlt2onnx", "-k", "nvidia_tlt", etlt.toString(), "-o", etlt.toString());
    }

    @Test
    void etlt2onnxRefusesADefaultOutputThatIsTheInput() throws Exception {
        Path etlt = Files.copy(ETLT, dir.resolve("fl.onnx")); // an .etlt misnamed .onnx: the default output is itself
        assertRefused(ExitCode.USAGE, List.of("the default output " + etlt, "is the input"),
                "etlt2onnx", "-k", "nvidia_tlt", etlt.toString());
    }

    @Test
    void onnx2etltRefusesToWriteOverTheModel() throws Exception {
        Path onnx = tinyDetector();
        assertRefused(ExitCode.USAGE, List.of(onnx.toString(), "is the input"),
                "onnx2etlt", "-k", "nvidia_tlt", onnx.toString(), "-o", onnx.toString());
    }

    @Test
    void detectRefusesAReportThatWouldReplaceAnInput() throws Exception {
        Path onnx = tinyDetector();
        Path image = Files.copy(SHARED.resolve("images/dog_decoded.png"), dir.resolve("dog.png"));
        Path names = Files.writeString(dir.resolve("dog.detections.json"), "a\nb\n"); // where dog.png's report goes
        assertRefused(ExitCode.USAGE, List.of("the report " + names, "is the input"), "detect", "--model", onnx.toString(),
                "--image", image.toString(), "--names", names.toString(), "--out-dir", dir.toString());
    }

    // 3. counts and option ranges

    @Test
    void aForgedHeadCountIsAMessageNotAnOutOfMemoryError() throws Exception {
        Path forged = forgedDetector(Map.of("darknet.heads", "2147483647"));
        Path image = Files.copy(SHARED.resolve("images/dog_decoded.png"), dir.resolve("dog.png"));
        List<String> why = List.of(forged.toString(), "darknet.heads", "2147483647", "re-convert");
        assertRefused(ExitCode.BAD_INPUT, why, "detect", "--model", forged.toString(), "--image", image.toString());
        Path names = Files.writeString(dir.resolve("two.names"), "a\nb\n");
        assertRefused(ExitCode.BAD_INPUT, why, "export", "deepstream", "--onnx", forged.toString(), "--names", names.toString(),
                "--out", dir.resolve("ds").toString());
        assertRefused(ExitCode.BAD_INPUT, why, "export", "triton", "--onnx", forged.toString(), "--out", dir.resolve("repo").toString());
        assertThat(dir.resolve("ds")).doesNotExist();
        assertThat(dir.resolve("repo")).doesNotExist();
    }

    @Test
    void exportDeepstreamRefusesAClassCountTheHeadsContradict() throws Exception {
        Map<String, String> eighty = new LinkedHashMap<>();
        eighty.put("darknet.classes", "80");
        eighty.put("darknet.head.0.classes", "80");
        eighty.put("darknet.head.1.classes", "80");
        Path forged = forgedDetector(eighty);
        Path names = Files.writeString(dir.resolve("coco.names"), "x\n".repeat(80));
        assertRefused(ExitCode.BAD_INPUT, List.of(forged.toString(), "channels", "80 classes"),
                "export", "deepstream", "--onnx", forged.toString(), "--names", names.toString(), "--out", dir.resolve("ds").toString());
        assertThat(dir.resolve("ds")).doesNotExist();
    }

    @Test
    void absurdWorkerAndThreadCountsAreRefusedWithTheirRange() throws Exception {
        Path onnx = tinyDetector();
        Path image = Files.copy(SHARED.resolve("images/dog_decoded.png"), dir.resolve("dog.png"));
        assertRefused(ExitCode.USAGE, List.of("--workers", "1..256", "100000"),
                "detect", "--model", onnx.toString(), "--image", image.toString(), "--workers", "100000");
        assertRefused(ExitCode.USAGE, List.of("--threads", "1..256", "100000"),
                "detect", "--model", onnx.toString(), "--image", image.toString(), "--threads", "100000");
        assertRefused(ExitCode.USAGE, List.of("--instances", "1..16"),
                "detect", "--model", onnx.toString(), "--image", image.toString(), "--instances", "-3");
        assertRefused(ExitCode.USAGE, List.of("--conf-thresh", "[0, 1]"), "export", "deepstream", "--onnx", onnx.toString(),
                "--names", onnx.toString(), "--out", dir.resolve("ds").toString(), "--conf-thresh", "7");
    }

    // 4. messages that name the path and the fix

    @Test
    void aDirectoryGivenAsAFileIsNamed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.cfg"));
        assertRefused(ExitCode.USAGE, List.of("--cfg " + folder, "is a directory"), "inspect-darknet", "--cfg", folder.toString());
    }

    @Test
    void aDirectoryGivenAsAPositionalFileIsNamed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("model.etlt"));
        assertRefused(ExitCode.BAD_INPUT, List.of(folder + ": is a directory"), "inspect-etlt", "-k", "nvidia_tlt", folder.toString());
    }

    @Test
    void anOutDirThatIsARegularFileIsNamed() throws Exception {
        Path onnx = tinyDetector();
        Path image = Files.copy(SHARED.resolve("images/dog_decoded.png"), dir.resolve("dog.png"));
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        assertRefused(ExitCode.USAGE, List.of("--out-dir " + file, "is a regular file"),
                "detect", "--model", onnx.toString(), "--image", image.toString(), "--out-dir", file.toString());
    }

    @Test
    void anUnwritableOutputNamesTheTargetNotATemporary() throws Exception {
        Path procVersion = Path.of("/proc/version");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(procVersion), "Linux /proc");
        String before = Files.readString(procVersion);
        assertRefused(ExitCode.BAD_INPUT, List.of("cannot write /proc/version"),
                "darknet2onnx", "--cfg", cfg.toString(), "--weights", weights.toString(), "-o", procVersion.toString());
        assertThat(Files.readString(procVersion)).isEqualTo(before);
    }

    @Test
    void aBinaryNamesFileIsCalledThat() throws Exception {
        Path onnx = tinyDetector();
        Path image = Files.copy(SHARED.resolve("images/dog_decoded.png"), dir.resolve("dog.png"));
        Path binary = Files.write(dir.resolve("bad.names"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        assertRefused(ExitCode.BAD_INPUT, List.of(binary.toString(), "not a UTF-8 text file", "one name per line"),
                "detect", "--model", onnx.toString(), "--image", image.toString(), "--names", binary.toString());
    }

    @Test
    void aOneBytePayloadIsTruncatedNotAWrongKey() throws Exception {
        byte[] header = new byte[21]; // int32 nameLen 0, 16-byte nonce, then one payload byte
        System.arraycopy(Files.readAllBytes(ETLT), 0, header, 0, 21);
        Path etlt = Files.write(dir.resolve("short.etlt"), header);
        CliRun run = assertRefused(ExitCode.BAD_INPUT, List.of(etlt.toString(), "1 bytes", "truncated"),
                "etlt2onnx", "-k", "nvidia_tlt", etlt.toString(), "-o", dir.resolve("short.onnx").toString());
        assertThat(run.err()).doesNotContain("wrong key");
    }

    @Test
    void warningsAreCappedAtThreeAndCounted() throws Exception {
        Files.writeString(cfg, "\nodd line one\nodd line two\nodd line three\nodd line four\nodd line five\n",
                java.nio.file.StandardOpenOption.APPEND);
        CliRun run = CliRun.of("darknet2onnx", "--cfg", cfg.toString(), "--weights", weights.toString(), "-o",
                dir.resolve("m.onnx").toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        List<String> warnings = run.errOnScreen().stream().filter(l -> l.startsWith("warning: ")).toList();
        assertThat(warnings).hasSize(4);
        assertThat(warnings.get(0)).contains("oddlineone");
        assertThat(warnings.get(3)).isEqualTo("warning: and 2 more warnings");
    }

    // 5. strict usage

    @Test
    void aStrayPositionalArgumentIsRefused() throws Exception {
        assertRefused(ExitCode.USAGE, List.of("unexpected argument 'extra'"),
                "darknet2onnx", "extra", "--cfg", cfg.toString(), "--weights", weights.toString(), "-o", dir.resolve("m.onnx").toString());
    }

    @Test
    void aSingleValuedOptionGivenTwiceIsRefused() throws Exception {
        assertRefused(ExitCode.USAGE, List.of("--cfg is given more than once"), "darknet2onnx", "--cfg", cfg.toString(),
                "--cfg", cfg.toString(), "--weights", weights.toString(), "-o", dir.resolve("m.onnx").toString());
    }

    @Test
    void repeatableOptionsAndRealPositionalsStillWork() throws Exception {
        Path onnx = tinyDetector();
        Path dog = Files.copy(SHARED.resolve("images/dog_decoded.png"), dir.resolve("dog.png"));
        Path person = Files.copy(SHARED.resolve("images/person_decoded.png"), dir.resolve("person.png"));
        CliRun detect = CliRun.of("detect", "--model", onnx.toString(), "--image", dog.toString(), "--image", person.toString());
        assertThat(detect.exit()).as(detect.err()).isEqualTo(ExitCode.OK);
        CliRun export = CliRun.of("export", "triton", "--onnx", onnx.toString(), "--out", dir.resolve("repo").toString());
        assertThat(export.exit()).as(export.err()).isEqualTo(ExitCode.OK);
    }

    // the shared rule

    /** Runs, then checks the rule every hostile case must meet; returns the run for extra checks. */
    private CliRun assertRefused(int exit, List<String> mentions, String... args) throws IOException {
        Map<Path, String> inputs = digests();
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.err()).isEqualTo(exit);
        List<String> lines = run.errOnScreen();
        assertThat(lines).as(run.err()).hasSizeBetween(1, 3);
        assertThat(run.err()).doesNotContain("\tat ", "Exception in thread", "trtpipe-tmp");
        for (String m : mentions) {
            assertThat(run.lastErrLine()).contains(m);
        }
        assertThat(digests()).as("inputs unchanged, no file added").isEqualTo(inputs);
        assertThat(TemporaryFiles.live()).isEmpty();
        return run;
    }

    private Path tinyDetector() throws IOException {
        return TinyDetectorOnnx.writeDetector(dir.resolve("tiny.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
    }

    /** The tiny detector with some metadata values replaced, as a hostile file would carry them. */
    private Path forgedDetector(Map<String, String> forged) throws IOException {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(tinyDetector()));
        Files.delete(dir.resolve("tiny.onnx"));
        ModelProto.Builder b = model.toBuilder().clearMetadataProps();
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            b.addMetadataProps(e.toBuilder().setValue(forged.getOrDefault(e.getKey(), e.getValue())));
        }
        return Files.write(dir.resolve("forged.onnx"), b.build().toByteArray());
    }

    /** Every file under the test folder with the SHA-256 of its content (links followed). */
    private Map<Path, String> digests() throws IOException {
        Map<Path, String> m = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                m.put(p, sha256(p));
            }
        }
        return m;
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
