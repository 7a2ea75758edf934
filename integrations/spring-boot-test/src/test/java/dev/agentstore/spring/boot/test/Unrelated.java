package dev.agentstore.spring.boot.test;

import org.springframework.stereotype.Component;

/**
 * An application component that a {@code @DataAgentStoreTest} leaves out (a top-level class: a
 * component nested in the application class would be registered with it, past any scan filter).
 */
@Component
class Unrelated {}
