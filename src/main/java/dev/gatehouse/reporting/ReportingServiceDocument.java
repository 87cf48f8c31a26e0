package dev.gatehouse.reporting;

import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.processor.ServiceDocumentProcessor;
import org.apache.olingo.server.api.uri.UriInfo;

/**
 * The service document with an absolute context URL: Olingo's own writes
 * {@code "$metadata"}, which a client that read it from {@code /odata} (the documented
 * root, without the trailing slash) would resolve to {@code /$metadata}.
 */
final class ReportingServiceDocument implements ServiceDocumentProcessor {

	private OData odata;

	private ServiceMetadata metadata;

	@Override
	public void init(OData odata, ServiceMetadata metadata) {
		this.odata = odata;
		this.metadata = metadata;
	}

	@Override
	public void readServiceDocument(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
			throws ODataLibraryException {
		response.setContent(this.odata.createSerializer(format)
			.serviceDocument(this.metadata, request.getRawBaseUri() + "/")
			.getContent());
		response.setStatusCode(HttpStatusCode.OK.getStatusCode());
		response.setHeader(HttpHeader.CONTENT_TYPE, format.toContentTypeString());
	}

}
