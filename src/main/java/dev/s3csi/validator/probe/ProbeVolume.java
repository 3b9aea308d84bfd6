package dev.s3csi.validator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The mounted volume as the probe uses it: only the operations mountpoint-s3 supports, so that a
 * plan that works here works on a real mount.
 */
public interface ProbeVolume {

  /** A new file, written sequentially from offset 0; its data is durable once the stream closes. */
  OutputStream createNew(String path) throws IOException;

  InputStream open(String path) throws IOException;

  void delete(String path) throws IOException;
}
