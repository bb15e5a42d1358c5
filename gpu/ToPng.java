import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Re-encodes images losslessly as PNG for the GPU machine's staged Java runtime, which has no JPEG decoder:
 *   java gpu/ToPng.java SRC_DIR DST_DIR FILE...   (FILE relative to SRC_DIR; written as DST_DIR/FILE with .png)
 */
public class ToPng {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path dst = Path.of(args[1]);
        for (int i = 2; i < args.length; i++) {
            Path out = dst.resolve(args[i].replaceAll("\\.(jpg|jpeg|JPG)$", ".png"));
            Files.createDirectories(out.getParent());
            if (!ImageIO.write(ImageIO.read(src.resolve(args[i]).toFile()), "png", new File(out.toString()))) {
                throw new IllegalStateException("no PNG writer");
            }
        }
    }
}
