package dev.agentstore.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for code that uses agentstore: the context holds only the agentstore
 * auto-configuration ({@link AutoConfigureAgentStore}: the {@code AgentStore}, its health
 * indicator, and Spring AI's chat memory and session repository when Spring AI is on the class
 * path) and none of the application's own components, on a temporary {@code local:} store made
 * for the test class and deleted when its context closes. The application's own
 * {@code agentstore.uri} is replaced; name one in {@link #properties()} to test against it.
 * Built like Boot's own slices ({@code @DataJdbcTest}): its own bootstrapper, auto-configuration
 * off but for what the slice imports, and a type filter for component scanning.
 *
 * <p>Usage: {@code @DataAgentStoreTest class ChatMemoryTest { @Autowired ChatMemory memory; }}
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataAgentStoreTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataAgentStoreTypeExcludeFilter.class)
@AutoConfigureAgentStore
@ImportAutoConfiguration
public @interface DataAgentStoreTest {

  /** Properties in {@code key=value} form added to the environment before the test runs. */
  String[] properties() default {};

  /**
   * Whether the slice's default filters apply (as in Boot's slices; this slice's include no
   * application component, so only {@link #includeFilters()} adds any).
   */
  boolean useDefaultFilters() default true;

  /** Components to add to the slice (e.g. the service under test). */
  Filter[] includeFilters() default {};

  /** Components to leave out of the slice. */
  Filter[] excludeFilters() default {};

  /** Auto-configuration classes to leave out of the slice. */
  @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
  Class<?>[] excludeAutoConfiguration() default {};
}
