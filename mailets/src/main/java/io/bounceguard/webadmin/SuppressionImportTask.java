package io.bounceguard.webadmin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;

import io.bounceguard.store.AddressNormalizer;
import io.bounceguard.store.NormalizedAddress;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.Scopes;

/**
 * A James WebAdmin task that imports a CSV of addresses onto a suppression list, in batches, reporting its
 * progress (lines read, imported, rejected, the first errors) at {@code /tasks/{id}}.
 */
public final class SuppressionImportTask implements Task {
    public static final TaskType TYPE = TaskType.of("bounce-guard-suppression-import");
    static final int BATCH = 5_000;
    static final int MAX_ERRORS = 20;

    /** The request: the CSV bytes and the defaults for lines that do not name a scope, reason or expiry. */
    public record Request(byte[] csv, CsvEncoding encoding, String defaultScope, String defaultReason, Instant defaultUntil,
                          String by) {
    }

    private final Request request;
    private final AddressNormalizer normalizer;
    private final SuppressionWriter writer;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final List<String> errors = new ArrayList<>();

    public SuppressionImportTask(Request request, AddressNormalizer normalizer, SuppressionWriter writer) {
        this.request = request;
        this.normalizer = normalizer;
        this.writer = writer;
    }

    @Override
    public Result run() {
        List<PendingEvent> batch = new ArrayList<>(BATCH);
        try {
            new SuppressionCsvReader(request.encoding().charset()).read(new ByteArrayInputStream(request.csv()), line -> {
                lines.incrementAndGet();
                try {
                    batch.add(event(line));
                } catch (BadRequest e) {
                    reject("line " + line.lineNumber() + ": " + e.getMessage());
                    return;
                }
                if (batch.size() == BATCH) {
                    flush(batch);
                }
            });
            flush(batch);
        } catch (IOException | RuntimeException e) {
            reject("cannot read the CSV: " + e.getMessage());
            return Result.PARTIAL;
        }
        return rejected.get() == 0 ? Result.COMPLETED : Result.PARTIAL;
    }

    private PendingEvent event(SuppressionCsvReader.Line line) {
        NormalizedAddress address = Params.address(normalizer, line.address());
        String scope = Params.storedScope(normalizer, line.scope().orElse(null), Optional.of(request.defaultScope())).get();
        String reason = line.reason().isPresent() ? Params.storedReason(line.reason().get()).orElse(null) : request.defaultReason();
        Instant until = line.until().isPresent() ? Params.time("until", line.until().get(), true).orElse(null)
            : request.defaultUntil();
        return SuppressionWriter.importEvent(address.key(), scope, reason, until, request.by());
    }

    private void flush(List<PendingEvent> batch) {
        if (!batch.isEmpty()) {
            writer.imported(List.copyOf(batch));
            imported.addAndGet(batch.size());
            batch.clear();
        }
    }

    private synchronized void reject(String message) {
        rejected.incrementAndGet();
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        }
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        return Optional.of(new Progress(lines.get(), imported.get(), rejected.get(), currentErrors(),
            Scopes.api(request.defaultScope()) == null ? "global" : request.defaultScope(), Instant.now()));
    }

    private synchronized List<String> currentErrors() {
        return List.copyOf(errors);
    }

    /** The progress shown at {@code /tasks/{id}}. */
    public record Progress(long lines, long imported, long rejected, List<String> errors, String scope, Instant timestamp)
        implements TaskExecutionDetails.AdditionalInformation {
    }
}
