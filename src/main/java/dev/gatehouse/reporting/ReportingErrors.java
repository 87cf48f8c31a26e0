package dev.gatehouse.reporting;

import dev.gatehouse.system.DatabaseOutage;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ODataServerError;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.processor.ErrorProcessor;
import org.apache.olingo.server.api.serializer.SerializerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed's error bodies: Olingo's own answer for every 4xx, and for anything that went
 * wrong inside, no exception message (Olingo would show a Java message, such as a
 * {@code NullPointerException}'s). A failure of Olingo's URI parser is the query's fault,
 * found by fuzzing {@code $apply} and {@code $orderby} together: 400.
 */
final class ReportingErrors implements ErrorProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ReportingErrors.class);

	private final ReportingCollectionProcessor entitySets;

	private OData odata;

	ReportingErrors(ReportingCollectionProcessor entitySets) {
		this.entitySets = entitySets;
	}

	@Override
	public void init(OData odata, ServiceMetadata metadata) {
		this.odata = odata;
	}

	@Override
	public void processError(ODataRequest request, ODataResponse response, ODataServerError error, ContentType format) {
		ODataServerError answered = error;
		if (error.getStatusCode() >= 500) {
			if (DatabaseOutage.causedBy(error.getException())) {
				logger.debug("A feed request met a database outage", error.getException());
				answered = new ODataServerError().setStatusCode(HttpStatusCode.SERVICE_UNAVAILABLE.getStatusCode())
					.setMessage(DatabaseOutage.MESSAGE);
				response.setHeader(HttpHeader.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
			}
			else if (!this.entitySets.started() && error.getException() instanceof RuntimeException) {
				logger.debug("Olingo could not parse the query options of a feed request", error.getException());
				answered = new ODataServerError().setStatusCode(HttpStatusCode.BAD_REQUEST.getStatusCode())
					.setMessage("The query options cannot be read");
			}
			else {
				logger.error("The Reporting API failed", error.getException());
				answered = new ODataServerError().setStatusCode(error.getStatusCode())
					.setMessage("Something went wrong on the server; it has been logged");
			}
		}
		try {
			response.setContent(this.odata.createSerializer(format).error(answered).getContent());
		}
		catch (SerializerException ex) {
			throw new IllegalStateException("Olingo cannot write an error in " + format, ex);
		}
		response.setStatusCode(answered.getStatusCode());
		response.setHeader(HttpHeader.CONTENT_TYPE, format.toContentTypeString());
	}

}
