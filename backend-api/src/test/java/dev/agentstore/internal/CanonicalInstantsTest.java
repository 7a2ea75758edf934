package dev.agentstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalInstants} reads every canonical instant as {@link Instant#parse} does, leaves
 * every other text to Jackson's own deserializer, and the store's mapper still reads and refuses
 * exactly what it did.
 */
class CanonicalInstantsTest {
  private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  /** An instant field, as the model's records carry them. */
  record At(Instant at) {}

  @Test
  void canonicalTextsReadAsInstantParseReadsThem() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long seconds = FIRST + (long) (random.nextDouble() * (LAST - FIRST));
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant expected = Instant.ofEpochSecond(seconds, nanos);
      String text = expected.toString(); // canonical: 0, 3, 6 or 9 fraction digits
      assertThat(CanonicalInstants.parse(text)).as(text).isEqualTo(expected);
      // Any fraction length from 1 to 9 digits (trailing zeros kept) means the same instant.
      int digits = 1 + i % 9;
      String frac = String.format("%09d", nanos).substring(0, digits);
      String other = text.substring(0, 19) + "." + frac + "Z";
      assertThat(CanonicalInstants.parse(other)).as(other).isEqualTo(Instant.parse(other));
    }
  }

  @Test
  void everyOtherTextGoesToJacksonAndMeansWhatItMeantThere() {
    List<String> texts = List.of("2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z",
        "2023-04-31T00:00:00Z", "2025-12-31T23:59:60Z", "2025-01-01T24:00:00Z",
        "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "0000-01-01T00:00:00Z",
        "2025-01-01t00:00:00z", "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00.1234567890Z",
        "2025-01-01T00:00:00+01:00", "+12025-01-01T00:00:00Z", "2025-01-01 00:00:00Z",
        "2025-1-01T00:00:00Z", "2025-01-01T00:00:0aZ", "2025-01-01T00:00:00,5Z", "");
    for (String t : texts) {
      Instant fast = CanonicalInstants.parse(t);
      Instant standard;
      try {
        standard = Instant.parse(t);
      } catch (DateTimeParseException e) {
        standard = null;
      }
      if (fast != null) {
        assertThat(fast).as(t).isEqualTo(standard);
      }
      // Through the store's mapper: the same instant, or the same refusal, as Jackson alone.
      String json = "{\"at\":\"" + t + "\"}";
      Instant viaJackson;
      try {
        viaJackson = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .readValue(json, At.class).at();
      } catch (JsonProcessingException e) {
        assertThatThrownBy(() -> Json.MAPPER.readValue(json, At.class)).as(t)
            .isInstanceOf(JsonProcessingException.class);
        continue;
      }
      try {
        assertThat(Json.MAPPER.readValue(json, At.class).at()).as(t).isEqualTo(viaJackson);
      } catch (JsonProcessingException e) {
        throw new AssertionError(t + ": Jackson alone read " + viaJackson, e);
      }
    }
    assertThat(CanonicalInstants.parse("2024-02-29T12:00:00Z"))
        .isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
  }

  @Test
  void theStoresMapperReadsInstantsThroughIt() throws Exception {
    var ctx = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext)
        Json.MAPPER.getDeserializationContext()).createInstance(
            Json.MAPPER.getDeserializationConfig(), null, null);
    assertThat(ctx.findRootValueDeserializer(Json.MAPPER.constructType(Instant.class)))
        .isInstanceOf(CanonicalInstants.class);
  }

  @Test
  void numbersAndNullsStillReadAsJacksonReadsThem() throws Exception {
    assertThat(Json.MAPPER.readValue("{\"at\":1700000000.5}", At.class).at())
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
    assertThat(Json.MAPPER.readValue("{\"at\":null}", At.class).at()).isNull();
  }
}
