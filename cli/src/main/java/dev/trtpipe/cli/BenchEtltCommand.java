package dev.trtpipe.cli;

import dev.trtpipe.etlt.DecryptionBenchmark;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.UffTranslationBenchmark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe bench-etlt}: .etlt decryption throughput against a plain copy of the same file; with
 * {@code --uff model.etlt -k KEY}, UFF → ONNX translation against decrypting and writing the same payload.
 */
final class BenchEtltCommand implements ParsedCommand<BenchEtltCommand.Flags> {

    /** The decryption benchmark's payload size, rounds and folder; with {@code uff}, the UFF translation benchmark instead. */
    record Flags(long sizeMb, int rounds, Path dir, Optional<UffRun> uff) {
    }

    /** A UFF .etlt to time translating, and its key. */
    record UffRun(Path etlt, EtltKey key) {
    }

    @Override
    public String name() {
        return "bench-etlt";
    }

    @Override
    public String summary() {
        return "benchmark .etlt decryption against a plain file copy (generated payload), or UFF translation (--uff)";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("size-mb").hasArg().converter(Values.longIn(1, Long.MAX_VALUE / 1_000_000)).argName("MB").desc("payload size in 10^6 bytes (default: 200)").get())
                .addOption(Option.builder().longOpt("rounds").hasArg().converter(Values.intIn(1, Integer.MAX_VALUE)).argName("N").desc("timed rounds, best kept (--uff: best and median) (default: 5)").get())
                .addOption(Option.builder().longOpt("dir").hasArg().converter(Values.PATH).argName("DIR")
                        .desc("where to write the temporary files (default: the system temp directory)").get())
                .addOption(Option.builder().longOpt("uff").hasArg().converter(Values.PATH).argName("ETLT")
                        .desc("time translating this UFF .etlt to ONNX against decrypting and writing its payload (needs -k)").get())
                .addOption(EtltCliSupport.keyOption());
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        Optional<Path> uff = Values.get(line, "uff");
        Optional<UffRun> uffRun = uff.isPresent() ? Optional.of(new UffRun(uff.get(), EtltCliSupport.key(line))) : Optional.empty();
        return new Flags(Values.get(line, "size-mb", 200L), Values.get(line, "rounds", 5),
                Values.get(line, "dir", Path.of(System.getProperty("java.io.tmpdir"))), uffRun);
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        long sizeMb = flags.sizeMb();
        int rounds = flags.rounds();
        Path dir = flags.dir();
        if (flags.uff().isPresent()) {
            return benchUff(flags.uff().get().etlt(), flags.uff().get().key(), dir, rounds, console);
        }
        DecryptionBenchmark.Result r = DecryptionBenchmark.run(dir, sizeMb * 1_000_000L, rounds);
        console.out().printf("payload:          %d MB (10^6 bytes), in %s, best of %d rounds%n", sizeMb, dir, r.rounds());
        console.out().printf("key derivation:   %.0f ms (PBKDF2, once per key and process)%n", r.keyDerivationMillis());
        console.out().printf("file to file:     plain copy %.0f MB/s, decrypt %.0f MB/s (%.2f x the copy)%n",
                r.copyMBps(), r.decryptMBps(), r.ratio());
        console.out().printf("output discarded: plain read %.0f MB/s, decrypt %.0f MB/s (%.2f x the read)%n",
                r.readMBps(), r.decryptReadMBps(), r.readRatio());
        return ExitCode.OK;
    }

    private static int benchUff(Path etlt, EtltKey key, Path dir, int rounds, Console console) throws Exception {
        UffTranslationBenchmark.Result r = UffTranslationBenchmark.run(etlt, key, dir, rounds);
        console.out().printf("payload:          %s, UFF %d bytes → ONNX %d bytes, in %s, %d rounds after %d warm-up rounds%n",
                etlt, r.payloadBytes(), r.onnxBytes(), dir, r.rounds(), r.warmUpRounds());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        console.out().printf("load average:     %s (1 min, %d cores)%n", load < 0 ? "unknown" : String.format("%.2f", load),
                Runtime.getRuntime().availableProcessors());
        printTiming(console, "best", r.best());
        printTiming(console, "median", r.median());
        console.out().printf("  round by round:   %.2f x (median of the rounds' own ratios)%n", r.medianRoundRatio());
        if (r.medianCpu() != null) {
            console.out().printf("  CPU time:         %.2f ms decrypt + write, %.2f ms translate: %.2f x (this thread, user + system)%n",
                    r.medianCpu().decryptWriteMillis(), r.medianCpu().translateMillis(), r.medianCpu().ratio());
        }
        console.out().printf("verdict:          %s (median %.2f x, rounds' median %.2f x; target ≤ %.0f)%n",
                r.meetsTarget() ? "target met" : "target NOT met", r.median().ratio(), r.medianRoundRatio(),
                UffTranslationBenchmark.TARGET_RATIO);
        return ExitCode.OK;
    }

    private static void printTiming(Console console, String statistic, UffTranslationBenchmark.Timing t) {
        console.out().printf("%s:%n", statistic);
        console.out().printf("  decrypt + write:  %.2f ms (the payload bytes as they are)%n", t.decryptWriteMillis());
        console.out().printf("  translate:        %.2f ms = decrypt + parse %.2f + build ONNX %.2f + write %.2f%n",
                t.translateMillis(), t.parseMillis(), t.convertMillis(), t.writeMillis());
        console.out().printf("  ratio:            %.2f x decrypt + write (target ≤ 2)%n", t.ratio());
    }
}
