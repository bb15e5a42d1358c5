package dev.trtpipe.uff;

/**
 * Keeps a message on one line: node ids, op names and field keys come from the file, and a corrupt or
 * hostile file may put line breaks or other control characters in them (found by UffFuzzTest). They are
 * written as escapes, so the CLI's one-line message stays one line and still shows what the file holds.
 */
final class OneLine {

    private OneLine() {
    }

    static String of(String message) {
        if (message == null || message.chars().noneMatch(Character::isISOControl)) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 8);
        message.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        return out.toString();
    }
}
