package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.api.TensorRtUnavailableException;
import dev.trtpipe.darknet.DarknetFormatException;
import dev.trtpipe.etlt.EtltFormatException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** An exception nobody anticipated is trtpipe's bug (exit 70, "internal error"), never "bad input". */
class InternalErrorsTest {

    @Test
    void unanticipatedExceptionsAreInternalErrors() {
        for (Throwable t : new Throwable[] {new RuntimeException("boom"), new NoSuchElementException("no value present"),
                new Exception("checked"), new LinkageError("x")}) {
            assertThat(ErrorMessages.exitCode(t)).as(t.toString()).isEqualTo(ExitCode.INTERNAL);
            assertThat(ErrorMessages.message(t)).as(t.toString()).startsWith("internal error: ").contains("--debug");
        }
    }

    @Test
    void theLibrariesOwnExceptionsAreBadInputAndMissingTensorRtIsExit3() {
        assertThat(ErrorMessages.exitCode(new DarknetFormatException("yolo.cfg:3: bad"))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ErrorMessages.exitCode(new EtltFormatException("m.etlt: offset 4: bad"))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ErrorMessages.exitCode(new TensorRtUnavailableException("no libnvinfer", null))).isEqualTo(ExitCode.NO_TENSORRT);
        assertThat(ErrorMessages.exitCode(new UsageException("x"))).isEqualTo(ExitCode.USAGE);
    }
}
