package dev.s3csi.validator.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark measures the operator as its image starts it: the JVM flags of jib's container in
 * pom.xml are the ones {@link OperatorJvm} starts the operator with.
 */
class ImageJvmFlagsTest {

  @Test
  void theBenchmarkStartsTheOperatorWithTheImagesJvmFlags() throws Exception {
    Element pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile())
            .getDocumentElement();
    List<String> flags = new ArrayList<>();
    NodeList containers = pom.getElementsByTagName("container");
    for (int i = 0; i < containers.getLength(); i++) {
      NodeList jvmFlags = ((Element) containers.item(i)).getElementsByTagName("jvmFlag");
      for (int j = 0; j < jvmFlags.getLength(); j++) {
        flags.add(jvmFlags.item(j).getTextContent().strip());
      }
    }

    assertThat(flags).isNotEmpty().isEqualTo(OperatorJvm.IMAGE_JVM_FLAGS);
  }
}
