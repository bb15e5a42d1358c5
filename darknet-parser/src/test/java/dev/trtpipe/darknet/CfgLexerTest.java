package dev.trtpipe.darknet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** darknet.md §2: the lexical rules of {@code read_cfg}/{@code read_option}. */
class CfgLexerTest {

    private final List<String> warnings = new ArrayList<>();

    private List<CfgSection> lex(String text) {
        return new CfgLexer("t.cfg", warnings::add).lex(text);
    }

    @Test
    void deletesWhitespaceAnywhereInALine() {
        CfgSection route = lex("[ro ute]\n  layers = -1,\t 61 \n").get(0);
        assertThat(route.name()).isEqualTo("route");
        assertThat(route.find("layers").value()).isEqualTo("-1,61");
    }

    @Test
    void acceptsCrlfAndByteOrderMark() {
        List<CfgSection> sections = lex("\uFEFF[net]\r\nwidth=32\r\n\r\n[convolutional]\r\nactivation=leaky\r\n");
        assertThat(sections).extracting(CfgSection::name).containsExactly("net", "convolutional");
        assertThat(sections.get(1).find("activation").value()).isEqualTo("leaky");
        assertThat(sections.get(1).line()).isEqualTo(4);
    }

    @Test
    void skipsCommentLinesAndEmptyLines() {
        List<CfgSection> sections = lex("# top\n[net]\n; semicolon comment\n  # indented comment\n\nwidth=1\n");
        assertThat(sections.get(0).options()).extracting(CfgOption::key).containsExactly("width");
    }

    @Test
    void firstOccurrenceOfAKeyWins() {
        CfgSection s = lex("[net]\nwidth=416\nwidth=608\n").get(0);
        assertThat(s.find("width").value()).isEqualTo("416");
        assertThat(s.find("width").line()).isEqualTo(2);
    }

    @Test
    void cutsTrailingCommentsWithAWarning() {
        CfgSection s = lex("[yolo]\nmask = 0,1,2 # small objects\n").get(0);
        assertThat(s.find("mask").value()).isEqualTo("0,1,2");
        assertThat(warnings).singleElement().asString().contains("t.cfg:2").contains("comment");
    }

    @Test
    void skipsLinesWithoutValueWithAWarning() {
        CfgSection s = lex("[net]\nwidth=\nheight=8\nnonsense\n").get(0);
        assertThat(s.options()).extracting(CfgOption::key).containsExactly("height");
        assertThat(warnings).hasSize(2).allMatch(w -> w.startsWith("t.cfg:"));
    }

    @Test
    void optionBeforeAnySectionIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> lex("\nwidth=3\n[net]\n"))
                .isInstanceOf(DarknetFormatException.class).hasMessageStartingWith("t.cfg:2: ");
    }

    @Test
    void sectionNamesAreCaseSensitive() {
        assertThatThrownBy(() -> DarknetModel.parse("[net]\nwidth=8\nheight=8\nchannels=3\n[Convolutional]\n", "t.cfg"))
                .isInstanceOf(DarknetFormatException.class)
                .hasMessageStartingWith("t.cfg:5: [Convolutional] is not a darknet layer type");
    }
}
