// Writes the self-test's two-input model (features float[N,16] + token_ids int64[N,4] -> scores, pooled)
// for gpu/check.sh, from the built jar:
//   java -cp cli/target/trtpipe.jar gpu/TwoInputsModel.java .gpu/app/models/two-inputs.onnx
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;

public class TwoInputsModel {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "two-inputs.onnx");
        Files.write(out, SyntheticModels.twoInputs(3, 1f));
        System.out.println("wrote " + out);
    }
}
