package org.cartrial.outcomes.analysis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.DocumentLoader;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.bridge.UserAgentAdapter;
import org.apache.batik.gvt.CompositeGraphicsNode;
import org.apache.batik.gvt.GraphicsNode;
import org.apache.batik.bridge.TextNode;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.batik.util.XMLResourceDescriptor;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.ReferenceCohort;
import org.cartrial.outcomes.analysis.picture.SwimmerPicture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.svg.SVGDocument;

/**
 * Every picture the analysis API draws, as it draws it for the reference cohort with the longest caption it writes,
 * rendered by Batik: the SVG must parse and render (the PNGs land in {@code target/pictures} to be looked at), and
 * no text may reach past the picture's edges, measured with the fonts of this machine.
 */
class PicturesRenderedTest {

    private static final String CAPTION = "Data cut-off 2023-12-31, sites S01 S02 S03 S04 S05, recorded up to "
            + "2026-12-03T23:33:03.123456789Z, endpoints v" + AnalysisController.ENDPOINT_VERSION
            + "; shaded: 95% CI (log)";

    static Stream<Arguments> pictures() {
        ReferenceCohort cohort = ReferenceCohort.read("/analysis/cohort-dev.csv");
        OutcomeAnalysis analysis = OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff());
        return Stream.of(
                Arguments.of("os", AnalysisController.survivalPicture("Overall survival", "CD19 CAR-T infusion",
                        analysis.os(), CAPTION)),
                Arguments.of("efs", AnalysisController.survivalPicture("Event-free survival", "CD19 CAR-T infusion",
                        analysis.efs(), CAPTION)),
                Arguments.of("dfs", AnalysisController.survivalPicture("Disease-free survival", "first CR/CRi",
                        analysis.dfs(), CAPTION)),
                Arguments.of("cir", AnalysisController.incidencePicture(analysis.cir(), CAPTION)),
                Arguments.of("swimmer", SwimmerPicture.render("Subjects' courses after CD19 CAR-T", CAPTION,
                        cohort.subjects(), DataCutoff.of(cohort.dataCutoff()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictures")
    void the_picture_renders_and_its_text_stays_inside_it(String name, String svg) throws Exception {
        Path png = Path.of("target", "pictures", name + ".png");
        Files.createDirectories(png.getParent());
        Files.writeString(png.resolveSibling(name + ".svg"), svg);
        try (OutputStream out = Files.newOutputStream(png)) {
            new PNGTranscoder().transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(out));
        }
        assertThat(Files.size(png)).as("a PNG was written").isGreaterThan(1000);

        SVGDocument document = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName())
                .createSVGDocument("file:/" + name + ".svg", new StringReader(svg));
        UserAgentAdapter agent = new UserAgentAdapter();
        BridgeContext context = new BridgeContext(agent, new DocumentLoader(agent));
        GraphicsNode root = new GVTBuilder().build(context, document);
        Rectangle2D picture = new Rectangle2D.Double(0, 0,
                Double.parseDouble(document.getRootElement().getAttribute("width")),
                Double.parseDouble(document.getRootElement().getAttribute("height")));

        List<String> outside = new ArrayList<>();
        List<TextNode> texts = new ArrayList<>();
        collect(root, texts);
        for (TextNode text : texts) {
            Rectangle2D bounds = text.getGlobalTransform().createTransformedShape(text.getPrimitiveBounds())
                    .getBounds2D();
            if (!picture.contains(bounds)) {
                outside.add(String.format(Locale.ROOT, "\"%s\" at x %.0f-%.0f, y %.0f-%.0f", text.getText(),
                        bounds.getMinX(), bounds.getMaxX(), bounds.getMinY(), bounds.getMaxY()));
            }
        }
        assertThat(texts).as("text drawn").hasSizeGreaterThan(10);
        assertThat(outside).as("text past the edges of the %.0f x %.0f picture", picture.getWidth(),
                picture.getHeight()).isEmpty();
    }

    private static void collect(GraphicsNode node, List<TextNode> texts) {
        if (node instanceof TextNode text && text.getPrimitiveBounds() != null) {
            texts.add(text);
        } else if (node instanceof CompositeGraphicsNode composite) {
            for (Object child : composite.getChildren()) {
                collect((GraphicsNode) child, texts);
            }
        }
    }
}
