package dev.gatehouse.system;

/**
 * The entity does not exist or the caller may not see it (404); the two are deliberately
 * indistinguishable.
 */
public class NotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public NotFoundException(String message) {
		super(message);
	}

	public static NotFoundException of(String resourceType, Object id) {
		return new NotFoundException(resourceType + " " + id + " was not found");
	}

}
