package dev.agentstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The keys order as their values, exactly, under a bytewise (code unit) comparison. */
class SortKeysTest {

  @Test
  void decimalKeysOrderAsTheDecimals() {
    Random r = new Random(12);
    List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("-0.0"),
        new BigDecimal("0.3"), new BigDecimal("0.30000000000000004"), new BigDecimal("0.30"),
        new BigDecimal("9007199254740992"), new BigDecimal("9007199254740993"),
        new BigDecimal("1e400"), new BigDecimal("-1e400"), new BigDecimal("1e-1000"),
        new BigDecimal("-1e-1000"), new BigDecimal("9.99e999"), new BigDecimal("-1.2"),
        new BigDecimal("-1.23"), new BigDecimal("-1.29"), new BigDecimal("12"),
        new BigDecimal("1.2")));
    for (int i = 0; i < 300; i++) {
      BigInteger unscaled = new BigInteger(1 + r.nextInt(80), r);
      values.add(new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(),
          r.nextInt(60) - 30));
    }
    for (BigDecimal a : values) {
      for (BigDecimal b : values.subList(0, 60)) {
        assertThat(Integer.signum(SortKeys.decimal(a).compareTo(SortKeys.decimal(b))))
            .as(a + " vs " + b).isEqualTo(Integer.signum(a.compareTo(b)));
      }
      assertThat(SortKeys.decimal(a).compareTo(SortKeys.ABSENT)).isNegative();
    }
  }

  @Test
  void decimalKeysKeepTheTextAlreadyStoredInIndexes() {
    // Rows written by earlier versions hold these keys: the text must not change.
    assertThat(SortKeys.decimal(BigDecimal.ZERO)).isEqualTo("1");
    assertThat(SortKeys.decimal(new BigDecimal("12"))).isEqualTo("2500112");
    assertThat(SortKeys.decimal(new BigDecimal("-1.2"))).isEqualTo("0500087~");
    assertThat(SortKeys.decimal(new BigDecimal("1e-1000"))).isEqualTo("240001");
    assertThat(SortKeys.decimal(new BigDecimal("9.99e999"))).isEqualTo("25999999");
    assertThat(SortKeys.decimal(new BigDecimal("1e-4999"))).isEqualTo("200011");
    assertThat(SortKeys.decimal(new BigDecimal("1e-5003"))).isEqualTo("2-0031");
  }

  @Test
  void instantKeysOrderAsTheInstants() {
    Random r = new Random(7);
    List<Instant> values = new ArrayList<>(List.of(Instant.parse("2024-01-01T00:00:00Z"),
        Instant.parse("2024-01-01T00:00:00.5Z"), Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z")));
    for (int i = 0; i < 200; i++) {
      values.add(Instant.ofEpochSecond(r.nextLong(-62_135_596_800L, 253_402_300_799L),
          r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000)));
    }
    for (Instant a : values) {
      for (Instant b : values.subList(0, 40)) {
        assertThat(Integer.signum(SortKeys.instant(a).compareTo(SortKeys.instant(b))))
            .as(a + " vs " + b).isEqualTo(Integer.signum(a.compareTo(b)));
      }
    }
    assertThat(SortKeys.instant("2024-01-01T00:00:00.5Z")).isEqualTo("20240101000000500000000");
    assertThat(SortKeys.instant("2024-01-01T00:00:00.500Z"))
        .isEqualTo(SortKeys.instant("2024-01-01T00:00:00.5Z"));
    for (String notATimestamp : new String[] {"2024-01-01T00:00:00+01:00", "0000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z", "2024-01-01", "2024-01-01T00:00:00.1234567890Z", "x", ""}) {
      assertThat(SortKeys.instant(notATimestamp)).as(notATimestamp).isNull();
    }
  }
}
