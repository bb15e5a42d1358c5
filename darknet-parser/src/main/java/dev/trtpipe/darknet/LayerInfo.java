package dev.trtpipe.darknet;

/**
 * What every layer has: its darknet index ({@code [net]} not counted), the cfg line of its section
 * header, and its resolved input and output shapes. {@code input} is the previous layer's output (the
 * network input for layer 0); layers that read other layers ({@code [route]}, {@code [shortcut]}, …)
 * name them in their own fields.
 */
public record LayerInfo(int index, int line, Shape input, Shape output) {
}
