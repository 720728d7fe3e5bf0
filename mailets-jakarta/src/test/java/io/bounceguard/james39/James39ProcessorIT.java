package io.bounceguard.james39;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.mailetcontainer.impl.MailetProcessorImpl;
import org.apache.james.mailetcontainer.impl.MatcherMailetPair;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.james.utils.ExtendedClassLoader;
import org.apache.james.utils.ExtensionConfiguration;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceMailetLoader;
import org.apache.james.utils.GuiceMatcherLoader;
import org.apache.james.utils.PropertiesProvider;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.inject.Guice;
import com.google.inject.Injector;

import io.bounceguard.james39.Arrivals.Arrival;
import io.bounceguard.mailet.IsBounceCandidate;
import io.bounceguard.mailet.IsSuppressedRecipient;
import io.bounceguard.mailet.RecordBounce;
import io.bounceguard.mailet.RecordSuppressedDelivery;
import io.bounceguard.policy.SuppressionList;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventQuery;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.StoreSettings;

/**
 * Bounce Guard's jakarta jar in a real James 3.9.0 mailet container: James's own configuration
 * reading ({@code conf/mailetcontainer.xml}, {@code conf/extensions.properties}), Guice extension
 * loading and processor tree, with Bounce Guard's default H2 store under the working directory.
 * Mail is handed to the processor tree as the spooler does. The tests run in order: the relay
 * test relies on the bounce recorded by the DSN test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class James39ProcessorIT {
    private static final String SENDER = "news@james.local";
    private static final String BOUNCED = "a@remote.test";
    private static final String DELIVERABLE = "b@remote.test";

    private static final Arrivals ARRIVALS = new Arrivals();
    private static Path workingDirectory;
    private static CompositeProcessorImpl processor;
    private static BounceStore store;

    @BeforeAll
    static void startMailetContainer() throws Exception {
        workingDirectory = Path.of(System.getProperty("james39.workdir")).toAbsolutePath();
        deleteRecursively(workingDirectory);
        Path conf = Files.createDirectories(workingDirectory.resolve("conf"));
        for (String file : List.of("mailetcontainer.xml", "extensions.properties")) {
            try (InputStream in = resource(file)) {
                Files.copy(in, conf.resolve(file));
            }
        }

        Configuration configuration = Configuration.builder().workingDirectory(workingDirectory.toFile()).build();
        FileSystemImpl fileSystem = new FileSystemImpl(configuration.directories());
        PropertiesProvider propertiesProvider = new PropertiesProvider(fileSystem, configuration.configurationPath());
        RecordingMetricFactory metricFactory = new RecordingMetricFactory();
        Injector james = Guice.createInjector(binder -> {
            binder.bind(MetricFactory.class).toInstance(metricFactory);
            binder.bind(FileSystem.class).toInstance(fileSystem);
            binder.bind(PropertiesProvider.class).toInstance(propertiesProvider);
            binder.bind(Arrivals.class).toInstance(ARRIVALS);
        });
        GuiceGenericLoader loader = new GuiceGenericLoader(james, new ExtendedClassLoader(fileSystem),
            ExtensionConfiguration.from(propertiesProvider.getConfiguration("extensions")));
        processor = new CompositeProcessorImpl(metricFactory,
            FakeMailContext.builder().postmaster(new MailAddress("postmaster@james.local")).build(),
            new GuiceMatcherLoader(loader), new GuiceMailetLoader(loader, Set.of()));
        processor.configure(new FileConfigurationProvider(fileSystem, configuration)
            .getConfiguration("mailetcontainer").configurationAt("processors"));
        processor.init();

        store = BounceStore.open(StoreSettings.defaults(workingDirectory));
    }

    @AfterAll
    static void stopMailetContainer() {
        if (processor != null) {
            processor.dispose();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Order(1)
    void theContainerRunsTheClassesOfTheJakartaJar() throws Exception {
        assertThat(mailet("bounce-guard-inbound", 0)).isInstanceOf(RecordBounce.class);
        assertThat(mailet("bounce-guard-suppressed", 0)).isInstanceOf(RecordSuppressedDelivery.class);
        assertThat(matcher("root", 2)).isInstanceOf(IsBounceCandidate.class);
        assertThat(matcher("relay", 0)).isInstanceOf(IsSuppressedRecipient.class);

        for (Class<?> type : List.of(RecordBounce.class, RecordSuppressedDelivery.class, IsBounceCandidate.class,
                IsSuppressedRecipient.class, BounceStore.class)) {
            assertThat(jarOf(type).getFileName().toString())
                .as("where %s was loaded from", type.getName())
                .matches("bounce-guard-mailets-jakarta-.+\\.jar");
        }
        assertThat(RecordBounce.class.getMethod("service", Mail.class).getExceptionTypes())
            .containsExactly(MessagingException.class);
        assertThat(IsSuppressedRecipient.class.getConstructor(SuppressionList.class)
            .isAnnotationPresent(Inject.class)).isTrue();
        assertThatThrownBy(() -> Class.forName("javax.mail.MessagingException"))
            .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    @Order(2)
    void aDsnAtRootIsClassifiedAndRecordedInTheStore() throws Exception {
        MailImpl dsn = MailImpl.builder()
            .name("dsn-1")
            .sender(MaybeSender.nullSender())
            .addRecipient(SENDER)
            .state(Mail.DEFAULT)
            .mimeMessage(message(new String(resource("dsn-user-unknown.eml").readAllBytes(), StandardCharsets.US_ASCII)))
            .build();

        processor.service(dsn);

        assertThat(ARRIVALS.of("dsn-1"))
            .containsExactly(new Arrival("ToRepository memory://var/mail/bounce-guard/", "dsn-1", List.of(SENDER), "dsn"));
        List<BounceEvent> events = store.findEvents(EventQuery.builder().recipient(BOUNCED).build());
        assertThat(events).hasSize(1);
        BounceEvent event = events.get(0);
        assertThat(event.source()).isEqualTo(EventSource.INBOUND_DSN);
        assertThat(event.status()).isEqualTo("5.1.1");
        assertThat(event.replyCode()).isEqualTo(550);
        assertThat(event.reason()).isEqualTo("userunknown");
        assertThat(event.bounceType()).isEqualTo("hard");
        assertThat(event.originalSender()).isEqualTo(SENDER);
    }

    @Test
    @Order(3)
    void atRelayTheBouncedRecipientIsSplitOffAndRecordedWhileTheOtherContinues() throws Exception {
        MailImpl newsletter = MailImpl.builder()
            .name("news-1")
            .sender(SENDER)
            .addRecipients(BOUNCED, DELIVERABLE)
            .state("relay")
            .mimeMessage(message(plainMessage("Monthly news", BOUNCED + ", " + DELIVERABLE)))
            .build();

        processor.service(newsletter);

        assertThat(ARRIVALS.of("news-1"))
            .containsExactly(new Arrival("RemoteDelivery", "news-1", List.of(DELIVERABLE), null));
        List<BounceEvent> bouncedEvents = store.findEvents(EventQuery.builder().recipient(BOUNCED).build());
        assertThat(bouncedEvents).extracting(BounceEvent::source)
            .containsExactly(EventSource.SUPPRESSED_AT_RELAY, EventSource.INBOUND_DSN);
        assertThat(bouncedEvents.get(0).originalSender()).isEqualTo(SENDER);
        assertThat(store.findEvents(EventQuery.builder().recipient(DELIVERABLE).build())).isEmpty();
    }

    @Test
    @Order(4)
    void anOrdinaryMailAtRootIsNotTakenForABounce() throws Exception {
        MailImpl ordinary = MailImpl.builder()
            .name("ordinary-1")
            .sender(SENDER)
            .addRecipient("c@remote.test")
            .state(Mail.DEFAULT)
            .mimeMessage(message(plainMessage("Hello", "c@remote.test")))
            .build();

        processor.service(ordinary);

        assertThat(ARRIVALS.of("ordinary-1"))
            .containsExactly(new Arrival("transport", "ordinary-1", List.of("c@remote.test"), null));
        assertThat(store.findEvents(EventQuery.builder().recipient("c@remote.test").build())).isEmpty();
    }

    private static Object mailet(String state, int index) {
        return pair(state, index).getMailet();
    }

    private static Object matcher(String state, int index) {
        return pair(state, index).getMatcher();
    }

    private static MatcherMailetPair pair(String state, int index) {
        return ((MailetProcessorImpl) processor.getProcessor(state)).getPairs().get(index);
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String plainMessage(String subject, String to) {
        return "From: " + SENDER + "\n"
            + "To: " + to + "\n"
            + "Subject: " + subject + "\n"
            + "Message-ID: <" + subject.hashCode() + "@james.local>\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=UTF-8\n"
            + "\n"
            + "Hello.\n";
    }

    private static MimeMessage message(String text) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static InputStream resource(String name) {
        InputStream in = James39ProcessorIT.class.getResourceAsStream("/james39/" + name);
        if (in == null) {
            throw new IllegalStateException("test resource james39/" + name + " is missing");
        }
        return in;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
