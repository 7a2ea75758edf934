package dev.agentstore.spring.boot.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Adds {@link DataAgentStoreTest#properties()} to the test's environment. */
class DataAgentStoreTestContextBootstrapper
    extends TestSliceTestContextBootstrapper<DataAgentStoreTest> {}
