package dev.s3csi.validator.sandbox;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.rest.AuthorizationException;

/**
 * One S3 account's view of the shared store, as S3 gives it: bucket names are global, ListBuckets
 * lists only the caller's buckets, and any request on another account's bucket is refused with 403
 * AccessDenied (S3Proxy turns an {@link AuthorizationException} into that). A bucket belongs to the
 * account that created it.
 */
final class AccountView implements InvocationHandler {
  private final BlobStore store;
  private final String account;
  private final Map<String, String> owners;

  private AccountView(BlobStore store, String account, Map<String, String> owners) {
    this.store = store;
    this.account = account;
    this.owners = owners;
  }

  /**
   * @param owners bucket name to the access key id of the account that created it, shared by every
   *     account's view
   */
  static BlobStore of(BlobStore store, String account, Map<String, String> owners) {
    return (BlobStore)
        Proxy.newProxyInstance(
            BlobStore.class.getClassLoader(),
            new Class<?>[] {BlobStore.class},
            new AccountView(store, account, owners));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("list") && (args == null || args.length == 0)) {
      return ownBuckets();
    }
    String bucket = bucketOf(name, args);
    if (bucket != null) {
      String owner = owners.get(bucket);
      if (owner != null && !owner.equals(account)) {
        throw new AuthorizationException("Access Denied: bucket " + bucket + " is another's");
      }
    }
    Object result = call(method, args);
    if (name.equals("createContainerInLocation") && Boolean.TRUE.equals(result)) {
      owners.put(bucket, account);
    } else if (name.startsWith("deleteContainer") && !store.containerExists(bucket)) {
      owners.remove(bucket);
    }
    return result;
  }

  /** The bucket a call is about: the first String argument, or the location's next one. */
  private static String bucketOf(String method, Object[] args) {
    if (args == null || args.length == 0) {
      return null;
    }
    if (method.equals("createContainerInLocation")) {
      return (String) args[1];
    }
    if (args[0] instanceof MultipartUpload upload) {
      return upload.containerName();
    }
    return args[0] instanceof String bucket ? bucket : null;
  }

  private PageSet<? extends StorageMetadata> ownBuckets() {
    Set<? extends StorageMetadata> own =
        store.list().stream()
            .filter(b -> account.equals(owners.get(b.getName())))
            .collect(Collectors.toSet());
    return new PageSetImpl<>(own, null);
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(store, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
