package dev.agentstore.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code agentstore.*} properties of the Spring Boot starter.
 *
 * <p>Usage: {@code agentstore.uri=postgresql://app@db:5432/agents} (in
 * {@code application.properties})
 */
@ConfigurationProperties(prefix = "agentstore")
public class AgentStoreProperties {
  /**
   * The store URI: local:/path/dir (SQLite), postgresql://user@host:5432/db or a JDBC URL.
   * Default: local: in the directory .agentstore under the application's working directory.
   */
  private String uri;
  /** Where artifacts go (file:/dir or s3://bucket/prefix); local stores default to the data dir. */
  private String artifacts;
  /** The actor recorded for the store's writes. */
  private String actor = "system";
  /** PostgreSQL: the connection pool's maximum size (the maximumPoolSize option). */
  private Integer poolSize;
  /** SQLite: the read pool's size (the readPoolSize option). */
  private Integer readPoolSize;
  /** SQLite: how long a writer waits for the database lock (the busyTimeoutMs option). */
  private Duration busyTimeout;
  /** Further backend options, passed as they are (e.g. connectionTimeoutMs). */
  private Map<String, String> options = new LinkedHashMap<>();
  /** Where the secret keys come from. */
  private final Key key = new Key();
  /** Metrics and traces of store operations. */
  private final Observability observability = new Observability();
  /** Spring AI chat memory and sessions on the store. */
  private final SpringAi springAi = new SpringAi();

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public String getArtifacts() {
    return artifacts;
  }

  public void setArtifacts(String artifacts) {
    this.artifacts = artifacts;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public Integer getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(Integer poolSize) {
    this.poolSize = poolSize;
  }

  public Integer getReadPoolSize() {
    return readPoolSize;
  }

  public void setReadPoolSize(Integer readPoolSize) {
    this.readPoolSize = readPoolSize;
  }

  public Duration getBusyTimeout() {
    return busyTimeout;
  }

  public void setBusyTimeout(Duration busyTimeout) {
    this.busyTimeout = busyTimeout;
  }

  public Map<String, String> getOptions() {
    return options;
  }

  public void setOptions(Map<String, String> options) {
    this.options = options;
  }

  public Key getKey() {
    return key;
  }

  public Observability getObservability() {
    return observability;
  }

  public SpringAi getSpringAi() {
    return springAi;
  }

  /**
   * The key provider: a keyset file, an environment variable, or (when neither is set) an
   * {@code Aead} or {@code KeyProvider} bean, else the backend's default (local stores: the data
   * directory's master.key).
   *
   * <p>Usage: {@code agentstore.key.file=/etc/agentstore/master.key}
   */
  public static class Key {
    /** A Tink keyset file (created when missing). */
    private String file;
    /** An environment variable holding a Tink keyset as JSON. */
    private String env;

    public String getFile() {
      return file;
    }

    public void setFile(String file) {
      this.file = file;
    }

    public String getEnv() {
      return env;
    }

    public void setEnv(String env) {
      this.env = env;
    }
  }

  /**
   * Whether the store reports to the application's MeterRegistry and OpenTelemetry beans.
   *
   * <p>Usage: {@code agentstore.observability.tracing=false}
   */
  public static class Observability {
    /** Micrometer timers and counters (agentstore.operation, ...) in the MeterRegistry bean. */
    private boolean metrics = true;
    /** OpenTelemetry spans per operation through the OpenTelemetry bean. */
    private boolean tracing = true;

    public boolean isMetrics() {
      return metrics;
    }

    public void setMetrics(boolean metrics) {
      this.metrics = metrics;
    }

    public boolean isTracing() {
      return tracing;
    }

    public void setTracing(boolean tracing) {
      this.tracing = tracing;
    }
  }

  /**
   * The Spring AI beans (when Spring AI and agentstore-spring-ai are on the class path).
   *
   * <p>Usage: {@code agentstore.spring-ai.org=acme}
   */
  public static class SpringAi {
    /** Whether to define the ChatMemoryRepository, ChatMemory and SessionRepository beans. */
    private boolean enabled = true;
    /** The slug of the organization whose conversations they hold (made on first start). */
    private String org = "default";
    /** How many of the latest messages ChatMemory.get returns (0: all). */
    private int maxMessages = 0;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getOrg() {
      return org;
    }

    public void setOrg(String org) {
      this.org = org;
    }

    public int getMaxMessages() {
      return maxMessages;
    }

    public void setMaxMessages(int maxMessages) {
      this.maxMessages = maxMessages;
    }
  }
}
