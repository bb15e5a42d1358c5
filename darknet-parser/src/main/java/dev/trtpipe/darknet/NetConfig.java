package dev.trtpipe.darknet;

/**
 * The inference-relevant part of {@code [net]}: the input size and AB's {@code letter_box}. Training
 * options ({@code batch}, {@code subdivisions}, augmentation, learning rate, …) are ignored.
 */
public record NetConfig(int width, int height, int channels, boolean letterBox, int line) {

    public Shape input() {
        return new Shape(channels, height, width);
    }

    static NetConfig parse(SectionReader s) {
        int width = s.getInt("width", 0);
        int height = s.getInt("height", 0);
        int channels = s.getInt("channels", 0);
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw s.error("needs positive width, height and channels (got " + width + ", " + height + ", "
                    + channels + ")");
        }
        boolean letterBox = s.getFlag("letter_box");
        s.ignore(NET_TRAINING_KEYS);
        return new NetConfig(width, height, channels, letterBox, s.line());
    }

    /** Keys of darknet's {@code parse_net_options} that do not affect inference. */
    private static final String[] NET_TRAINING_KEYS = {"batch", "subdivisions", "learning_rate", "momentum",
            "decay", "angle", "saturation", "exposure", "hue", "burn_in", "max_batches", "policy", "steps",
            "scales", "inputs", "max_crop", "min_crop", "max_ratio", "min_ratio", "center", "aspect",
            "mosaic", "mixup", "cutmix", "blur", "flip", "gaussian_noise", "ema_alpha", "time_steps",
            "notruth", "random", "adam", "B1", "B2", "eps", "power", "gamma", "step", "scale", "seq_scales",
            "learning_rate_min", "sgdr_cycle", "sgdr_mult", "track", "augment_speed", "sequential_subdivisions",
            "try_fix_nan", "weights_reject_freq", "equidistant_point", "badlabels_rejection_percentage",
            "num_sigmas_reject_badlabels", "use_cuda_graph", "loss_scale", "dynamic_minibatch",
            "optimized_memory", "workspace_size_limit_MB", "mosaic_bound", "contrastive", "contrastive_jit_flip",
            "contrastive_color", "unsupervised", "label_smooth_eps", "resize_step", "attention",
            "adversarial_lr", "max_chart_loss", "label_smooth"};
}
