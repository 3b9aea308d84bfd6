package dev.s3csi.validator.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;

import dev.s3csi.validator.probe.ProbeVolume;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A bucket seen through mountpoint-s3: new files only, uploaded when closed, keys relative to the
 * mount root plus the {@code prefix=} mount option, deletion only with {@code allow-delete}. The
 * probe program runs against this exactly as it runs against a real mount.
 */
final class MountpointS3Volume implements ProbeVolume {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final boolean allowDelete;
  private final boolean readOnly;
  private final Set<Fault> faults;

  /**
   * @param readOnly mounted read-only (the pod asked for its PVC read-only): every change fails
   *     with EROFS, as the kernel answers on a read-only bind mount
   */
  MountpointS3Volume(
      S3Client s3, String bucket, List<String> mountOptions, boolean readOnly, Set<Fault> faults) {
    this.s3 = s3;
    this.readOnly = readOnly;
    this.bucket = bucket;
    // Under prefix-leak the mount ignores its prefix and sees the whole bucket.
    this.prefix =
        faults.contains(Fault.PREFIX_LEAK)
            ? ""
            : MountArgs.value(mountOptions, "prefix").orElse("");
    this.allowDelete = MountArgs.has(mountOptions, "allow-delete");
    this.faults = faults;
  }

  @Override
  public OutputStream createNew(String path) throws IOException {
    refuseOnReadOnly(path);
    String key = prefix + path;
    if (exists(key)) {
      throw new FileAlreadyExistsException(
          path, null, "mountpoint-s3 does not overwrite without allow-overwrite");
    }
    return new ByteArrayOutputStream() {
      private boolean closed;

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        upload(key, toByteArray());
      }
    };
  }

  private void upload(String key, byte[] content) {
    if (faults.contains(Fault.WRITE_LOST)) {
      return;
    }
    byte[] stored = faults.contains(Fault.DATA_CORRUPT) ? corrupt(content) : content;
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(stored));
  }

  private static byte[] corrupt(byte[] content) {
    if (content.length == 0) {
      return new byte[] {0};
    }
    byte[] copy = content.clone();
    copy[copy.length / 2] ^= 0x5a;
    return copy;
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(prefix + path));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(path);
    }
  }

  @Override
  public void delete(String path) throws IOException {
    refuseOnReadOnly(path);
    if (!allowDelete) {
      throw new AccessDeniedException(
          path, null, "Operation not permitted (mounted without allow-delete)");
    }
    if (!exists(prefix + path)) {
      throw new NoSuchFileException(path);
    }
    s3.deleteObject(b -> b.bucket(bucket).key(prefix + path));
  }

  private void refuseOnReadOnly(String path) throws FileSystemException {
    if (readOnly) {
      throw new FileSystemException(path, null, "Read-only file system");
    }
  }

  private boolean exists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
