package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link DeviceImages#at}: the pointer carries the address it was given (a shadowed field once made it null). */
class BarePointerTest {

    @Test
    void aBarePointerHoldsItsAddress() {
        long address = 0x7f00_1234_5600L;
        assertThat(DeviceImages.at(address).address()).isEqualTo(address);
        assertThat(DeviceImages.at(address + 64).address()).isEqualTo(address + 64);
    }
}
