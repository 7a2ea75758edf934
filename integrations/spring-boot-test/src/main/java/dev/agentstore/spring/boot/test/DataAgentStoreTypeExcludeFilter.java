package dev.agentstore.spring.boot.test;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * The component scan of a {@link DataAgentStoreTest}: no application component by default (the
 * slice's beans come from auto-configuration), plus the test's include filters.
 */
final class DataAgentStoreTypeExcludeFilter
    extends StandardAnnotationCustomizableTypeExcludeFilter<DataAgentStoreTest> {
  DataAgentStoreTypeExcludeFilter(Class<?> testClass) {
    super(testClass);
  }
}
