package dev.s3csi.validator.probe;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The volume as a directory: in a probe pod, the mount point of the PVC. */
public final class LocalProbeVolume implements ProbeVolume {
  private final Path root;

  public LocalProbeVolume(Path root) {
    this.root = root;
  }

  @Override
  public OutputStream createNew(String path) throws IOException {
    Path file = resolve(path);
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    // fsync before close: mountpoint-s3 uploads on close or fsync; either way the bytes must be
    // in S3 once the probe reports them written.
    return new FilterOutputStream(Channels.newOutputStream(channel)) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        try (channel) {
          channel.force(true);
        }
      }
    };
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(resolve(path));
  }

  @Override
  public void delete(String path) throws IOException {
    Files.delete(resolve(path));
  }

  private Path resolve(String path) throws IOException {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root.normalize())) {
      throw new IOException("path escapes the mount: " + path);
    }
    return file;
  }
}
