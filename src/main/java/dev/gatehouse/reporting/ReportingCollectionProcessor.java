package dev.gatehouse.reporting;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.gatehouse.reporting.JdbcReportingRepository.FeedQuery;
import org.apache.olingo.commons.api.data.ContextURL;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.EntityCollection;
import org.apache.olingo.commons.api.data.Property;
import org.apache.olingo.commons.api.data.ValueType;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.prefer.PreferencesApplied;
import org.apache.olingo.server.api.processor.EntityCollectionProcessor;
import org.apache.olingo.server.api.serializer.EntityCollectionSerializerOptions;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceEntitySet;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;

/**
 * Reads an entity set of the feed for one caller: the rows they may see, filtered, sorted
 * and paged in the database, at most one page per answer with an {@code @odata.nextLink}
 * to the next.
 */
final class ReportingCollectionProcessor implements EntityCollectionProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ReportingCollectionProcessor.class);

	private final JdbcReportingRepository reporting;

	private final Function<String, ReportingView> views;

	private final int pageSize;

	private final int maxTop;

	private OData odata;

	private ServiceMetadata metadata;

	/** Whether Olingo got as far as handing this request over: it parsed it. */
	private volatile boolean started;

	/**
	 * @param reporting the read model
	 * @param views opens the caller's view for what they read
	 * @param pageSize rows per answer at most
	 * @param maxTop the largest {@code $top}
	 */
	ReportingCollectionProcessor(JdbcReportingRepository reporting, Function<String, ReportingView> views, int pageSize,
			int maxTop) {
		this.reporting = reporting;
		this.views = views;
		this.pageSize = pageSize;
		this.maxTop = maxTop;
	}

	/**
	 * Whether this processor began reading a request; before that, Olingo was parsing it.
	 * A processor serves one request.
	 * @return whether it began
	 */
	boolean started() {
		return this.started;
	}

	@Override
	public void init(OData odata, ServiceMetadata metadata) {
		this.odata = odata;
		this.metadata = metadata;
	}

	@Override
	public void readEntityCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
			throws ODataApplicationException, ODataLibraryException {
		this.started = true;
		List<UriResource> parts = uriInfo.getUriResourceParts();
		if (parts.size() != 1 || !(parts.get(0) instanceof UriResourceEntitySet resource)) {
			throw badRequest("The Reporting API reads whole entity sets, e.g. /odata/WorkLogs");
		}
		EdmEntitySet entitySet = resource.getEntitySet();
		ReportingTable table = ReportingTable.of(entitySet.getName());
		ReportingView view = this.views.apply("Reporting API " + table.entitySet());
		Map<String, Object> parameters = view.parameters();
		ReportingAggregation aggregation = aggregation(uriInfo, table, parameters);
		FeedQuery query = (aggregation == null)
				? FeedQuery.rows(table, filter(uriInfo, table, parameters), order(uriInfo, table, parameters),
						parameters)
				: FeedQuery.aggregated(aggregation, table, aggregation.orderBy(uriInfo.getOrderByOption()), parameters);

		int skip = (uriInfo.getSkipOption() != null) ? uriInfo.getSkipOption().getValue() : 0;
		Integer top = (uriInfo.getTopOption() != null) ? uriInfo.getTopOption().getValue() : null;
		if (top != null && top > this.maxTop) {
			throw badRequest("$top is at most " + this.maxTop + "; follow @odata.nextLink for more");
		}
		int delivered = delivered(uriInfo);
		int wanted = (top != null) ? Math.max(0, top - delivered) : Integer.MAX_VALUE;
		Integer asked = maxPageSize(request);
		int pageSize = (asked != null) ? Math.min(asked, this.pageSize) : this.pageSize;
		int fetch = Math.min(pageSize, wanted);
		List<Entity> rows = rows(() -> this.reporting.page(query, (long) skip + delivered, fetch + 1)
			.stream()
			.map((values) -> entity(table, query.outputs(), aggregation == null, values))
			.toList());

		EntityCollection collection = new EntityCollection();
		boolean more = rows.size() > fetch;
		collection.getEntities().addAll(more ? rows.subList(0, fetch) : rows);
		// A next page only while $top wants more.
		if (more && (top == null || delivered + fetch < top)) {
			collection.setNext(URI.create(nextLink(request, table, delivered + fetch)));
		}
		if (uriInfo.getCountOption() != null && uriInfo.getCountOption().getValue()) {
			// An aggregate without groupby is exactly one row.
			collection.setCount(rows(() -> (int) this.reporting.count(query)));
		}
		EdmEntityType type = entitySet.getEntityType();
		String selectList = this.odata.createUriHelper()
			.buildContextURLSelectList(type, null, uriInfo.getSelectOption());
		if (aggregation != null) {
			type = aggregation.resultType(type, uriInfo.getApplyOption().getEdmStructuredType(), this.odata);
			selectList = String.join(",", type.getPropertyNames());
		}
		ContextURL context = ContextURL.with().entitySet(entitySet).selectList(selectList).build();
		EntityCollectionSerializerOptions options = EntityCollectionSerializerOptions.with()
			.id(request.getRawBaseUri() + "/" + table.entitySet())
			.contextURL(context)
			.select(uriInfo.getSelectOption())
			.count(uriInfo.getCountOption())
			.build();
		response.setContent(this.odata.createSerializer(format)
			.entityCollection(this.metadata, type, collection, options)
			.getContent());
		response.setStatusCode(HttpStatusCode.OK.getStatusCode());
		response.setHeader(HttpHeader.CONTENT_TYPE, format.toContentTypeString());
		response.setHeader(ReportingViewHeader.NAME, ReportingViewHeader.value(view));
		if (asked != null) {
			response.setHeader(HttpHeader.PREFERENCE_APPLIED,
					PreferencesApplied.with().maxPageSize(pageSize).build().toValueString());
		}
	}

	/**
	 * The page size the client prefers ({@code Prefer: odata.maxpagesize=N}, as OData
	 * clients send it), or {@code null}: a preference that is no positive number is a
	 * hint the server may ignore, so it is ignored.
	 */
	private Integer maxPageSize(ODataRequest request) {
		List<String> prefer = request.getHeaders(HttpHeader.PREFER);
		if (prefer == null || prefer.isEmpty()) {
			return null;
		}
		try {
			Integer asked = this.odata.createPreferences(prefer).getMaxPageSize();
			return (asked != null && asked > 0) ? asked : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Runs a query of the feed; one the database cannot run for its types (text compared
	 * with a number, say) is the client's mistake, not the server's.
	 */
	private static <T> T rows(java.util.function.Supplier<T> query) throws ODataApplicationException {
		try {
			return query.get();
		}
		catch (BadSqlGrammarException | DataIntegrityViolationException ex) {
			logger.debug("A feed query the database refused", ex);
			throw badRequest("The query cannot be run: compare each property with a value of its type");
		}
	}

	private static String filter(UriInfo uriInfo, ReportingTable table, Map<String, Object> parameters)
			throws ODataApplicationException {
		if (uriInfo.getFilterOption() == null) {
			return "";
		}
		try {
			return uriInfo.getFilterOption().getExpression().accept(new SqlFilter(table, parameters));
		}
		catch (ExpressionVisitException ex) {
			throw badRequest("The $filter cannot be read: " + ex.getMessage());
		}
	}

	private static String order(UriInfo uriInfo, ReportingTable table, Map<String, Object> parameters)
			throws ODataApplicationException {
		List<String> terms = new ArrayList<>();
		if (uriInfo.getOrderByOption() != null) {
			SqlFilter expressions = new SqlFilter(table, parameters);
			for (OrderByItem item : uriInfo.getOrderByOption().getOrders()) {
				if (!(item.getExpression() instanceof Member)) {
					throw badRequest("$orderby takes property names, e.g. $orderby=Date desc");
				}
				try {
					// Nulls sort low, as in OData, on every database.
					terms.add(item.getExpression().accept(expressions)
							+ (item.isDescending() ? " desc nulls last" : " asc nulls first"));
				}
				catch (ExpressionVisitException ex) {
					throw badRequest("The $orderby cannot be read: " + ex.getMessage());
				}
			}
		}
		// The key last, so that pages are stable.
		terms.add(table.columns().get(0).sql());
		return String.join(", ", terms);
	}

	/** How many rows earlier pages of the same query delivered ({@code $skiptoken}). */
	private static int delivered(UriInfo uriInfo) throws ODataApplicationException {
		if (uriInfo.getSkipTokenOption() == null) {
			return 0;
		}
		try {
			int delivered = Integer.parseInt(uriInfo.getSkipTokenOption().getValue());
			if (delivered < 0) {
				throw new NumberFormatException();
			}
			return delivered;
		}
		catch (NumberFormatException ex) {
			throw badRequest("$skiptoken is not one this server gave out");
		}
	}

	private static String nextLink(ODataRequest request, ReportingTable table, int delivered) {
		String query = (request.getRawQueryPath() != null) ? request.getRawQueryPath() : "";
		String kept = java.util.Arrays.stream(query.split("&"))
			.filter((option) -> !option.isEmpty())
			.filter((option) -> {
				String name = option.split("=", 2)[0].toLowerCase(Locale.ROOT);
				return !name.equals("$skiptoken") && !name.equals("%24skiptoken");
			})
			.collect(Collectors.joining("&"));
		return request.getRawBaseUri() + "/" + table.entitySet() + "?" + (kept.isEmpty() ? "" : kept + "&")
				+ "$skiptoken=" + delivered;
	}

	private static Entity entity(ReportingTable table, List<ReportingAggregation.Output> outputs, boolean withId,
			Object[] values) {
		Entity entity = new Entity();
		for (int i = 0; i < values.length; i++) {
			entity.addProperty(new Property(null, outputs.get(i).property(), ValueType.PRIMITIVE, values[i]));
		}
		if (withId) {
			// The key is the first column.
			entity.setId(URI.create(table.entitySet() + "(" + values[0] + ")"));
		}
		return entity;
	}

	/**
	 * The {@code $apply} of the request, if any. It replaces {@code $filter} and
	 * {@code $select}: filter inside it, and the results carry only their own properties.
	 */
	private static ReportingAggregation aggregation(UriInfo uriInfo, ReportingTable table,
			Map<String, Object> parameters) throws ODataApplicationException {
		if (uriInfo.getApplyOption() == null) {
			return null;
		}
		if (uriInfo.getFilterOption() != null || uriInfo.getSelectOption() != null) {
			throw badRequest("With $apply, filter inside it (e.g. $apply=filter(Hours gt 1)/groupby((ProjectKey)))"
					+ " and leave out $select");
		}
		return ReportingAggregation.of(uriInfo.getApplyOption(), table, parameters);
	}

	private static ODataApplicationException badRequest(String message) {
		return new ODataApplicationException(message, HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
	}

}
