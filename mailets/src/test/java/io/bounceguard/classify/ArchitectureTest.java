package io.bounceguard.classify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The classifier core and its CLI stay free of javax.mail / jakarta.mail and of James's server and mailet API. */
class ArchitectureTest {

    static {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.tngtech"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bounceguard.classify", "io.bounceguard.cli");

    @Test
    void theCoreDoesNotUseJavaMailNorJamesServerClasses() {
        noClasses().that().resideInAnyPackage("io.bounceguard.classify..", "io.bounceguard.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.mail..", "jakarta.mail..",
                        "org.apache.mailet..", "org.apache.james.server..", "org.apache.james.transport..",
                        "org.apache.james.core..", "org.apache.james.mime4j.dom..")
                .because("the classifier parses raw bytes with mime4j's streaming parser only")
                .check(CORE);
    }

    @Test
    void theCoreReallyParsesWithMime4jStreaming() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().haveFullyQualifiedName("io.bounceguard.classify.mime.MessageReader")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.james.mime4j.stream.MimeTokenStream")
                .check(CORE);
    }
}
