package dev.s3csi.validator.chart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.reconciler.OperatorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One version everywhere: the pom's is the jar's name, the chart's appVersion, every image tag in
 * deploy/ (the operator's, its PROBE_IMAGE, the examples') and the probe image's default tag.
 */
class VersionTest {
  private static final Pattern IMAGE = Pattern.compile("provisioning-validator:([^\"\\s]+)");

  static String pomVersion() throws Exception {
    var pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    var children = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if ("version".equals(children.item(i).getNodeName())) {
        return children.item(i).getTextContent().strip();
      }
    }
    throw new IllegalStateException("pom.xml has no version");
  }

  @Test
  void thePomChartDeployAndProbeImageAgree() throws Exception {
    String version = pomVersion();

    assertThat(OperatorSettings.VERSION)
        .as("the build's version (version.properties)")
        .isEqualTo(version);
    assertThat(OperatorSettings.DEFAULT_PROBE_IMAGE).isEqualTo("provisioning-validator:" + version);
    assertThat(Files.readString(Path.of("helm/provisioning-validator/Chart.yaml")))
        .containsPattern("(?m)^appVersion: \"" + Pattern.quote(version) + "\"$");
    List<Path> manifests;
    try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
      manifests = files.filter(p -> p.toString().endsWith(".yaml")).toList();
    }
    int images = 0;
    for (Path manifest : manifests) {
      Matcher tag = IMAGE.matcher(Files.readString(manifest));
      while (tag.find()) {
        assertThat(tag.group(1)).as("%s: %s", manifest, tag.group()).isEqualTo(version);
        images++;
      }
    }
    assertThat(images)
        .as("image references in deploy/: the operator, PROBE_IMAGE, complete.yaml's probe")
        .isGreaterThanOrEqualTo(3);
  }
}
