package dev.gatehouse.reporting;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
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
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
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

	private final Supplier<byte[]> positionKey;

	private OData odata;

	private ServiceMetadata metadata;

	/** Whether Olingo got as far as handing this request over: it parsed it. */
	private volatile boolean started;

	/**
	 * @param reporting the read model
	 * @param views opens the caller's view for what they read
	 * @param pageSize rows per answer at most
	 * @param maxTop the largest {@code $top}
	 * @param positionKey the server key that signs {@code $skiptoken}s
	 */
	ReportingCollectionProcessor(JdbcReportingRepository reporting, Function<String, ReportingView> views, int pageSize,
			int maxTop, Supplier<byte[]> positionKey) {
		this.reporting = reporting;
		this.views = views;
		this.pageSize = pageSize;
		this.maxTop = maxTop;
		this.positionKey = positionKey;
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
		String kept = keptOptions(request);
		String scope = table.entitySet() + "?" + kept;
		FeedPosition position = position(uriInfo, scope);
		List<OrderTerm> terms = (aggregation == null) ? order(uriInfo, table, parameters) : List.of();
		if (position != null && position.after().size() != terms.size()) {
			throw badRequest("$skiptoken is not one this server gave out");
		}

		int skip = (uriInfo.getSkipOption() != null) ? uriInfo.getSkipOption().getValue() : 0;
		Integer top = (uriInfo.getTopOption() != null) ? uriInfo.getTopOption().getValue() : null;
		if (top != null && top > this.maxTop) {
			throw badRequest("$top is at most " + this.maxTop + "; follow @odata.nextLink for more");
		}
		int delivered = (position != null) ? position.delivered() : 0;
		FeedQuery query;
		long offset;
		if (aggregation == null) {
			// Later pages start after the last row delivered, by its values under the
			// order: no rows are skipped again, and inserts or deletes do not shift
			// pages.
			String after = (position != null) ? after(terms, position.after(), parameters) : "";
			query = FeedQuery.rows(table, filter(uriInfo, table, parameters), after, orderBy(terms), parameters);
			offset = (position != null) ? 0 : skip;
		}
		else {
			// Groups are few; their pages go by count.
			query = FeedQuery.aggregated(aggregation, table, aggregation.orderBy(uriInfo.getOrderByOption()),
					parameters);
			offset = (long) skip + delivered;
		}
		int wanted = (top != null) ? Math.max(0, top - delivered) : Integer.MAX_VALUE;
		Integer asked = maxPageSize(request);
		int pageSize = (asked != null) ? Math.min(asked, this.pageSize) : this.pageSize;
		int fetch = Math.min(pageSize, wanted);
		List<Object[]> read = rows(() -> this.reporting.page(query, offset, fetch + 1));
		List<Entity> rows = read.stream()
			.map((values) -> entity(table, query.outputs(), aggregation == null, values))
			.toList();

		EntityCollection collection = new EntityCollection();
		boolean more = rows.size() > fetch;
		collection.getEntities().addAll(more ? rows.subList(0, fetch) : rows);
		// A next page only while $top wants more.
		if (more && (top == null || delivered + fetch < top)) {
			Object[] last = read.get(fetch - 1);
			FeedPosition next = new FeedPosition(delivered + fetch,
					terms.stream().map((term) -> last[term.output()]).toList());
			collection.setNext(URI.create(nextLink(request, table, kept, next.sign(this.positionKey.get(), scope))));
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

	/**
	 * The order of the rows: {@code $orderby}'s properties, then the key, so that every
	 * row has one place and pages are stable.
	 */
	private static List<OrderTerm> order(UriInfo uriInfo, ReportingTable table, Map<String, Object> parameters)
			throws ODataApplicationException {
		List<OrderTerm> terms = new ArrayList<>();
		if (uriInfo.getOrderByOption() != null) {
			SqlFilter expressions = new SqlFilter(table, parameters);
			for (OrderByItem item : uriInfo.getOrderByOption().getOrders()) {
				if (!(item.getExpression() instanceof Member member)) {
					throw badRequest("$orderby takes property names, e.g. $orderby=Date desc");
				}
				try {
					String sql = member.accept(expressions);
					String property = ((UriResourcePrimitiveProperty) member.getResourcePath()
						.getUriResourceParts()
						.get(0)).getProperty().getName();
					int output = table.columns().indexOf(table.column(property));
					// The key (the first column) is never null.
					terms.add(new OrderTerm(sql, output, item.isDescending(), output != 0));
				}
				catch (ExpressionVisitException ex) {
					throw badRequest("The $orderby cannot be read: " + ex.getMessage());
				}
			}
		}
		terms.add(new OrderTerm(table.columns().get(0).sql(), 0, false, false));
		return terms;
	}

	private static String orderBy(List<OrderTerm> terms) {
		// Nulls sort low, as in OData, on every database. A column that is never null
		// says nothing about them, so that PostgreSQL can read it in index order
		// instead of sorting every row after the position (each page took 90 ms
		// instead of 3 at 400,000 rows).
		return terms.stream()
			.map((term) -> term.sql() + (term.descending() ? " desc" : " asc")
					+ (!term.nullable() ? "" : term.descending() ? " nulls last" : " nulls first"))
			.collect(Collectors.joining(", "));
	}

	/**
	 * The condition for the rows after a position: after it in the first term, or equal
	 * in the first and after it in the second, and so on to the key, which is unique.
	 */
	private static String after(List<OrderTerm> terms, List<Object> values, Map<String, Object> parameters) {
		List<String> alternatives = new ArrayList<>();
		List<String> equal = new ArrayList<>();
		for (int i = 0; i < terms.size(); i++) {
			OrderTerm term = terms.get(i);
			Object value = values.get(i);
			String name = "after" + i;
			if (value != null) {
				parameters.put(name, value);
			}
			String beyond = beyond(term, value, name);
			if (beyond != null) {
				List<String> conjunction = new ArrayList<>(equal);
				conjunction.add(beyond);
				alternatives.add("(" + String.join(" and ", conjunction) + ")");
			}
			equal.add((value == null) ? term.sql() + " is null" : term.sql() + " = :" + name);
		}
		return "(" + String.join(" or ", alternatives) + ")";
	}

	/**
	 * Rows after a value in one term, with nulls first ascending and last descending;
	 * {@code null} when nothing comes after it.
	 */
	private static String beyond(OrderTerm term, Object value, String name) {
		if (!term.descending()) {
			return (value == null) ? term.sql() + " is not null" : term.sql() + " > :" + name;
		}
		return (value == null) ? null : "(" + term.sql() + " < :" + name + " or " + term.sql() + " is null)";
	}

	/**
	 * Where an earlier page left off, from {@code $skiptoken}; {@code null} on the first
	 * page.
	 */
	private FeedPosition position(UriInfo uriInfo, String scope) throws ODataApplicationException {
		if (uriInfo.getSkipTokenOption() == null) {
			return null;
		}
		return FeedPosition.read(uriInfo.getSkipTokenOption().getValue(), this.positionKey.get(), scope)
			.orElseThrow(() -> badRequest("$skiptoken is not one this server gave out"));
	}

	/** The request's query options but {@code $skiptoken}, as sent. */
	private static String keptOptions(ODataRequest request) {
		String query = (request.getRawQueryPath() != null) ? request.getRawQueryPath() : "";
		return java.util.Arrays.stream(query.split("&")).filter((option) -> !option.isEmpty()).filter((option) -> {
			String name = option.split("=", 2)[0].toLowerCase(Locale.ROOT);
			return !name.equals("$skiptoken") && !name.equals("%24skiptoken");
		}).collect(Collectors.joining("&"));
	}

	private static String nextLink(ODataRequest request, ReportingTable table, String kept, String token) {
		return request.getRawBaseUri() + "/" + table.entitySet() + "?" + (kept.isEmpty() ? "" : kept + "&")
				+ "$skiptoken=" + token;
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

	/**
	 * One term of the order: its SQL, the output that carries its value, its direction,
	 * and whether it may be null.
	 */
	private record OrderTerm(String sql, int output, boolean descending, boolean nullable) {
	}

	private static ODataApplicationException badRequest(String message) {
		return new ODataApplicationException(message, HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
	}

}
