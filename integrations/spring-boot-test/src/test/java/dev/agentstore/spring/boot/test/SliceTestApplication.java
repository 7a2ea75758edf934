package dev.agentstore.spring.boot.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the slice tests find: its components ({@link Unrelated}) stay out of a slice. */
@SpringBootApplication
class SliceTestApplication {}
