package dev.agentstore.bench;

/**
 * One target checked against this run's figures.
 *
 * <p>Usage: {@code Verdict v = Verdict.of(Target.SINGLE_OP, "SQLite", "create", ratio, "1.13×", "single.create");}
 *
 * @param target the target
 * @param backend the backend it was measured on
 * @param subject what was measured (e.g. {@code create}, {@code appendMessages 10,000 vs 10})
 * @param measured the value compared with the threshold
 * @param shown the value as the report prints it
 * @param met whether the target is met
 * @param causeKey which {@link Causes} entry explains a miss
 */
record Verdict(Target target, String backend, String subject, double measured, String shown,
    boolean met, String causeKey) {

  /** Checks {@code measured} against {@code target}. */
  static Verdict of(Target target, String backend, String subject, double measured, String shown,
      String causeKey) {
    return new Verdict(target, backend, subject, measured, shown, target.met(measured), causeKey);
  }

  /** {@code MET} or {@code MISSED}. */
  String word() {
    return met ? "MET" : "MISSED";
  }
}
