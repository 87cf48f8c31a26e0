package dev.gatehouse.project;

import java.time.Instant;

/**
 * A project.
 *
 * @param id the id
 * @param key the key, unique regardless of case, never all digits
 * @param name the name
 * @param createDate when it was created
 * @param modifyDate when it last changed
 */
public record Project(long id, String key, String name, Instant createDate, Instant modifyDate) {

}
