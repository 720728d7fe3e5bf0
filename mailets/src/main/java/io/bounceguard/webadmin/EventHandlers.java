package io.bounceguard.webadmin;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.webadmin.authentication.AuthenticationFilter;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

import io.bounceguard.store.BounceStore;
import spark.Request;
import spark.Response;

/** The event routes: list, detail, mark as checked (one or filtered), unchecked count, CSV export. */
public final class EventHandlers {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;
    static final int BADGE_CAP = 1_000;

    private final BounceStore store;
    private final EventSql events;

    public EventHandlers(BounceStore store) {
        this.store = store;
        this.events = new EventSql(store);
    }

    public Object list(Request request, Response response) {
        EventFilter filter = EventFilter.from(request, store.normalizer());
        int limit = Params.limit(request.queryParams("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        Optional<EventCursor> before = Params.text(request.queryParams("before")).map(EventCursor::parse);
        List<EventRow> page = events.page(filter, before, limit + 1);
        boolean more = page.size() > limit;
        List<EventRow> shown = more ? page.subList(0, limit) : page;
        Map<String, Object> json = Json.map();
        json.put("events", shown.stream().map(EventJson::item).collect(Collectors.toList()));
        json.put("next", more ? EventCursor.of(shown.get(shown.size() - 1)).asString() : null);
        return Json.render(json);
    }

    public Object detail(Request request, Response response) {
        return Json.render(EventJson.detail(find(request)));
    }

    EventRow find(Request request) {
        long id = Params.id("id", request.params(":id")).orElseThrow(() -> new BadRequest("id is missing"));
        return events.byId(id).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorResponder.ErrorType.NOT_FOUND)
            .message("event %d does not exist", id)
            .haltError());
    }

    public Object markOne(Request request, Response response) {
        long id = Params.id("id", request.params(":id")).orElseThrow(() -> new BadRequest("id is missing"));
        if (!events.markChecked(id, who(request))) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("event %d does not exist", id)
                .haltError();
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    /** Marks every unchecked event matching the query's filters; at least one filter or {@code all=true} is required. */
    public Object markFiltered(Request request, Response response) {
        EventFilter filter = EventFilter.from(request, store.normalizer());
        boolean all = Params.bool("all", request.queryParams("all")).orElse(false);
        if (!all && filter.equals(EventFilter.none())) {
            throw new BadRequest("give at least one filter, or all=true to mark every event as checked");
        }
        Map<String, Object> json = Json.map();
        json.put("checked", events.markChecked(filter, who(request)));
        return Json.render(json);
    }

    /**
     * The number of unchecked errors (bounces and complaints) for the notification badge, counted up to
     * {@value #BADGE_CAP} ({@code capped} true beyond: the page shows "1000+").
     */
    public Object uncheckedCount(Request request, Response response) {
        EventFilter filter = EventFilter.from(request, store.normalizer()).errors().withAcknowledged(false);
        long count = events.count(filter, BADGE_CAP + 1);
        Map<String, Object> json = Json.map();
        json.put("unchecked", Math.min(count, BADGE_CAP));
        json.put("capped", count > BADGE_CAP);
        return Json.render(json);
    }

    public Object export(Request request, Response response) throws Exception {
        EventFilter filter = EventFilter.from(request, store.normalizer());
        Language language = Language.from(request.queryParams("lang"));
        CsvEncoding encoding = CsvEncoding.from(request.queryParams("charset"));
        response.type(encoding.contentType());
        response.header("Content-Disposition", "attachment; filename=\"bounce-events.csv\"");
        OutputStream out = response.raw().getOutputStream();
        new CsvExport<>(EventCsv.columns(), language, encoding).write(out, sink -> events.stream(filter, sink));
        out.flush();
        return "";
    }

    static String who(Request request) {
        Object login = request.attribute(AuthenticationFilter.LOGIN);
        return login == null ? "webadmin" : login.toString();
    }
}
