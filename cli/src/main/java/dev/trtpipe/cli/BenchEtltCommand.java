package dev.trtpipe.cli;

import dev.trtpipe.etlt.DecryptionBenchmark;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe bench-etlt}: .etlt decryption throughput against a plain copy of the same file. */
final class BenchEtltCommand implements Command {

    @Override
    public String name() {
        return "bench-etlt";
    }

    @Override
    public String summary() {
        return "benchmark .etlt decryption against a plain file copy (generated payload)";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("size-mb").hasArg().argName("MB").desc("payload size in 10^6 bytes (default: 200)").get())
                .addOption(Option.builder().longOpt("rounds").hasArg().argName("N").desc("timed rounds, best kept (default: 5)").get())
                .addOption(Option.builder().longOpt("dir").hasArg().argName("DIR")
                        .desc("where to write the temporary files (default: the system temp directory)").get());
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        long sizeMb = positive(line, "size-mb", 200);
        int rounds = (int) positive(line, "rounds", 5);
        Path dir = Path.of(line.getOptionValue("dir", System.getProperty("java.io.tmpdir")));
        DecryptionBenchmark.Result r = DecryptionBenchmark.run(dir, sizeMb * 1_000_000L, rounds);
        console.out().printf("payload:          %d MB (10^6 bytes), in %s, best of %d rounds%n", sizeMb, dir, r.rounds());
        console.out().printf("key derivation:   %.0f ms (PBKDF2, once per key and process)%n", r.keyDerivationMillis());
        console.out().printf("file to file:     plain copy %.0f MB/s, decrypt %.0f MB/s (%.2f x the copy)%n",
                r.copyMBps(), r.decryptMBps(), r.ratio());
        console.out().printf("output discarded: plain read %.0f MB/s, decrypt %.0f MB/s (%.2f x the read)%n",
                r.readMBps(), r.decryptReadMBps(), r.readRatio());
        return ExitCode.OK;
    }

    private static long positive(CommandLine line, String option, long fallback) throws UsageException {
        String text = line.getOptionValue(option);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + option + " must be a positive integer, got '" + text + "'");
    }
}
