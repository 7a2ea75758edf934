package dev.agentstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.InvalidArgumentException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of s3:// URIs, options and environment fallbacks. */
class S3SettingsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  private static S3Settings parse(String uri, Map<String, String> options, Map<String, String> env) {
    return S3Settings.parse(URI.create(uri), options, env::get);
  }

  @Test
  void fullUriIsRead() {
    S3Settings s = parse("s3://my.bucket/agent/store?endpoint=http://127.0.0.1:9000&region=eu-west-1&pathStyle=false"
        + "&accessKey=AK&secretKey=S%2Fecret&partSize=10485760", Map.of(), NO_ENV);
    assertThat(s.bucket()).isEqualTo("my.bucket");
    assertThat(s.prefix()).isEqualTo("agent/store/");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(s.pathStyle()).isFalse();
    assertThat(s.secretKey()).isEqualTo("S/ecret");
    assertThat(s.partSize()).isEqualTo(10 * 1024 * 1024);
    assertThat(s.toString()).doesNotContain("S/ecret").doesNotContain("AK");
  }

  @Test
  void defaultsComeFromTheEnvironmentThenFixedValues() {
    S3Settings bare = parse("s3://bucket", Map.of(), NO_ENV);
    assertThat(bare.prefix()).isEmpty();
    assertThat(bare.endpoint()).isNull();
    assertThat(bare.region()).isEqualTo("us-east-1");
    assertThat(bare.pathStyle()).isFalse();
    assertThat(bare.accessKey()).isNull();
    assertThat(bare.partSize()).isEqualTo(8 * 1024 * 1024);
    S3Settings env = parse("s3://bucket/p/", Map.of(), Map.of("AWS_REGION", "ap-south-1", "AWS_ENDPOINT_URL", "https://minio.local"));
    assertThat(env.region()).isEqualTo("ap-south-1");
    assertThat(env.endpoint()).isEqualTo(URI.create("https://minio.local"));
    assertThat(env.pathStyle()).as("custom endpoints default to path-style").isTrue();
    assertThat(env.prefix()).isEqualTo("p/");
  }

  @Test
  void optionsOverrideTheQuery() {
    S3Settings s = parse("s3://bucket?region=a", Map.of("region", "b", "accessKey", "k", "secretKey", "s"), NO_ENV);
    assertThat(s.region()).isEqualTo("b");
    assertThat(s.accessKey()).isEqualTo("k");
  }

  @Test
  void badSettingsAreRejectedClearly() {
    assertThatThrownBy(() -> parse("s3://bucket?regoin=x", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("regoin");
    assertThatThrownBy(() -> parse("s3://bucket?accessKey=only", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> parse("s3://Bad_Bucket", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> parse("s3://ak:sk@bucket", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageNotContaining("sk@");
    assertThatThrownBy(() -> parse("s3://bucket?partSize=1", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> parse("s3://bucket?pathStyle=yes", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> parse("s3://bucket?endpoint=ftp://x", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> parse("s3://bucket/a/../b", Map.of(), NO_ENV)).isInstanceOf(InvalidArgumentException.class);
  }
}
