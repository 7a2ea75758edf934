package dev.agentstore.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the agentstore auto-configuration (listed in
 * {@code META-INF/spring/dev.agentstore.spring.boot.test.AutoConfigureAgentStore.imports}) and
 * points {@code agentstore.uri} at a temporary local store per test class, unless the test's own
 * properties name one. {@link DataAgentStoreTest} carries it; add it alone to another slice (e.g.
 * {@code @WebMvcTest}) that needs a store.
 *
 * <p>Usage: {@code @WebMvcTest @AutoConfigureAgentStore class ChatControllerTest { }}
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureAgentStore {}
