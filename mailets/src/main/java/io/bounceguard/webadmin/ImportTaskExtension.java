package io.bounceguard.webadmin;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.TaskExtensionModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;

/**
 * Lets James show the import's progress at {@code /tasks/{id}}: list this class as
 * {@code guice.extension.task=io.bounceguard.webadmin.ImportTaskExtension} in {@code extensions.properties}.
 */
public class ImportTaskExtension implements TaskExtensionModule {

    /** The JSON form of {@link SuppressionImportTask.Progress}. */
    public record ProgressDTO(String type, long lines, long imported, long rejected, List<String> errors, String scope,
                              Instant timestamp) implements AdditionalInformationDTO {
        @Override
        public String getType() {
            return type;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }

    static final AdditionalInformationDTOModule<SuppressionImportTask.Progress, ProgressDTO> PROGRESS =
        DTOModule.forDomainObject(SuppressionImportTask.Progress.class)
            .convertToDTO(ProgressDTO.class)
            .toDomainObjectConverter(dto -> new SuppressionImportTask.Progress(dto.lines(), dto.imported(), dto.rejected(),
                dto.errors(), dto.scope(), dto.timestamp()))
            .toDTOConverter((progress, type) -> new ProgressDTO(type, progress.lines(), progress.imported(), progress.rejected(),
                progress.errors(), progress.scope(), progress.timestamp()))
            .typeName(SuppressionImportTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);

    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of();
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO>>
        taskAdditionalInformationDTOModules() {
        return Set.of(PROGRESS);
    }
}
