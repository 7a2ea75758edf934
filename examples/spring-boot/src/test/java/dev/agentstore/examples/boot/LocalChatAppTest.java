package dev.agentstore.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.messages.Message;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the example application twice on one data directory: the conversation written by the
 * first run is read by the second, and Actuator's health and metrics endpoints show the store.
 */
class LocalChatAppTest {
  @TempDir Path dir;

  private ConfigurableApplicationContext start() {
    return SpringApplication.run(ChatApp.class, "--agentstore.uri=local:" + dir.resolve("data"),
        "--spring.main.web-application-type=none", "--spring.jmx.enabled=true",
        "--spring.main.banner-mode=off");
  }

  @Test
  void chatMemorySurvivesARestartAndActuatorShowsTheStore() {
    try (ConfigurableApplicationContext app = start()) {
      ChatApp.Conversations chat = app.getBean(ChatApp.Conversations.class);
      assertThat(chat.turn("support-42", "my order is late")).contains("my order is late");
      chat.turn("support-42", "order 1234");

      HealthDescriptor health = app.getBean(HealthEndpoint.class).healthForPath("agentStore");
      assertThat(health).isNotNull();
      assertThat(health.getStatus()).isEqualTo(Status.UP);

      MetricsEndpoint metrics = app.getBean(MetricsEndpoint.class);
      assertThat(metrics.listNames().getNames()).contains("agentstore.operation");
      MetricsEndpoint.MetricDescriptor appends = metrics.metric("agentstore.operation",
          List.of("kind:AgentExecution", "op:appendMessages", "outcome:success"));
      assertThat(appends).isNotNull();
      assertThat(appends.getMeasurements()).anySatisfy(s -> {
        assertThat(s.getStatistic().name()).isEqualTo("COUNT");
        assertThat(s.getValue()).isEqualTo(2.0);
      });
    }
    try (ConfigurableApplicationContext app = start()) {
      List<Message> history = app.getBean(ChatApp.Conversations.class).history("support-42");
      assertThat(history).extracting(Message::getText).containsExactly("my order is late",
          "You said: my order is late", "order 1234", "You said: order 1234");
      assertThat(app.getBean(AgentStore.class).organizations().getBySlug(null, "chat"))
          .isPresent();
    }
  }
}
