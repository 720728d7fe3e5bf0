package io.bounceguard.webadmin;

import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.task.TaskManager;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequest;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bounceguard.metrics.BounceMetrics;
import io.bounceguard.metrics.PrometheusText;
import io.bounceguard.policy.SuppressionSystem;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.StoreException;
import spark.Service;

/**
 * Bounce Guard's WebAdmin REST routes under {@value #BASE} (JSON, James's error format; behind WebAdmin's JWT
 * filter when that is on). Enable with {@code extensions.routes=io.bounceguard.webadmin.BounceRoutes} in
 * {@code webadmin.properties}.
 */
public class BounceRoutes implements Routes {
    public static final String BASE = "/bounces";
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceRoutes.class);

    private final SuppressionSystem system;
    private final BounceMetrics metrics;
    private final TaskManager taskManager;
    private final EventHandlers events;
    private final AddressHandler addresses;
    private final SuppressionHandlers suppressions;
    private final StatisticsHandler statistics;
    private final ReasonsHandler reasons = new ReasonsHandler();
    private final SuppressionWriter writer;
    private final CaughtMessages caughtMessages;

    @Inject
    public BounceRoutes(SuppressionSystem system, BounceMetrics metrics, TaskManager taskManager,
                        MailRepositoryStore repositories) {
        this.system = system;
        this.metrics = metrics;
        this.taskManager = taskManager;
        this.events = new EventHandlers(system.store());
        this.addresses = new AddressHandler(system.store());
        this.writer = new SuppressionWriter(system.recorder());
        this.suppressions = new SuppressionHandlers(system.store(), writer);
        this.statistics = new StatisticsHandler(system.store());
        this.caughtMessages = new CaughtMessages(repositories);
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.exception(BadRequest.class, (e, request, response) -> {
            response.status(HttpStatus.BAD_REQUEST_400);
            response.type("application/json");
            response.body(ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message(e.getMessage())
                .asString());
        });
        service.exception(StoreException.class, (e, request, response) -> {
            LOGGER.warn("Bounce Guard store failure on {} {}: {}", request.requestMethod(), request.pathInfo(), e.getMessage());
            response.status(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.type("application/json");
            response.body(ErrorResponder.builder()
                .statusCode(HttpStatus.SERVICE_UNAVAILABLE_503)
                .type(ErrorResponder.ErrorType.SERVER_ERROR)
                .message("the bounce store is unavailable, try again later")
                .asString());
        });

        service.get(BASE + "/events", events::list);
        service.get(BASE + "/events/unchecked/count", events::uncheckedCount);
        service.get(BASE + "/events/export.csv", events::export);
        service.post(BASE + "/events/checked", events::markFiltered);
        service.get(BASE + "/events/:id", events::detail);
        service.post(BASE + "/events/:id/checked", events::markOne);
        service.get(BASE + "/events/:id/message", (request, response) -> {
            EventRow row = events.find(request);
            return caughtMessages.find(row.event()).map(Json::render).orElseThrow(() -> ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("the message of event %d was not kept", row.event().id())
                .haltError());
        });

        service.get(BASE + "/addresses/:address", addresses::status);

        service.get(BASE + "/suppressions", suppressions::list);
        service.post(BASE + "/suppressions", suppressions::add);
        service.get(BASE + "/suppressions/export.csv", suppressions::export);
        service.post(BASE + "/suppressions/import", importTask().asRoute(taskManager), new JsonTransformer());
        service.delete(BASE + "/suppressions/:address", suppressions::remove);

        service.get(BASE + "/statistics", statistics::statistics);
        service.get(BASE + "/reasons", reasons::reasons);
        service.get(BASE + "/metrics", (request, response) -> {
            response.type(PrometheusText.CONTENT_TYPE);
            return PrometheusText.render(metrics, system.health());
        });
        service.get(BASE + "/health", (request, response) -> Json.render(Map.of(
            "databaseDown", system.health().databaseDown(),
            "snapshotSize", system.health().snapshotSize(),
            "spooledEvents", system.health().spooledEvents())));
    }

    /** {@code POST /bounces/suppressions/import?scope=&reason=&until=&charset=} with the CSV as the body. */
    private TaskFromRequest importTask() {
        return request -> {
            byte[] csv = request.bodyAsBytes();
            if (csv == null || csv.length == 0) {
                throw new BadRequest("the request body must be the CSV to import");
            }
            return new SuppressionImportTask(new SuppressionImportTask.Request(csv,
                CsvEncoding.from(request.queryParams("charset")),
                Params.storedScope(system.store().normalizer(), request.queryParams("scope"),
                    Optional.of(Scopes.GLOBAL)).get(),
                Params.reason(request.queryParams("reason")).orElse(null),
                Params.time("until", request.queryParams("until"), true).orElse(null),
                EventHandlers.who(request)), system.store().normalizer(), writer);
        };
    }
}
