package dev.agentstore.s3;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where and how the S3 store connects, parsed from {@code s3://bucket[/prefix][?param=value&...]}
 * plus an options map that overrides the query (the place for credentials). Parameters:
 * {@code endpoint}, {@code region}, {@code pathStyle}, {@code accessKey}, {@code secretKey},
 * {@code sessionToken}, {@code partSize}, {@code multipartCopyThreshold}, {@code copyPartSize}.
 * Without them: endpoint from {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL}, else AWS;
 * region from {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}, else {@code us-east-1}; path-style
 * when a custom endpoint is set; credentials from the SDK's default chain (environment, profile,
 * container or instance role). Unknown parameters are rejected, so a typo cannot pass silently.
 *
 * <p>Usage: {@code S3Settings s = S3Settings.parse(URI.create("s3://bucket/agentstore?region=eu-west-1"), Map.of());}
 *
 * @param bucket the bucket
 * @param prefix key prefix inside the bucket, empty or ending in {@code /}
 * @param endpoint custom endpoint (MinIO, Ceph, ...), or null for AWS
 * @param region signing region
 * @param pathStyle whether to address {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}
 * @param accessKey access key id, or null for the default credential chain
 * @param secretKey secret access key, or null
 * @param sessionToken session token for temporary credentials, or null
 * @param partSize multipart part size in bytes, also the most one upload buffers in memory
 * @param multipartCopyThreshold objects larger than this are copied part by part (S3 copies at most 5 GiB at once)
 * @param copyPartSize part size of such a copy
 */
public record S3Settings(String bucket, String prefix, URI endpoint, String region, boolean pathStyle, String accessKey,
    String secretKey, String sessionToken, int partSize, long multipartCopyThreshold, long copyPartSize) {
  private static final long MIB = 1024 * 1024;
  private static final Set<String> PARAMETERS = new TreeSet<>(Set.of("endpoint", "region", "pathStyle", "accessKey",
      "secretKey", "sessionToken", "partSize", "multipartCopyThreshold", "copyPartSize"));
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** Reads the settings from the URI's query, {@code options} and the environment. */
  public static S3Settings parse(URI uri, Map<String, String> options) {
    return parse(uri, options, System::getenv);
  }

  /** As {@link #parse(URI, Map)}, with the environment given (for tests). */
  static S3Settings parse(URI uri, Map<String, String> options, Function<String, String> env) {
    if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
      throw new InvalidArgumentException("S3 artifact store URI must look like s3://bucket/prefix?region=..., was scheme " + uri.getScheme());
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidArgumentException("put S3 credentials in the accessKey/secretKey parameters or options, not before the bucket");
    }
    String bucket = uri.getAuthority();
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new InvalidArgumentException("S3 bucket name must be 3-63 chars of [a-z0-9.-], was " + bucket);
    }
    Map<String, String> p = new HashMap<>(query(uri));
    p.putAll(options);
    for (String name : p.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new InvalidArgumentException("unknown S3 artifact store parameter '" + name + "'; known: " + PARAMETERS);
      }
    }
    String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (!prefix.isEmpty()) {
      prefix = ArtifactKeys.requireValidFolder(prefix.endsWith("/") ? prefix : prefix + "/");
    }
    URI endpoint = endpoint(firstOf(p.get("endpoint"), env.apply("AWS_ENDPOINT_URL_S3"), env.apply("AWS_ENDPOINT_URL")));
    String region = firstOf(p.get("region"), env.apply("AWS_REGION"), env.apply("AWS_DEFAULT_REGION"), "us-east-1");
    boolean pathStyle = p.containsKey("pathStyle") ? bool("pathStyle", p.get("pathStyle")) : endpoint != null;
    String accessKey = p.get("accessKey");
    String secretKey = p.get("secretKey");
    if ((accessKey == null) != (secretKey == null)) {
      throw new InvalidArgumentException("give both accessKey and secretKey, or neither to use the default AWS credential chain");
    }
    long partSize = size("partSize", p.get("partSize"), 8 * MIB, 5 * MIB, 512 * MIB);
    long copyThreshold = size("multipartCopyThreshold", p.get("multipartCopyThreshold"), 5 * 1024 * MIB, 5 * MIB, 5 * 1024 * MIB);
    long copyPartSize = size("copyPartSize", p.get("copyPartSize"), 512 * MIB, 5 * MIB, 5 * 1024 * MIB);
    return new S3Settings(bucket, prefix, endpoint, region, pathStyle, accessKey, secretKey, p.get("sessionToken"),
        (int) partSize, copyThreshold, copyPartSize);
  }

  /** Keeps secrets out of logs and messages. */
  @Override
  public String toString() {
    return "S3Settings[s3://" + bucket + "/" + prefix + ", endpoint=" + endpoint + ", region=" + region + ", pathStyle="
        + pathStyle + ", accessKey=" + (accessKey == null ? "default chain" : "***") + ", partSize=" + partSize + "]";
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> result = new HashMap<>();
    if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
      return result;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidArgumentException("S3 artifact store parameter must be name=value, was '" + pair.split("=")[0] + "'");
      }
      result.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return result;
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static URI endpoint(String value) {
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new InvalidArgumentException("S3 endpoint must be an http(s) URL such as http://127.0.0.1:9000, was " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidArgumentException("S3 endpoint is not a URL: " + e.getMessage(), e);
    }
  }

  private static boolean bool(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidArgumentException(name + " must be true or false, was " + value);
    };
  }

  private static long size(String name, String value, long fallback, long min, long max) {
    if (value == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidArgumentException(name + " must be a byte count from " + min + " to " + max + ", was " + value);
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
