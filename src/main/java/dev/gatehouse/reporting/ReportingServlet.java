package dev.gatehouse.reporting;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import dev.gatehouse.identity.Caller;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataHandler;
import org.apache.olingo.server.api.ODataHttpHandler;
import org.apache.olingo.server.api.ServiceMetadata;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The OData endpoint at {@code /odata}: Olingo parses the request and writes the answer
 * (service document, {@code $metadata}, entity sets, OData error bodies). Authentication
 * happened before, in the API security chain; a request without a caller never gets here.
 */
final class ReportingServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private final transient JdbcReportingRepository reporting;

	private final transient ReportingViews views;

	private final transient ReportingEdmProvider model = new ReportingEdmProvider();

	private final int pageSize;

	private final int maxTop;

	private final transient Supplier<byte[]> positionKey;

	ReportingServlet(JdbcReportingRepository reporting, ReportingViews views, int pageSize, int maxTop,
			Supplier<byte[]> positionKey) {
		this.positionKey = positionKey;
		this.reporting = reporting;
		this.views = views;
		this.pageSize = pageSize;
		this.maxTop = maxTop;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
			// Fail closed: the security chain should have answered already.
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		OData odata = OData.newInstance();
		ServiceMetadata metadata = odata.createServiceMetadata(this.model, List.of());
		ODataHttpHandler handler = odata.createHandler(metadata);
		register(handler, new ReportingCollectionProcessor(this.reporting,
				(reading) -> this.views.open(caller, reading), this.pageSize, this.maxTop, this.positionKey));
		handler.process(isRoot(request) ? new ServiceRoot(request) : request, response);
	}

	/**
	 * Whether the request names the documented root, {@code /odata}, without the trailing
	 * slash Olingo wants for the service document.
	 */
	private static boolean isRoot(HttpServletRequest request) {
		return request.getPathInfo() == null;
	}

	/**
	 * The root as {@code /odata/}: Olingo answers the service document, with context URLs
	 * under {@code /odata/}, instead of a redirect that some OData clients do not follow.
	 */
	private static final class ServiceRoot extends HttpServletRequestWrapper {

		ServiceRoot(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getPathInfo() {
			return "/";
		}

		@Override
		public String getRequestURI() {
			return super.getRequestURI() + "/";
		}

		@Override
		public StringBuffer getRequestURL() {
			return super.getRequestURL().append('/');
		}

	}

	/**
	 * What the feed's handler serves: the service document, the entity sets, and errors
	 * without internals.
	 */
	static void register(ODataHandler handler, ReportingCollectionProcessor entitySets) {
		handler.register(new ReportingServiceDocument());
		handler.register(entitySets);
		handler.register(new ReportingErrors(entitySets));
	}

}
