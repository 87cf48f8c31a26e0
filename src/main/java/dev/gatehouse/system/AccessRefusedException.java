package dev.gatehouse.system;

/**
 * The caller is authenticated but lacks the right for this operation (403).
 */
public class AccessRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Why a requester is refused work data (SPEC §2.2), in the API's answer and on the
	 * error page alike.
	 */
	public static final String REQUESTER_REFUSED = "Requester accounts have no access to work data";

	public AccessRefusedException(String message) {
		super(message);
	}

}
