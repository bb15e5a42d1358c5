package dev.trtpipe.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pooled runs' images: distinct copies, each one byte off the decoded image, together past any cache, cycled through. */
class DistinctImagesTest {

    @Test
    void enoughCopiesToOutgrowACacheInWholeBatchesAndNeverFewerThanTwoBatches() {
        long dog = 3L * 768 * 576; // 1,327,104 bytes: 256 MiB needs 203 copies
        assertThat(DistinctImages.count(32, dog)).isEqualTo(224);
        assertThat(DistinctImages.count(1, dog)).isEqualTo(203);
        assertThat(DistinctImages.count(32, 3)).isEqualTo(1024); // a 1-pixel image: capped
        assertThat(DistinctImages.count(1000, 3L * 4000 * 3000)).isEqualTo(2000); // two batches of a 12 MP photo
        assertThat(DistinctImages.count(16, 3L * 416 * 416)).isEqualTo(528); // 518 for 256 MiB, rounded up to 33 batches
        assertThat(DistinctImages.count(16, 3L * 320 * 240)).isEqualTo(1024); // capped: still 236 MB
    }

    @Test
    void eachCopyDiffersFromTheImageInOneByteOfItsOwnAndTheBatchesCycle() {
        byte[] planes = new byte[3 * 40 * 30];
        new SplittableRandom(7).nextBytes(planes);
        RgbImage image = RgbImage.ofPlanes(40, 30, planes);
        try (DistinctImages images = DistinctImages.of(image, "noise.png", 8, PixelMemory.HEAP)) {
            assertThat(images.size()).isEqualTo(1024);
            Set<Integer> changed = new HashSet<>();
            for (RgbImage copy : images.images()) {
                byte[] bytes = new byte[planes.length];
                copy.copyPlanesTo(ByteBuffer.wrap(bytes));
                List<Integer> differing = new ArrayList<>();
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] != planes[i]) {
                        differing.add(i);
                        assertThat(bytes[i] ^ planes[i]).isEqualTo(1);
                    }
                }
                assertThat(differing).hasSize(1);
                changed.add(differing.get(0));
            }
            assertThat(changed).hasSize(1024);

            Set<RgbImage> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            List<LabeledImage> first = images.nextBatch();
            for (int b = 0; b < 1024 / 8; b++) {
                List<LabeledImage> batch = b == 0 ? first : images.nextBatch();
                assertThat(batch).hasSize(8).extracting(LabeledImage::source).containsOnly("noise.png");
                batch.forEach(l -> seen.add(l.image()));
            }
            assertThat(seen).hasSize(1024);
            assertThat(images.nextBatch()).isSameAs(first);
        }
    }

    @Test
    void copiesAreMadeInTheMemoryGivenAndGivenBackOnClose() {
        AtomicInteger outstanding = new AtomicInteger();
        PixelMemory counting = bytes -> {
            outstanding.incrementAndGet();
            return new PixelMemory.Block(ByteBuffer.allocateDirect(bytes), true, outstanding::decrementAndGet);
        };
        RgbImage image = RgbImage.ofPlanes(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        try (DistinctImages images = DistinctImages.of(image, "tiny.png", 4, counting)) {
            assertThat(outstanding.get()).isEqualTo(images.size());
            assertThat(images.images()).allSatisfy(i -> assertThat(i.pageLocked()).isTrue());
        }
        assertThat(outstanding.get()).isZero();
        assertThat(image.sample(0, 1, 0)).isEqualTo(2); // the caller's image is left alone
    }
}
